using AlphaSharp.Data;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Tests.Support;
using AlphaSharp.Models.Training;
using AlphaSharp.Models.WalkForward;

namespace AlphaSharp.Models.Tests.WalkForward;

/// <summary>A small walk-forward study on the planted-signal market: three windows of a two-epoch MLP.</summary>
internal static class WalkForwardFixture
{
    public static SyntheticMarket Market() => new(seed: 7, instruments: 40, days: 260, signalStrength: 1.5);

    public static Dataset Dataset(MarketData data)
    {
        var cal = data.Calendar;
        var spec = new DatasetSpec(NeuralModelTests.Features, DatasetSpec.QlibLabel, 2, [new Segment("all", cal.First, cal.Last)],
            LabelNorm.CsZScore, new FeatureProcessing(FeatureNorm.RobustZScore));
        return AlphaSharp.Models.Datasets.Dataset.Build(data, spec);
    }

    /// <summary>Tests from July to December 2019, retrained every two months on four months, the last one validation.</summary>
    public static WalkForwardOptions Options(TrainingWindow window = TrainingWindow.Expanding) => new()
    {
        Start = new DateOnly(2019, 7, 1), End = new DateOnly(2019, 12, 31), RetrainMonths = 2, TrainMonths = 4, ValidMonths = 1, Window = window,
    };

    public static IModel Mlp(int windowIndex) => new NeuralModel(
        NeuralModelTests.Config("mlp") with { HiddenSizes = [16] },
        new TrainerOptions { Epochs = 2, BatchSize = 256, LearningRate = 3e-3, Patience = 4, Seed = 11 + (ulong)windowIndex });

    public static string TempDirectory() => Path.Combine(Path.GetTempPath(), $"alphasharp-wf-{Guid.NewGuid():N}");
}
