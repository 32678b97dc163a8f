using static AlphaSharp.Evaluation.Performance.SeriesMath;

namespace AlphaSharp.Evaluation.Performance;

/// <summary>The annualised return, information ratio and maximum drawdown of a daily excess-return series, one way of computing them.</summary>
public sealed record ExcessAnalysis(double AnnualReturn, double InformationRatio, double MaxDrawdown);

public static partial class PerformanceMetrics
{
    /// <summary>
    /// Qlib's <c>risk_analysis</c> (its default, arithmetic mode) of daily excess returns e: annualised return =
    /// mean(e) x P, information ratio = mean(e) / std(e, ddof 1) x sqrt(P), max drawdown = min over t of
    /// (S_t - max_{s&lt;=t} S_s) with S the cumulative sum of e (a difference of sums, not of wealth). NaN days are left out.
    /// </summary>
    public static ExcessAnalysis ExcessArithmetic(ReadOnlySpan<double> excess, int periodsPerYear = 252)
    {
        var e = Valid(excess);
        if (e.Length == 0) return new ExcessAnalysis(double.NaN, double.NaN, double.NaN);
        var mean = Mean(e);
        var std = Std(e, ddof: 1);
        double sum = 0, peak = double.NegativeInfinity, worst = 0;
        foreach (var v in e)
        {
            sum += v;
            peak = Math.Max(peak, sum);
            worst = Math.Min(worst, sum - peak);
        }
        return new ExcessAnalysis(mean * periodsPerYear, Ratio(mean, std) * Math.Sqrt(periodsPerYear), worst);
    }

    /// <summary>
    /// The same three, compounded: annualised return = prod(1 + e)^(P / n) - 1, the information ratio as
    /// <see cref="ExcessArithmetic"/> (a ratio of daily moments either way), max drawdown of the wealth prod(1 + e)
    /// (<see cref="MaxDrawdown"/>, a fraction of the peak).
    /// </summary>
    public static ExcessAnalysis ExcessCompounded(ReadOnlySpan<double> excess, int periodsPerYear = 252)
    {
        var arithmetic = ExcessArithmetic(excess, periodsPerYear);
        return new ExcessAnalysis(AnnualReturn(excess, periodsPerYear), arithmetic.InformationRatio, MaxDrawdown(excess));
    }
}
