namespace AlphaSharp.Evaluation.Performance;

/// <summary>Compounded return of one calendar month: prod(1 + r_t) - 1 over its valid days.</summary>
public sealed record MonthReturn(int Year, int Month, double Return);

/// <summary>
/// One row of the per-year table (paper 003's Table 5-3): compounded return, benchmark and excess (strategy minus
/// benchmark), annualised std, Sharpe, maximum drawdown within the year (wealth re-based to 1 at the year's start),
/// turnover per rebalance, mean daily turnover and mean holdings.
/// </summary>
public sealed record YearRow(
    int Year,
    int Days,
    double Return,
    double BenchmarkReturn,
    double ExcessReturn,
    double Volatility,
    double Sharpe,
    double MaxDrawdown,
    double TurnoverPerRebalance,
    double MeanTurnover,
    double MeanHoldings);

public static partial class PerformanceMetrics
{
    /// <summary>Monthly compounded returns, in date order, one per calendar month present in <paramref name="dates"/>.</summary>
    public static List<MonthReturn> MonthlyReturns(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> returns)
    {
        var result = new List<MonthReturn>();
        var start = 0;
        for (var i = 1; i <= dates.Length; i++)
        {
            if (i < dates.Length && dates[i].Year == dates[start].Year && dates[i].Month == dates[start].Month) continue;
            result.Add(new MonthReturn(dates[start].Year, dates[start].Month, TotalReturn(returns[start..i])));
            start = i;
        }
        return result;
    }

    /// <summary>The per-year table: every metric of a row is computed on that calendar year's rows only.</summary>
    public static List<YearRow> YearlyTable(BacktestSeries s, PerformanceOptions? options = null)
    {
        var o = options ?? PerformanceOptions.Default;
        var result = new List<YearRow>();
        var start = 0;
        for (var i = 1; i <= s.Length; i++)
        {
            if (i < s.Length && s.Dates[i].Year == s.Dates[start].Year) continue;
            var r = s.Strategy.AsSpan(start, i - start);
            var b = s.Benchmark.AsSpan(start, i - start);
            var tr = s.Turnover.AsSpan(start, i - start);
            var ret = TotalReturn(r);
            var bench = TotalReturn(b);
            result.Add(new YearRow(
                s.Dates[start].Year,
                i - start,
                ret,
                bench,
                ret - bench,
                Volatility(r, o.PeriodsPerYear),
                Sharpe(r, o.RiskFree, o.PeriodsPerYear),
                MaxDrawdown(r),
                TurnoverPerRebalance(tr),
                MeanTurnover(tr),
                MeanHoldings(s.Holdings.AsSpan(start, i - start))));
            start = i;
        }
        return result;
    }
}
