using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Tests.Support;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Tests;

/// <summary>
/// Every network on a planted signal: the synthetic market's return from t + 1 to t + 2 follows a value known at t,
/// hidden among noise features, and each network must find it on the validation span from a fixed seed.
/// </summary>
public class NeuralModelTests
{
    internal static readonly Feature[] Features =
    [
        new("ret1", "$close/Ref($close,1)-1"),
        new("ma5", "Mean($close,5)/$close-1"),
        new("vol", "Log($volume+1)"),
        new("sig", "$signal"),
    ];

    internal static Dataset Build(int seed = 7, double strength = 1.5, int days = 260, double persistence = 0, Feature[]? features = null)
    {
        var market = new SyntheticMarket(seed, instruments: 40, days: days, signalStrength: strength, signalPersistence: persistence);
        var cal = market.Calendar;
        var spec = new DatasetSpec(features ?? Features, DatasetSpec.QlibLabel, 2,
            [new Segment("train", cal[0], cal[159]), new Segment("valid", cal[160], cal[209]), new Segment("test", cal[210], cal[^1])],
            LabelNorm.CsZScore, new FeatureProcessing(FeatureNorm.RobustZScore));
        return Dataset.Build(market.Data, spec);
    }

    internal static NetConfig Config(string kind) => new()
    {
        Kind = kind, Features = Features.Length, Window = kind == "mlp" ? 1 : 8, Hidden = 16, Layers = 1, HiddenSizes = [32],
    };

    internal static TrainerOptions Fast(ulong seed = 3) => new() { Epochs = 12, BatchSize = 128, LearningRate = 3e-3, Patience = 4, Seed = seed };

    internal static double RankIc(Dataset ds, NeuralModel model, string segment)
    {
        var span = ds.Span(segment);
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var data = ds.ModelData(span, model.Input, normalizer, forFitting: true);
        var scores = model.Predict(data);
        return SpearmanByDay(data.Samples, scores, data.Labels!);
    }

    internal static double SpearmanByDay(SampleIndex samples, float[] scores, float[] labels)
    {
        double sum = 0;
        var days = 0;
        foreach (var day in samples.Days.Distinct())
        {
            var idx = Enumerable.Range(0, samples.Count).Where(k => samples.Days[k] == day).ToArray();
            if (idx.Length < 3) continue;
            var ic = AlphaSharp.Evaluation.Factor.Correlation.Spearman(idx.Select(k => (double)scores[k]).ToArray(), idx.Select(k => (double)labels[k]).ToArray());
            if (double.IsNaN(ic)) continue;
            sum += ic;
            days++;
        }
        return sum / days;
    }

    private static (NeuralModel Model, FitReport Report) Fit(Dataset ds, string kind, TrainerOptions options, string? dir = null) =>
        Fit(ds, Config(kind), options, dir);

    internal static (NeuralModel Model, FitReport Report) Fit(Dataset ds, NetConfig config, TrainerOptions options, string? dir = null)
    {
        var model = new NeuralModel(config, options);
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var train = ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true);
        var valid = ds.ModelData(ds.Span("valid"), model.Input, normalizer, forFitting: true);
        return (model, model.Fit(train, valid, new FitContext(dir)));
    }

    [Theory]
    [InlineData("mlp", 0.25)]
    [InlineData("lstm", 0.25)]
    [InlineData("gru", 0.25)]
    [InlineData("rnn", 0.2)]
    [InlineData("keras_lstm", 0.2)]
    public void EachNetworkFindsThePlantedSignal(string kind, double minRankIc)
    {
        AssertFindsSignal(Build(), Config(kind), Fast(), minRankIc);
    }

    /// <summary>Fits and requires the validation rank IC above <paramref name="minRankIc"/> and below what the planted value itself gives.</summary>
    internal static void AssertFindsSignal(Dataset ds, NetConfig config, TrainerOptions options, double minRankIc, Action<string>? log = null)
    {
        var (model, report) = Fit(ds, config, options);
        var ic = RankIc(ds, model, "valid");
        log?.Invoke($"{config.Kind}: validation rank IC {ic:F4} after {report.Epochs} epochs (best {report.BestEpoch})");
        Assert.True(ic > minRankIc, $"{config.Kind}: validation rank IC {ic:F3} after {report.Epochs} epochs (best {report.BestEpoch})");
        // An upper bound from the truth itself: no model beats ranking by the planted value.
        Assert.True(ic < 0.75, $"{config.Kind}: rank IC {ic:F3} is too good to be honest");
    }

    /// <summary>Saves and loads <paramref name="model"/> and requires the same test predictions, bit for bit.</summary>
    internal static void AssertReloadsToTheSameBits(Dataset ds, NeuralModel model)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-model-{Guid.NewGuid():N}");
        try
        {
            model.Save(dir);
            var loaded = NeuralModel.Load(dir);
            Assert.Equal(model.Config.Kind, loaded.Config.Kind);
            var normalizer = ds.FitNormalizer(ds.Span("train"));
            var test = ds.ModelData(ds.Span("test"), model.Input, normalizer, forFitting: false);
            Assert.Equal(model.Predict(test), loaded.Predict(test));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("keras_lstm")]
    public void ASavedModelPredictsTheSameBitsAfterLoading(string kind)
    {
        var ds = Build();
        AssertReloadsToTheSameBits(ds, Fit(ds, kind, Fast() with { Epochs = 3 }).Model);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBitsAndAnotherSeedDoesNot()
    {
        var ds = Build();
        var a = Fit(ds, "lstm", Fast() with { Epochs = 3 }).Model.Net.StateDict();
        var b = Fit(ds, "lstm", Fast() with { Epochs = 3 }).Model.Net.StateDict();
        var c = Fit(ds, "lstm", Fast(seed: 4) with { Epochs = 3 }).Model.Net.StateDict();
        Assert.All(a, p => Assert.Equal(p.Value.Data, b[p.Key].Data));
        Assert.Contains(a, p => !p.Value.Data.AsSpan().SequenceEqual(c[p.Key].Data));
    }

    [Fact]
    public void AKilledFitResumesToTheParametersOfAnUninterruptedOne()
    {
        var ds = Build();
        var options = Fast() with { Epochs = 6, Patience = 10 };
        var straight = Fit(ds, "lstm", options).Model.Net.StateDict();
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-resume-{Guid.NewGuid():N}");
        try
        {
            // A kill after the third epoch: the fit stops by cancellation at the fourth epoch's start.
            var model = new NeuralModel(Config("lstm"), options);
            var normalizer = ds.FitNormalizer(ds.Span("train"));
            var train = ds.ModelData(ds.Span("train"), model.Input, normalizer, true);
            var valid = ds.ModelData(ds.Span("valid"), model.Input, normalizer, true);
            using var cts = new CancellationTokenSource();
            var epochsSeen = 0;
            Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(train, valid, new FitContext(dir, p =>
            {
                if (p.EpochDone && ++epochsSeen == 3) cts.Cancel();
            }, cts.Token)));
            Assert.True(File.Exists(Path.Combine(dir, "last.safetensors")));
            Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "epochs.csv")).Length); // header + 3 epochs

            var again = new NeuralModel(Config("lstm"), options); // a new process: fresh weights
            var report = again.Fit(train, valid, new FitContext(dir));
            Assert.Equal(6, report.Log.Count);
            Assert.All(straight, p => Assert.Equal(p.Value.Data, again.Net.StateDict()[p.Key].Data));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
