using AlphaSharp.Common;

namespace AlphaSharp.Evaluation.Performance;

/// <summary>Every headline metric of a backtest, each defined by the <see cref="PerformanceMetrics"/> function of its name.</summary>
public sealed record PerformanceSummary(
    DateOnly Start,
    DateOnly End,
    int Days,
    double TotalReturn,
    double AnnualReturn,
    double BenchmarkTotalReturn,
    double BenchmarkAnnualReturn,
    double ExcessTotalReturn,
    double ExcessAnnualReturn,
    double AnnualActiveReturn,
    double Alpha,
    double Beta,
    double Sharpe,
    double Sortino,
    double InformationRatio,
    double Volatility,
    double BenchmarkVolatility,
    double TrackingError,
    double DownsideRisk,
    double MaxDrawdown,
    int MaxDrawdownDuration,
    DateOnly? MaxDrawdownPeak,
    DateOnly? MaxDrawdownTrough,
    DateOnly? MaxDrawdownRecovery,
    double BenchmarkMaxDrawdown,
    double Calmar,
    double WinRate,
    double WinRateVsBenchmark,
    double MeanTurnover,
    double AnnualTurnover,
    double TurnoverPerRebalance,
    double CostsPaid,
    double AnnualCostDrag,
    double MeanHoldings,
    int FinalHoldings)
{
    /// <summary>Computes the summary; the series is validated first (one-line <see cref="InputException"/>).</summary>
    public static PerformanceSummary Compute(BacktestSeries s, PerformanceOptions? options = null)
    {
        s.Validate();
        if (s.Length == 0) throw new InputException("backtest series: no days to evaluate");
        var o = options ?? PerformanceOptions.Default;
        o.Validate();
        var p = o.PeriodsPerYear;
        var r = s.Strategy;
        var b = s.Benchmark;
        var (dailyAlpha, beta) = PerformanceMetrics.AlphaBeta(r, b);
        var dd = PerformanceMetrics.MaxDrawdownInfo(r);
        DateOnly? At(int i) => i >= 0 ? s.Dates[i] : null;
        return new PerformanceSummary(
            s.Dates[0],
            s.Dates[^1],
            s.Length,
            PerformanceMetrics.TotalReturn(r),
            PerformanceMetrics.AnnualReturn(r, p),
            PerformanceMetrics.TotalReturn(b),
            PerformanceMetrics.AnnualReturn(b, p),
            PerformanceMetrics.ExcessTotalReturn(r, b),
            PerformanceMetrics.ExcessAnnualReturn(r, b, p),
            PerformanceMetrics.AnnualActiveReturn(r, b, p),
            Math.Pow(1 + dailyAlpha, p) - 1,
            beta,
            PerformanceMetrics.Sharpe(r, o.RiskFree, p),
            PerformanceMetrics.Sortino(r, o.RiskFree, p),
            PerformanceMetrics.InformationRatio(r, b, p),
            PerformanceMetrics.Volatility(r, p),
            PerformanceMetrics.Volatility(b, p),
            PerformanceMetrics.TrackingError(r, b, p),
            PerformanceMetrics.DownsideRisk(r, o.RiskFree, p),
            dd.MaxDrawdown,
            dd.Duration,
            At(dd.PeakIndex),
            At(dd.TroughIndex),
            At(dd.RecoveryIndex),
            PerformanceMetrics.MaxDrawdown(b),
            PerformanceMetrics.Calmar(r, p),
            PerformanceMetrics.WinRate(r),
            PerformanceMetrics.WinRateVsBenchmark(r, b),
            PerformanceMetrics.MeanTurnover(s.Turnover),
            PerformanceMetrics.AnnualTurnover(s.Turnover, p),
            PerformanceMetrics.TurnoverPerRebalance(s.Turnover),
            PerformanceMetrics.CostsPaid(s.Costs),
            PerformanceMetrics.AnnualCostDrag(s.Costs, s.Value, s.InitialCapital, p),
            PerformanceMetrics.MeanHoldings(s.Holdings),
            s.Holdings[^1]);
    }
}
