using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Tests.Training;

public class ValidationMetricsTests
{
    [Fact]
    public void TopQuintileSharpeMatchesAHandComputedBacktest()
    {
        int[] days = [.. Enumerable.Repeat(0, 5), .. Enumerable.Repeat(1, 10), .. Enumerable.Repeat(2, 4), .. Enumerable.Repeat(3, 6)];
        float[] scores = [5, 4, 3, 2, 1, 1, 9, 3, 8, 2, 7, 4, 6, 5, 0, 1, 2, 3, 4, 2, 2, 1, 0, float.NaN, 3];
        float[] returns =
        [
            .05f, .01f, 0, -.01f, .02f,
            .01f, .03f, -.02f, .02f, 0, -.01f, .04f, .005f, -.03f, .01f,
            .1f, .2f, .3f, .4f,
            .02f, .01f, 0, -.01f, .5f, .03f,
        ];
        // Day 0: top 1 of 5 earns .05 against a mean of .014 -> .036. Day 1: top 2 of 10 (scores 9 and 8) earn .025
        // against .0055 -> .0195. Day 2 has 4 samples and is skipped. Day 3: the NaN score is left out, top 1 of 5
        // (score 3) earns .03 against .01 -> .02. Mean .0251667, std (ddof 1) .0092376, times sqrt(252).
        var sharpe = ValidationMetrics.TopQuintileSharpe(days, scores, returns);
        Assert.Equal(42.56759, sharpe, 3);
    }

    [Fact]
    public void TiesGoToTheEarlierSampleAndTooFewDaysGiveNaN()
    {
        int[] days = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        float[] scores = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        float[] returns = [.1f, 0, 0, 0, 0, .2f, .1f, 0, 0, 0];
        // Every score ties, so the first sample of each day is held: excess .1 - .02 = .08 and .2 - .06 = .14.
        var mean = (.08 + .14) / 2;
        var std = Math.Sqrt(((.08 - mean) * (.08 - mean) + (.14 - mean) * (.14 - mean)) / 1);
        Assert.Equal(mean / std * Math.Sqrt(252), ValidationMetrics.TopQuintileSharpe(days, scores, returns), 4);
        Assert.True(double.IsNaN(ValidationMetrics.TopQuintileSharpe(days.AsSpan(0, 5), scores.AsSpan(0, 5), returns.AsSpan(0, 5))));
    }

    [Fact]
    public void EveryMetricButTheLossIsBetterHigher()
    {
        Assert.False(ValidationScore.HigherIsBetter(StopMetric.Loss));
        Assert.True(ValidationScore.HigherIsBetter(StopMetric.Ic));
        Assert.True(ValidationScore.HigherIsBetter(StopMetric.Sharpe));
        var score = new ValidationScore(1.5, 0.04, 2.5);
        Assert.Equal(2.5, score.By(StopMetric.Sharpe));
        Assert.Equal(0.04, score.By(StopMetric.Ic));
        Assert.Equal(1.5, score.By(StopMetric.Loss));
        Assert.Equal(StopMetric.Sharpe, TrainerOptions.StopMetrics.Parse("stop", "sharpe"));
    }
}
