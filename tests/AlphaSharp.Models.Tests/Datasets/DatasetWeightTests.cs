using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Tests.Support;

namespace AlphaSharp.Models.Tests.Datasets;

public class DatasetWeightTests
{
    private static DatasetSpec Spec(SyntheticMarket market, string? weight)
    {
        var cal = market.Calendar;
        return new DatasetSpec(NeuralModelTests.Features, DatasetSpec.QlibLabel, 2,
            [new Segment("train", cal[0], cal[159]), new Segment("valid", cal[160], cal[209]), new Segment("test", cal[210], cal[^1])],
            Weight: weight);
    }

    private static ModelData Data(Dataset ds, string segment, bool forFitting)
    {
        var input = new NeuralModel(NeuralModelTests.Config("mlp"), NeuralModelTests.Fast()).Input;
        return ds.ModelData(ds.Span(segment), input, ds.FitNormalizer(ds.Span("train")), forFitting);
    }

    [Fact]
    public void AWeightExpressionIsEvaluatedAsAFeatureAndEachFittingSampleCarriesItsValueAtT()
    {
        var market = new SyntheticMarket(11, instruments: 20, days: 260);
        var panel = market.Data.Panel;
        var signal = panel.Field("signal");
        var ds = Dataset.Build(market.Data, Spec(market, "Abs($signal)+1"));
        for (var cell = 0; cell < signal.Length; cell++) Assert.Equal(MathF.Abs(signal[cell]) + 1, ds.Weight![cell], 6);

        // The synthetic market's signal is NaN on some member days, which a fitting weight may not be: a panel with
        // those cells set to 1 stands in, and each sample reads its own (instrument, day) cell.
        var weight = ds.Weight!.Select(v => float.IsFinite(v) ? v : 1f).ToArray();
        var given = Dataset.Build(market.Data, Spec(market, null), weight: weight);
        var train = Data(given, "train", forFitting: true);
        for (var k = 0; k < train.Count; k++)
            Assert.Equal(weight[train.Samples.Instruments[k] * panel.T + train.Samples.Days[k]], train.Weights![k]);
        Assert.Contains(train.Weights!, w => w != 1f);
        Assert.Null(Data(given, "test", forFitting: false).Weights);
    }

    [Fact]
    public void ANaNOrNegativeFittingWeightNamesTheSampleAndItsSegment()
    {
        var market = new SyntheticMarket(11, instruments: 20, days: 260);
        var panel = market.Data.Panel;
        var weight = Enumerable.Repeat(1f, panel.N * panel.T).ToArray();
        var plain = Dataset.Build(market.Data, Spec(market, null));
        var victim = Data(plain, "valid", forFitting: true);
        var (i, t) = (victim.Samples.Instruments[3], victim.Samples.Days[3]);
        weight[i * panel.T + t] = float.NaN;
        var ds = Dataset.Build(market.Data, Spec(market, null), weight: weight);
        Assert.NotNull(Data(ds, "train", forFitting: true).Weights);
        var e = Assert.Throws<InputException>(() => Data(ds, "valid", forFitting: true));
        Assert.Contains(ds.Cube.Symbols[i], e.Message);
        Assert.Contains($"{ds.Cube.Calendar[t]:yyyy-MM-dd}", e.Message);
        Assert.Contains("segment valid", e.Message);

        weight[i * panel.T + t] = -1f;
        var negative = Dataset.Build(market.Data, Spec(market, null), weight: weight);
        Assert.Throws<InputException>(() => Data(negative, "valid", forFitting: true));
        // Scoring a span reads no weight, so a bad weight there is no error.
        Assert.Null(Data(negative, "valid", forFitting: false).Weights);
    }
}
