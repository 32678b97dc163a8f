using AlphaSharp.Evaluation.Performance;
using AlphaSharp.Evaluation.Prediction;
using M = AlphaSharp.Evaluation.Performance.PerformanceMetrics;

namespace AlphaSharp.Tests.Evaluation.Performance;

/// <summary>Seeded random series checked against naive, obviously-correct references.</summary>
public class PropertyTests
{
    private static double[] RandomReturns(Random rng, int n, double drift, double vol)
    {
        var r = new double[n];
        for (var i = 0; i < n; i++) r[i] = drift + vol * (rng.NextDouble() * 2 - 1);
        return r;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Drawdown_matches_a_brute_force_search_over_all_peak_trough_pairs(int seed)
    {
        var rng = new Random(seed);
        var r = RandomReturns(rng, 150 + seed * 20, 0.0005 * (seed - 3), 0.03);
        // Wealth with the starting capital at position 0.
        var w = new double[r.Length + 1];
        w[0] = 1;
        for (var i = 0; i < r.Length; i++) w[i + 1] = w[i] * (1 + r[i]);
        double worst = 0;
        int bestPeak = -1, bestTrough = -1;
        for (var t = 1; t < w.Length; t++)
            for (var p = 0; p < t; p++)
            {
                var dd = w[t] / w[p] - 1;
                // Deepest first; for the same trough, the latest peak reaching that depth is the running maximum's.
                if (dd < worst - 1e-15 || (Math.Abs(dd - worst) <= 1e-15 && t == bestTrough && p > bestPeak))
                {
                    worst = dd;
                    bestPeak = p;
                    bestTrough = t;
                }
            }
        var info = M.MaxDrawdownInfo(r);
        Assert.Equal(worst, info.MaxDrawdown, 12);
        Assert.Equal(bestTrough - 1, info.TroughIndex);
        Assert.Equal(bestPeak - 1, info.PeakIndex);
        var recovery = -1;
        for (var t = bestTrough + 1; t < w.Length; t++)
            if (w[t] >= w[bestPeak]) { recovery = t - 1; break; }
        Assert.Equal(recovery, info.RecoveryIndex);
        Assert.Equal((recovery >= 0 ? recovery : r.Length - 1) - (bestPeak - 1), info.Duration);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Monthly_and_yearly_returns_compound_to_the_total(int seed)
    {
        var rng = new Random(seed);
        var dates = new List<DateOnly>();
        for (var d = new DateOnly(2018, 3, 7); dates.Count < 700; d = d.AddDays(1 + rng.Next(3))) dates.Add(d);
        var r = RandomReturns(rng, dates.Count, 0.0003, 0.02);
        var total = M.TotalReturn(r);
        var fromMonths = M.MonthlyReturns(dates.ToArray(), r).Aggregate(1.0, (w, m) => w * (1 + m.Return)) - 1;
        var fromYears = M.YearlyTable(BacktestSeries.FromReturns(dates.ToArray(), r, new double[r.Length])).Aggregate(1.0, (w, y) => w * (1 + y.Return)) - 1;
        Assert.Equal(total, fromMonths, 12);
        Assert.Equal(total, fromYears, 12);
        Assert.Equal(dates.Count, M.YearlyTable(BacktestSeries.FromReturns(dates.ToArray(), r, r)).Sum(y => y.Days));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Auc_matches_counting_every_positive_negative_pair(int seed)
    {
        var rng = new Random(seed);
        var n = 200 + seed;
        var labels = Enumerable.Range(0, n).Select(_ => rng.Next(2)).ToArray();
        // Few distinct scores, so ties are everywhere.
        var scores = labels.Select(l => Math.Round(l * 0.4 + rng.NextDouble(), 1)).ToArray();
        double wins = 0;
        long pairs = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                if (labels[i] != 1 || labels[j] != 0) continue;
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        Assert.Equal(wins / pairs, PredictionMetrics.Auc(scores, labels), 12);
    }

    [Fact]
    public void Scaling_the_benchmark_scales_beta_inversely_and_leaves_the_strategy_metrics_alone()
    {
        var rng = new Random(31);
        var b = RandomReturns(rng, 300, 0.0002, 0.02);
        var r = b.Select(x => 0.0001 + 1.3 * x + 0.004 * (rng.NextDouble() - 0.5)).ToArray();
        var half = b.Select(x => x / 2).ToArray();
        Assert.Equal(2 * M.Beta(r, b), M.Beta(r, half), 10);
        Assert.Equal(M.AlphaBeta(r, b).DailyAlpha, M.AlphaBeta(r, half).DailyAlpha, 14);
        // A series regressed on itself: beta 1, alpha 0, no tracking error.
        Assert.Equal(1.0, M.Beta(r, r), 12);
        Assert.Equal(0.0, M.AlphaBeta(r, r).DailyAlpha, 15);
        Assert.Equal(0.0, M.TrackingError(r, r));
    }
}
