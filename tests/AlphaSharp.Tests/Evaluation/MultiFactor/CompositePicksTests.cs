using AlphaSharp.Evaluation.MultiFactor;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Tests.Factors.Labels;

namespace AlphaSharp.Tests.Evaluation.MultiFactor;

/// <summary>The composite on any day, and its daily top fraction (the picks paper 001's classifier filters).</summary>
public sealed class CompositePicksTests
{
    private static MultiFactorOptions Options() => new()
    {
        Factors = [new Feature("rev", "-($close/Ref($close,5)-1)"), new Feature("size", "Log($float_mv)"), new Feature("mom", "$close/Ref($close,20)-1")],
        Unavailable = [],
        Horizons = [5, 10],
        ScreenStart = new DateOnly(2020, 1, 1), ScreenEnd = new DateOnly(2020, 4, 30),
        TestStart = new DateOnly(2020, 2, 1), TestEnd = new DateOnly(2020, 6, 30),
    };

    [Fact]
    public void The_top_fraction_of_each_days_scored_cells_ties_by_instrument()
    {
        // 4 instruments x 3 days, instrument-major. Day 0: 4 scores, top 0.5 -> 2; day 1: 3 scores (one NaN), ceil(1.5) = 2,
        // a tie at 5 between instruments 1 and 2 goes to 1; day 2: none.
        float[] c =
        [
            1, 9, float.NaN,
            4, 5, float.NaN,
            3, 5, float.NaN,
            2, float.NaN, float.NaN,
        ];
        var picks = CompositePicks.Top(c, 4, 3, 0.5);
        bool At(int i, int t) => picks[i * 3 + t];
        Assert.Equal([false, true, true, false], Enumerable.Range(0, 4).Select(i => At(i, 0)));
        Assert.Equal([true, true, false, false], Enumerable.Range(0, 4).Select(i => At(i, 1)));
        Assert.All(Enumerable.Range(0, 4), i => Assert.False(At(i, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompositePicks.Top(c, 4, 3, 0));
    }

    [Fact]
    public void The_composite_on_any_days_is_the_pipelines_on_its_test_month_ends()
    {
        var data = StyleMarket.Build(5);
        var run = MultiFactorPipeline.Run(data, Options());
        var (daily, selected) = MultiFactorPipeline.CompositeOn(data, Options(), Enumerable.Range(0, data.Calendar.Count).ToArray());
        Assert.Equal(run.Selected, selected);
        var T = data.Calendar.Count;
        var compared = 0;
        foreach (var t in run.RebalanceDates)
            for (var i = 0; i < data.Panel.N; i++)
            {
                Assert.Equal(run.Composite[i * T + t], daily[i * T + t]);
                if (float.IsFinite(daily[i * T + t])) compared++;
            }
        Assert.True(compared > 50, $"{compared} cells");
        // And on days that are no month end too: every member with all three factors has a score.
        Assert.Contains(Enumerable.Range(0, T).Except(run.RebalanceDates), t => float.IsFinite(daily[t]));
    }

    [Fact]
    public void Perturbing_the_market_after_the_screening_reads_changes_no_pick_up_to_the_cut()
    {
        var data = StyleMarket.Build(5);
        var T = data.Calendar.Count;
        var options = Options();
        var all = Enumerable.Range(0, T).ToArray();
        var before = CompositePicks.Top(MultiFactorPipeline.CompositeOn(data, options, all).Composite, data.Panel.N, T, 0.2);
        // The screening's last month end reads 10 days ahead; cut well after it.
        var cut = data.Calendar.IndexOf(new DateOnly(2020, 5, 29));
        Assert.True(cut > 0 && cut < T - 10);
        var perturbed = StyleMarket.Build(5, perturbAfter: cut, perturbSeed: 99);
        var after = CompositePicks.Top(MultiFactorPipeline.CompositeOn(perturbed, options, all).Composite, data.Panel.N, T, 0.2);
        for (var i = 0; i < data.Panel.N; i++)
            for (var t = 0; t <= cut; t++) Assert.Equal(before[i * T + t], after[i * T + t]);
        Assert.Contains(Enumerable.Range(0, data.Panel.N), i => Enumerable.Range(cut + 1, T - cut - 1).Any(t => before[i * T + t] != after[i * T + t]));
    }
}
