using static AlphaSharp.Evaluation.Performance.SeriesMath;

namespace AlphaSharp.Evaluation.Performance;

public static partial class PerformanceMetrics
{
    /// <summary>mean daily turnover = mean_t(turnover_t) over the valid days (turnover as in <see cref="BacktestSeries"/>).</summary>
    public static double MeanTurnover(ReadOnlySpan<double> turnover) => Mean(Valid(turnover));

    /// <summary>annual turnover = mean daily turnover * P.</summary>
    public static double AnnualTurnover(ReadOnlySpan<double> turnover, int periodsPerYear = 252) =>
        MeanTurnover(turnover) * periodsPerYear;

    /// <summary>
    /// turnover per rebalance = mean of turnover_t over the days that traded (turnover_t &gt; 0), paper 003's
    /// "turnover rate of each position switching"; NaN when nothing traded.
    /// </summary>
    public static double TurnoverPerRebalance(ReadOnlySpan<double> turnover)
    {
        double s = 0;
        var k = 0;
        foreach (var v in turnover)
        {
            if (!(v > 0)) continue;
            s += v;
            k++;
        }
        return k == 0 ? double.NaN : s / k;
    }

    /// <summary>costs paid = sum_t cost_t, in account currency.</summary>
    public static double CostsPaid(ReadOnlySpan<double> costs)
    {
        var s = 0.0;
        foreach (var c in Valid(costs)) s += c;
        return s;
    }

    /// <summary>
    /// annual cost drag = mean_t(cost_t / V_{t-1}) * P, V_{t-1} the value at the start of day t (the initial capital on
    /// the first day): the return given up to costs per year, before compounding.
    /// </summary>
    public static double AnnualCostDrag(ReadOnlySpan<double> costs, ReadOnlySpan<double> value, double initialCapital, int periodsPerYear = 252)
    {
        if (costs.Length == 0) return double.NaN;
        var s = 0.0;
        var k = 0;
        for (var t = 0; t < costs.Length; t++)
        {
            var start = t == 0 ? initialCapital : value[t - 1];
            if (double.IsNaN(costs[t]) || !(start > 0)) continue;
            s += costs[t] / start;
            k++;
        }
        return k == 0 ? double.NaN : s / k * periodsPerYear;
    }

    /// <summary>mean holdings = mean_t(number of stocks held at the end of day t).</summary>
    public static double MeanHoldings(ReadOnlySpan<int> holdings)
    {
        if (holdings.Length == 0) return double.NaN;
        var s = 0.0;
        foreach (var h in holdings) s += h;
        return s / holdings.Length;
    }
}
