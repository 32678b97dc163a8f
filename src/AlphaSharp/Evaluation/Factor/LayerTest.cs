using AlphaSharp.Data;

namespace AlphaSharp.Evaluation.Factor;

/// <summary>
/// Result of an N-layer (quantile) test. Layer 1 holds the highest factor values. Per rebalance date k: each layer's
/// equal-weight mean period return, the universe's (all measured members), and long-short = layer 1 - layer N.
/// </summary>
public sealed record LayerResult(int[] Dates, double[][] Returns, int[][] Counts, double[] Universe, double[] LongShort, int TradingDays)
{
    public int Layers => Returns.Length;

    /// <summary>Layer return minus the universe's on each period.</summary>
    public double[] Excess(int layer) => Returns[layer].Select((r, k) => r - Universe[k]).ToArray();

    /// <summary>Cumulative wealth of a period series (NaN periods add nothing), starting at 1 before the first period.</summary>
    public static double[] Cumulative(double[] periods)
    {
        var w = new double[periods.Length];
        var v = 1.0;
        for (var k = 0; k < periods.Length; k++)
        {
            if (!double.IsNaN(periods[k])) v *= 1 + periods[k];
            w[k] = v;
        }
        return w;
    }

    /// <summary>Compounded growth of the series raised to 252 / trading days spanned, minus 1; NaN when nothing spanned.</summary>
    public double Annualize(double[] periods, int periodsPerYearDays = 252)
    {
        if (TradingDays <= 0) return double.NaN;
        var growth = Cumulative(periods) is { Length: > 0 } c ? c[^1] : 1.0;
        return growth <= 0 ? -1 : Math.Pow(growth, (double)periodsPerYearDays / TradingDays) - 1;
    }
}

/// <summary>
/// N-layer test: at each rebalance date the universe members with both a factor value and a measurable period return
/// (not suspended at either end) are sorted by factor, highest first (ties by instrument order), and cut into N layers
/// of (as near as) equal size: position p of n goes to layer floor(p N / n). Dates with fewer than N such members are
/// skipped (NaN). The period return of date k is the caller's forward-return panel at that date (e.g. 1-day returns
/// for daily rebalancing, or returns to the next rebalance date).
/// </summary>
public static class LayerTest
{
    /// <remarks>A date-major input is transposed once.</remarks>
    public static LayerResult Run(PanelArray factor, PanelArray periodReturn, bool[]? members, IReadOnlyList<int> dates, int layers, int tradingDays)
    {
        if (layers < 2) throw new ArgumentOutOfRangeException(nameof(layers), $"a layer test needs at least 2 layers, got {layers}");
        factor = factor.ToLayout(PanelLayout.InstrumentMajor);
        periodReturn = periodReturn.ToLayout(PanelLayout.InstrumentMajor);
        var K = dates.Count;
        var returns = Enumerable.Range(0, layers).Select(_ => new double[K]).ToArray();
        var counts = Enumerable.Range(0, layers).Select(_ => new int[K]).ToArray();
        var universe = new double[K];
        var longShort = new double[K];
        Parallel.For(0, K, k =>
        {
            var (x, y, ids) = CrossSections.Pairs(factor, periodReturn, members, dates[k]);
            var n = x.Length;
            if (n < layers)
            {
                for (var q = 0; q < layers; q++) returns[q][k] = double.NaN;
                universe[k] = longShort[k] = double.NaN;
                return;
            }
            var order = Enumerable.Range(0, n).OrderByDescending(j => x[j]).ThenBy(j => ids[j]).ToArray();
            var sums = new double[layers];
            for (var p = 0; p < n; p++)
            {
                var q = (int)((long)p * layers / n);
                sums[q] += y[order[p]];
                counts[q][k]++;
            }
            for (var q = 0; q < layers; q++) returns[q][k] = sums[q] / counts[q][k];
            universe[k] = y.Average();
            longShort[k] = returns[0][k] - returns[layers - 1][k];
        });
        return new LayerResult(dates.ToArray(), returns, counts, universe, longShort, tradingDays);
    }
}
