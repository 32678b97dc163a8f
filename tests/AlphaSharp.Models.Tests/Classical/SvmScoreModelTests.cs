using AlphaSharp.Models.Classical;
using AlphaSharp.Models.Classical.Svm;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.Tests.Classical;

public class SvmScoreModelTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheSvmOnThePlantedSignalRanksTheValidationSpanAndRoundTrips(bool classify)
    {
        var ds = NeuralModelTests.Build(days: 230);
        var model = new SvmScoreModel(new SvmOptions { C = 1, Kernel = SvmKernelType.Rbf }, classify);
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var train = ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true);
        var valid = ds.ModelData(ds.Span("valid"), model.Input, normalizer, forFitting: true);
        var report = model.Fit(train, valid, new FitContext());
        Assert.Equal(classify ? "accuracy" : "loss", report.Metric);
        var ic = NeuralModelTests.SpearmanByDay(valid.Samples, model.Predict(valid), valid.Labels!);
        Assert.True(ic > 0.25, $"svm ({(classify ? "classifier" : "regression")}): validation rank IC {ic:F3}");
        if (classify) Assert.True(report.BestScore > 0.6, $"accuracy {report.BestScore:F3}");
        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-svm-{Guid.NewGuid():N}");
        try
        {
            model.Save(dir);
            Assert.Equal(model.Predict(valid), SvmScoreModel.Load(dir, model.Options).Predict(valid));
        }
        finally { Directory.Delete(dir, true); }
    }
}
