using static AlphaSharp.Evaluation.Performance.SeriesMath;

namespace AlphaSharp.Evaluation.Performance;

public static partial class PerformanceMetrics
{
    /// <summary>Sharpe = mean(r - rf) / std(r - rf, ddof 1) * sqrt(P), rf the daily risk-free rate.</summary>
    public static double Sharpe(ReadOnlySpan<double> returns, double riskFree = 0.0, int periodsPerYear = 252)
    {
        var (_, mean, std) = MeanStdValid(returns, riskFree, 1);
        return Ratio(mean, std) * Math.Sqrt(periodsPerYear);
    }

    /// <summary>Sortino = mean(r - target) * P / downside risk(target), downside risk over all valid days.</summary>
    public static double Sortino(ReadOnlySpan<double> returns, double target = 0.0, int periodsPerYear = 252)
    {
        var x = Valid(returns);
        var m = 0.0;
        foreach (var v in x) m += v - target;
        m = x.Length == 0 ? double.NaN : m / x.Length;
        return Ratio(m * periodsPerYear, DownsideRisk(x, target, periodsPerYear));
    }

    /// <summary>information ratio = annualised active return / tracking error = mean(a) * P / (std(a, ddof 1) * sqrt(P)).</summary>
    public static double InformationRatio(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark, int periodsPerYear = 252) =>
        Ratio(AnnualActiveReturn(returns, benchmark, periodsPerYear), TrackingError(returns, benchmark, periodsPerYear));

    /// <summary>Calmar = annualised return / |maximum drawdown|; NaN when there is no drawdown.</summary>
    public static double Calmar(ReadOnlySpan<double> returns, int periodsPerYear = 252) =>
        Ratio(AnnualReturn(returns, periodsPerYear), Math.Abs(MaxDrawdown(returns)));

    /// <summary>win rate = share of valid days with r_t &gt; 0 (flat days are not wins).</summary>
    public static double WinRate(ReadOnlySpan<double> returns)
    {
        var x = Valid(returns);
        if (x.Length == 0) return double.NaN;
        var wins = 0;
        foreach (var v in x) if (v > 0) wins++;
        return (double)wins / x.Length;
    }

    /// <summary>win rate against the benchmark = share of days (both present) with r_t &gt; b_t.</summary>
    public static double WinRateVsBenchmark(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark) =>
        WinRate(Active(returns, benchmark));
}
