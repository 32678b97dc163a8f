using AlphaSharp.Models.Classical;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.Tests.Classical;

public class LinearModelTests
{
    [Fact]
    public void OlsOnThePlantedSignalFindsItAndRoundTripsThroughItsFile()
    {
        var ds = NeuralModelTests.Build();
        var model = new LinearModel();
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var train = ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true);
        var valid = ds.ModelData(ds.Span("valid"), model.Input, normalizer, forFitting: true);
        var report = model.Fit(train, valid, new FitContext());
        Assert.True(double.IsFinite(report.BestScore));
        // The planted feature (index 3, "sig") carries the largest coefficient.
        var c = model.Regression.Coefficients;
        Assert.Equal(3, Array.IndexOf(c, c.MaxBy(Math.Abs)));
        var ic = NeuralModelTests.SpearmanByDay(valid.Samples, model.Predict(valid), valid.Labels!);
        Assert.True(ic > 0.25, $"linear: validation rank IC {ic:F3}");
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-linear-{Guid.NewGuid():N}");
        try
        {
            model.Save(dir);
            Assert.Equal(model.Predict(valid), LinearModel.Load(dir).Predict(valid));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ANegativeRidgePenaltyNamesItsSetting() =>
        Assert.StartsWith("alpha -1", Assert.Throws<Common.SettingException>(() => new LinearModel(-1)).Message);
}
