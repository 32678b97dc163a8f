using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Ensembles;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Tests.Ensembles;

/// <summary>A seed ensemble predicts its members' mean, reports each seed beside itself, and is one model when K = 1.</summary>
public class SeedEnsembleTests
{
    private static NeuralModel Member(ulong seed) =>
        new(NeuralModelTests.Config("mlp") with { HiddenSizes = [16] }, NeuralModelTests.Fast(seed) with { Epochs = 2 });

    private static (ModelData Train, ModelData Valid, ModelData Test) Data(Dataset ds, IModel model)
    {
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        return (ds.ModelData(ds.Span("train"), model.Input, normalizer, true), ds.ModelData(ds.Span("valid"), model.Input, normalizer, true),
            ds.ModelData(ds.Span("test"), model.Input, normalizer, false));
    }

    [Fact]
    public void ThePredictionIsTheMeanOfMembersFittedIndependentlyAndEachSeedIsReported()
    {
        var ds = NeuralModelTests.Build();
        var ensemble = new SeedEnsemble(Member, firstSeed: 5, count: 3);
        var (train, valid, test) = Data(ds, ensemble);
        ensemble.Fit(train, valid, new FitContext());
        Assert.Equal([5UL, 6UL, 7UL], ensemble.Seeds);

        var alone = new[] { 5UL, 6UL, 7UL }.Select(s =>
        {
            var m = Member(s);
            m.Fit(train, valid, new FitContext());
            return m;
        }).ToArray();
        var testScores = alone.Select(m => m.Predict(test)).ToArray();
        Assert.False(testScores[0].AsSpan().SequenceEqual(testScores[1]), "different seeds must give different members");
        var mean = Enumerable.Range(0, test.Count).Select(j => (float)((testScores[0][j] + (double)testScores[1][j] + testScores[2][j]) / 3)).ToArray();
        Assert.Equal(mean, ensemble.Predict(test));

        var report = ensemble.Report!;
        Assert.Equal([5UL, 6UL, 7UL], report.Members.Select(m => m.Seed));
        for (var k = 0; k < 3; k++)
        {
            var own = ValidationMetrics.Of(valid, alone[k].Predict(valid));
            Assert.Equal(own.Loss, report.Members[k].ValidLoss);
            Assert.Equal(own.Ic, report.Members[k].ValidIc);
        }
        var pooled = ValidationMetrics.Of(valid, ensemble.Predict(valid));
        Assert.Equal(pooled.Ic, report.ValidIc);
        Assert.Equal(pooled.Loss, report.ValidLoss);
        Assert.NotEqual(report.Members[0].ValidIc, report.ValidIc);
    }

    [Fact]
    public void OneMemberIsTheSingleModel()
    {
        var ds = NeuralModelTests.Build();
        var ensemble = new SeedEnsemble(Member, firstSeed: 9, count: 1);
        var single = Member(9);
        var (train, valid, test) = Data(ds, single);
        ensemble.Fit(train, valid, new FitContext());
        single.Fit(train, valid, new FitContext());
        Assert.Equal(single.Predict(test), ensemble.Predict(test));
    }

    [Fact]
    public void ASavedEnsemblePredictsTheSameBitsAfterLoading()
    {
        var ds = NeuralModelTests.Build();
        var ensemble = new SeedEnsemble(Member, firstSeed: 1, count: 2);
        var (train, valid, test) = Data(ds, ensemble);
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-ensemble-{Guid.NewGuid():N}");
        try
        {
            ensemble.Fit(train, valid, new FitContext(dir));
            Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, SeedEnsemble.ReportFile)).Length); // header, 2 seeds, the ensemble
            ensemble.Save(dir);
            var loaded = SeedEnsemble.Load(dir, NeuralModel.Load);
            Assert.Equal(ensemble.Predict(test), loaded.Predict(test));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void NoMemberIsASettingError()
    {
        var e = Assert.Throws<SettingException>(() => new SeedEnsemble(Member, 1, 0));
        Assert.Equal("seeds", e.Setting);
    }
}
