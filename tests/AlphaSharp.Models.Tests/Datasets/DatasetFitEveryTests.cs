using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Tests.Support;

namespace AlphaSharp.Models.Tests.Datasets;

/// <summary>DatasetSpec.FitEvery: fitting samples from every n-th day of their span, prediction from every day.</summary>
public class DatasetFitEveryTests
{
    private static DatasetSpec Spec(SyntheticMarket market, int every)
    {
        var cal = market.Calendar;
        return new DatasetSpec(NeuralModelTests.Features, DatasetSpec.QlibLabel, 2,
            [new Segment("train", cal[0], cal[159]), new Segment("valid", cal[160], cal[209]), new Segment("test", cal[210], cal[^1])],
            FitEvery: every);
    }

    [Fact]
    public void Fitting_samples_keep_every_nth_day_from_the_span_start_and_prediction_keeps_all()
    {
        var market = new SyntheticMarket(5, instruments: 20, days: 260);
        var every = Dataset.Build(market.Data, Spec(market, 1));
        var fifth = Dataset.Build(market.Data, Spec(market, 5));
        var input = new NeuralModel(NeuralModelTests.Config("lstm"), NeuralModelTests.Fast()).Input;
        foreach (var segment in new[] { "train", "valid" })
        {
            var span = fifth.Span(segment);
            var all = every.ModelData(span, input, every.FitNormalizer(every.Span("train")), forFitting: true);
            var some = fifth.ModelData(span, input, fifth.FitNormalizer(fifth.Span("train")), forFitting: true);
            // The kept samples are exactly the all-days samples on days first, first + 5, ... with the same labels.
            var expected = Enumerable.Range(0, all.Count).Where(k => (all.Samples.Days[k] - span.First) % 5 == 0).ToArray();
            Assert.Equal(expected.Select(k => (all.Samples.Days[k], all.Samples.Instruments[k])), Enumerable.Range(0, some.Count).Select(k => (some.Samples.Days[k], some.Samples.Instruments[k])));
            Assert.Equal(expected.Select(k => all.Labels![k]), some.Labels!);
            Assert.InRange(some.Count, all.Count / 5 - 40, all.Count / 5 + 40);
        }
        var test = fifth.Span("test");
        Assert.Equal(every.ModelData(test, input, every.FitNormalizer(every.Span("train")), forFitting: false).Count,
            fifth.ModelData(test, input, fifth.FitNormalizer(fifth.Span("train")), forFitting: false).Count);
    }

    [Fact]
    public void A_step_below_one_is_refused_by_name()
    {
        var market = new SyntheticMarket(5, instruments: 5, days: 260);
        Assert.Contains("fit_every", Assert.Throws<SettingException>(() => Dataset.Build(market.Data, Spec(market, 0))).Message);
    }
}
