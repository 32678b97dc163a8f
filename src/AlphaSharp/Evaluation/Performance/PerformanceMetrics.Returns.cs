using static AlphaSharp.Evaluation.Performance.SeriesMath;

namespace AlphaSharp.Evaluation.Performance;

/// <summary>
/// Strategy metrics, one function each, empyrical's style. Inputs are daily simple returns; NaN days are left out
/// (see <see cref="SeriesMath"/>); a metric with no valid day, or an undefined ratio, is NaN.
/// </summary>
public static partial class PerformanceMetrics
{
    /// <summary>total = prod(1 + r_t) - 1 over the valid days.</summary>
    public static double TotalReturn(ReadOnlySpan<double> returns)
    {
        var w = 1.0;
        var any = false;
        foreach (var r in returns)
        {
            if (double.IsNaN(r)) continue;
            w *= 1 + r;
            any = true;
        }
        return any ? w - 1 : double.NaN;
    }

    /// <summary>annualised = (1 + total)^(P / n) - 1, n valid days, P periods per year (compound annual growth).</summary>
    public static double AnnualReturn(ReadOnlySpan<double> returns, int periodsPerYear = 252)
    {
        var n = Valid(returns).Length;
        if (n == 0) return double.NaN;
        return Math.Pow(1 + TotalReturn(returns), (double)periodsPerYear / n) - 1;
    }

    /// <summary>excess total = total(strategy) - total(benchmark), over the days where both are present.</summary>
    public static double ExcessTotalReturn(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark)
    {
        var (r, b) = ValidPairs(returns, benchmark);
        return TotalReturn(r) - TotalReturn(b);
    }

    /// <summary>excess annual = annual(strategy) - annual(benchmark), over the days where both are present.</summary>
    public static double ExcessAnnualReturn(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark, int periodsPerYear = 252)
    {
        var (r, b) = ValidPairs(returns, benchmark);
        return AnnualReturn(r, periodsPerYear) - AnnualReturn(b, periodsPerYear);
    }

    /// <summary>annualised active return = mean(r_t - b_t) * P (arithmetic, so it pairs with tracking error in IR).</summary>
    public static double AnnualActiveReturn(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark, int periodsPerYear = 252)
    {
        var active = Active(returns, benchmark);
        return Mean(active) * periodsPerYear;
    }

    /// <summary>Daily active returns a_t = r_t - b_t over the days where both are present.</summary>
    public static double[] Active(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark)
    {
        var (r, b) = ValidPairs(returns, benchmark);
        for (var i = 0; i < r.Length; i++) r[i] -= b[i];
        return r;
    }

    /// <summary>Compounded wealth W_t = prod_{s&lt;=t}(1 + r_s) - 1, one value per input day (a NaN day keeps W).</summary>
    public static double[] CumulativeReturns(ReadOnlySpan<double> returns)
    {
        var result = new double[returns.Length];
        var w = 1.0;
        for (var i = 0; i < returns.Length; i++)
        {
            if (!double.IsNaN(returns[i])) w *= 1 + returns[i];
            result[i] = w - 1;
        }
        return result;
    }

    /// <summary>
    /// Cumulative excess return, compounded from the daily active returns: prod(1 + r_s - b_s) - 1, one value per
    /// day (a day where either is NaN keeps the previous value).
    /// </summary>
    public static double[] CumulativeExcess(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark)
    {
        var result = new double[returns.Length];
        var w = 1.0;
        for (var i = 0; i < returns.Length; i++)
        {
            if (!double.IsNaN(returns[i]) && !double.IsNaN(benchmark[i])) w *= 1 + returns[i] - benchmark[i];
            result[i] = w - 1;
        }
        return result;
    }
}
