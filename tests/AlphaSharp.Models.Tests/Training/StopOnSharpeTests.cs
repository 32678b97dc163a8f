using AlphaSharp.Common;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Tests.Training;

public class StopOnSharpeTests
{
    [Fact]
    public void TheKeptEpochIsTheOneWithTheBestValidationSharpeAndTheLogRecordsIt()
    {
        var ds = NeuralModelTests.Build();
        var (model, report) = NeuralModelTests.Fit(ds, NeuralModelTests.Config("mlp"), NeuralModelTests.Fast() with { Metric = StopMetric.Sharpe, Epochs = 6, Patience = 10 });
        Assert.Equal("sharpe", report.Metric);
        Assert.All(report.Log, e => Assert.True(double.IsFinite(e.ValidSharpe)));
        var best = report.Log.MaxBy(e => e.ValidSharpe)!;
        Assert.Equal(best.Epoch, report.BestEpoch);
        Assert.Equal(best.ValidSharpe, report.BestScore);

        // The kept weights are that epoch's: scoring the validation span again gives its Sharpe.
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var valid = ds.ModelData(ds.Span("valid"), model.Input, normalizer, forFitting: true);
        var again = ValidationMetrics.TopQuintileSharpe(valid.Samples.Days, model.Predict(valid), valid.Returns!);
        Assert.Equal(best.ValidSharpe, again, 9);
        // On a planted signal the top fifth beats the cross-section.
        Assert.True(best.ValidSharpe > 1, $"validation Sharpe {best.ValidSharpe}");
    }

    [Fact]
    public void TheReturnsAreTheRawLabelWhileTheFittingLabelIsNormed()
    {
        var ds = NeuralModelTests.Build();
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var input = new NeuralModel(NeuralModelTests.Config("mlp"), NeuralModelTests.Fast()).Input;
        var valid = ds.ModelData(ds.Span("valid"), input, normalizer, forFitting: true);
        for (var k = 0; k < valid.Count; k++)
        {
            var cell = valid.Samples.Instruments[k] * ds.Cube.T + valid.Samples.Days[k];
            Assert.Equal(ds.Label[cell], valid.Returns![k]);
            Assert.Equal(ds.FittingLabel[cell], valid.Labels![k]);
        }
        Assert.Contains(Enumerable.Range(0, valid.Count), k => valid.Returns![k] != valid.Labels![k]);
    }

    [Fact]
    public void StoppingOnSharpeWithoutReturnsIsASettingError()
    {
        var ds = NeuralModelTests.Build();
        var model = new NeuralModel(NeuralModelTests.Config("mlp"), NeuralModelTests.Fast() with { Metric = StopMetric.Sharpe });
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var train = ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true);
        var full = ds.ModelData(ds.Span("valid"), model.Input, normalizer, forFitting: true);
        var bare = new ModelData(full.Sampler, full.Samples, full.Labels);
        var e = Assert.Throws<SettingException>(() => model.Fit(train, bare, new FitContext(null)));
        Assert.Contains("stop", e.Message);
        Assert.Contains("sharpe", e.Message);
    }
}
