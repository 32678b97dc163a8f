using AlphaSharp.Common;
using AlphaSharp.Factors;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Tests.Support;

namespace AlphaSharp.Models.Tests.Datasets;

/// <summary>Qlib's Alpha360 reshape: a row of fields x days features, field-major, read as a [days, fields] sequence.</summary>
public class FieldSequenceTests
{
    // Two fields of three days each, oldest first within a field, as Alpha360 orders CLOSE59 ... CLOSE0.
    private static readonly Feature[] Features =
    [
        new("CLOSE2", "Ref($close,2)/$close"), new("CLOSE1", "Ref($close,1)/$close"), new("CLOSE0", "$close/$close"),
        new("VOLUME2", "Ref($volume,2)/($volume+1e-12)"), new("VOLUME1", "Ref($volume,1)/($volume+1e-12)"), new("VOLUME0", "$volume/($volume+1e-12)"),
    ];

    [Fact]
    public void EachSampleIsItsRowTransposedFromFieldsByDaysToDaysByFields()
    {
        var market = new SyntheticMarket(4);
        var engine = new FactorEngine(market.Data);
        var cube = FeatureCube.Build(engine, Features);
        var label = engine.Evaluate("Ref($close,-2)/Ref($close,-1)-1", Factors.Expressions.ExpressionRole.Label);
        var samples = SampleIndex.Build(new SegmentSpan("train", 3, market.T - 3, 0), market.N, market.T, market.Members, label);
        var normalizer = FeatureNormalizer.Fit(cube, samples, new FeatureProcessing(FeatureNorm.ZScore));
        var rows = new WindowSampler(cube, normalizer, SampleShape.Rows, 1);
        var sequences = new WindowSampler(cube, normalizer, SampleShape.FieldSequence, 3);
        Assert.Equal([5, 3, 2], sequences.BatchShape(5));
        Assert.Equal(6, sequences.SampleSize);

        var positions = Enumerable.Range(0, samples.Count).ToArray();
        var r = new float[positions.Length * 6];
        var s = new float[positions.Length * 6];
        rows.Fill(samples, positions, r);
        sequences.Fill(samples, positions, s);
        for (var k = 0; k < positions.Length; k++)
            for (var day = 0; day < 3; day++)
                for (var field = 0; field < 2; field++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(r[k * 6 + field * 3 + day]), BitConverter.SingleToInt32Bits(s[k * 6 + day * 2 + field]));
    }

    [Fact]
    public void ARowThatIsNotWholeFieldsIsASettingErrorAndAFieldRowsNetReadsFieldSequences()
    {
        var market = new SyntheticMarket(4);
        var cube = FeatureCube.Build(new FactorEngine(market.Data), Features);
        var normalizer = new FeatureNormalizer(FeatureNorm.None, new float[6], Enumerable.Repeat(1f, 6).ToArray(), 0, 0);
        Assert.Throws<SettingException>(() => new WindowSampler(cube, normalizer, SampleShape.FieldSequence, 4));
        var lstm = new NeuralModel(new NetConfig { Kind = "lstm", Features = 2, Window = 3, FieldRows = true }, NeuralModelTests.Fast());
        Assert.Equal(new ModelInput(SampleShape.FieldSequence, 3), lstm.Input);
        var plain = new NeuralModel(new NetConfig { Kind = "lstm", Features = 6, Window = 3 }, NeuralModelTests.Fast());
        Assert.Equal(new ModelInput(SampleShape.Sequence, 3), plain.Input);
        // A window step reaches the sampler through the net's input, and only a sequence of days can step.
        var weekly = new NeuralModel(new NetConfig { Kind = "lstm", Features = 6, Window = 3, WindowStep = 5 }, NeuralModelTests.Fast());
        Assert.Equal(new ModelInput(SampleShape.Sequence, 3, 5), weekly.Input);
        Assert.Contains("window_step", Assert.Throws<SettingException>(() => new WindowSampler(cube, normalizer, SampleShape.FieldSequence, 3, 5)).Message);
        Assert.Contains("window_step", Assert.Throws<SettingException>(() => new WindowSampler(cube, normalizer, SampleShape.Rows, 1, 2)).Message);
    }
}
