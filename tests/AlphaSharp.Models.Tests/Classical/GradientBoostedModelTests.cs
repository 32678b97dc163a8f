using AlphaSharp.Models.Classical;

namespace AlphaSharp.Models.Tests.Classical;

public class GradientBoostedModelTests
{
    [Fact]
    public void LightGbmOnThePlantedSignalFindsItStopsOnValidationAndRoundTrips()
    {
        var ds = NeuralModelTests.Build();
        using var model = new GradientBoostedModel(new LightGbmParameters
        {
            NumLeaves = 15, MaxDepth = 4, LearningRate = 0.1, NumBoostRound = 300, EarlyStoppingRounds = 10, MinDataInLeaf = 20, NumThreads = 2, Seed = 3,
        });
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var train = ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true);
        var valid = ds.ModelData(ds.Span("valid"), model.Input, normalizer, forFitting: true);
        var report = model.Fit(train, valid, new FitContext());
        Assert.True(report.Epochs < 300, $"early stopping never stopped ({report.Epochs} rounds)");
        Assert.Equal(report.Log.Min(e => e.ValidLoss), report.BestScore, 6);
        var ic = NeuralModelTests.SpearmanByDay(valid.Samples, model.Predict(valid), valid.Labels!);
        Assert.True(ic > 0.3, $"lightgbm: validation rank IC {ic:F3}");
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-lgbm-{Guid.NewGuid():N}");
        try
        {
            model.Save(dir);
            using var loaded = GradientBoostedModel.Load(dir);
            Assert.Equal(model.Predict(valid), loaded.Predict(valid));
        }
        finally { Directory.Delete(dir, true); }
    }
}
