using static AlphaSharp.Evaluation.Performance.SeriesMath;

namespace AlphaSharp.Evaluation.Performance;

public static partial class PerformanceMetrics
{
    /// <summary>volatility = std(r, ddof 1) * sqrt(P).</summary>
    public static double Volatility(ReadOnlySpan<double> returns, int periodsPerYear = 252) =>
        MeanStdValid(returns, 0, 1).Std * Math.Sqrt(periodsPerYear);

    /// <summary>
    /// downside risk = sqrt(mean(min(r_t - target, 0)^2)) * sqrt(P), the mean over ALL valid days (days above the
    /// target count as zeros), as empyrical's downside_risk.
    /// </summary>
    public static double DownsideRisk(ReadOnlySpan<double> returns, double target = 0.0, int periodsPerYear = 252)
    {
        var r = Valid(returns);
        if (r.Length == 0) return double.NaN;
        var s = 0.0;
        foreach (var v in r)
        {
            var d = Math.Min(v - target, 0.0);
            s += d * d;
        }
        return Math.Sqrt(s / r.Length) * Math.Sqrt(periodsPerYear);
    }

    /// <summary>tracking error = std(r_t - b_t, ddof 1) * sqrt(P).</summary>
    public static double TrackingError(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark, int periodsPerYear = 252) =>
        Std(Active(returns, benchmark), 1) * Math.Sqrt(periodsPerYear);

    /// <summary>
    /// OLS of daily strategy on benchmark returns, r_t = a + beta * b_t + e_t, over the days where both are present:
    /// beta = sum((b - mean b)(r - mean r)) / sum((b - mean b)^2), a = mean r - beta * mean b.
    /// Returns the daily intercept a; NaN with fewer than 2 days or a constant benchmark.
    /// </summary>
    public static (double DailyAlpha, double Beta) AlphaBeta(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark)
    {
        if (returns.Length != benchmark.Length)
            throw new ArgumentException($"paired series differ in length: {returns.Length} and {benchmark.Length}");
        // Two passes over the paired days in place (the rolling beta calls this once per window).
        var n = 0;
        double sr = 0, sb = 0;
        for (var i = 0; i < returns.Length; i++)
        {
            if (double.IsNaN(returns[i]) || double.IsNaN(benchmark[i])) continue;
            sr += returns[i];
            sb += benchmark[i];
            n++;
        }
        if (n < 2) return (double.NaN, double.NaN);
        var mr = sr / n;
        var mb = sb / n;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < returns.Length; i++)
        {
            if (double.IsNaN(returns[i]) || double.IsNaN(benchmark[i])) continue;
            var db = benchmark[i] - mb;
            sxy += db * (returns[i] - mr);
            sxx += db * db;
        }
        var beta = Ratio(sxy, sxx);
        return (mr - beta * mb, beta);
    }

    /// <summary>beta: the OLS slope of <see cref="AlphaBeta"/>.</summary>
    public static double Beta(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark) => AlphaBeta(returns, benchmark).Beta;

    /// <summary>
    /// alpha, annualised by compounding the daily OLS intercept: (1 + a)^P - 1 (empyrical's convention).
    /// </summary>
    public static double Alpha(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark, int periodsPerYear = 252)
    {
        var a = AlphaBeta(returns, benchmark).DailyAlpha;
        return Math.Pow(1 + a, periodsPerYear) - 1;
    }
}
