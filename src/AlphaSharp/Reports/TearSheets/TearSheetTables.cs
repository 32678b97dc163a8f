using System.Globalization;
using AlphaSharp.Evaluation.Performance;
using AlphaSharp.Reports.Html;

namespace AlphaSharp.Reports.TearSheets;

/// <summary>The tear sheet's tables, values formatted for reading (per cent, two decimals); NaN shows as n/a.</summary>
public static class TearSheetTables
{
    public static HtmlTable Returns(PerformanceSummary m)
    {
        var t = new HtmlTable(["Metric", "Value"], "Returns") { SignedColumns = { 1 } };
        t.Row("Total return", Pct(m.TotalReturn));
        t.Row("Annualised return", Pct(m.AnnualReturn));
        t.Row("Benchmark total return", Pct(m.BenchmarkTotalReturn));
        t.Row("Benchmark annualised", Pct(m.BenchmarkAnnualReturn));
        t.Row("Excess total return", Pct(m.ExcessTotalReturn));
        t.Row("Excess annualised", Pct(m.ExcessAnnualReturn));
        t.Row("Alpha (annualised)", Pct(m.Alpha));
        t.Row("Beta", Num(m.Beta));
        return t;
    }

    public static HtmlTable Risk(PerformanceSummary m)
    {
        var t = new HtmlTable(["Metric", "Value"], "Risk and ratios") { SignedColumns = { 1 } };
        t.Row("Sharpe ratio", Num(m.Sharpe));
        t.Row("Sortino ratio", Num(m.Sortino));
        t.Row("Information ratio", Num(m.InformationRatio));
        t.Row("Calmar ratio", Num(m.Calmar));
        t.Row("Volatility", Pct(m.Volatility));
        t.Row("Benchmark volatility", Pct(m.BenchmarkVolatility));
        t.Row("Tracking error", Pct(m.TrackingError));
        t.Row("Downside risk", Pct(m.DownsideRisk));
        return t;
    }

    public static HtmlTable Trading(PerformanceSummary m)
    {
        var t = new HtmlTable(["Metric", "Value"], "Drawdown and trading") { SignedColumns = { 1 } };
        t.Row("Maximum drawdown", Pct(m.MaxDrawdown));
        var peak = m.MaxDrawdownPeak is { } p ? D(p) : "start";
        var recovery = m.MaxDrawdownRecovery is { } r ? D(r) : "not recovered";
        t.Row("Drawdown duration", $"{m.MaxDrawdownDuration} days");
        t.Row("Peak / trough / recovery", m.MaxDrawdownTrough is { } tr ? $"{peak} / {D(tr)} / {recovery}" : "n/a");
        t.Row("Benchmark max drawdown", Pct(m.BenchmarkMaxDrawdown));
        t.Row("Win rate (days up)", Pct(m.WinRate));
        t.Row("Days beating benchmark", Pct(m.WinRateVsBenchmark));
        t.Row("Turnover per rebalance", Pct(m.TurnoverPerRebalance));
        t.Row("Annual turnover", Num(m.AnnualTurnover) + "x");
        t.Row("Costs paid", m.CostsPaid.ToString("N2", CultureInfo.InvariantCulture));
        t.Row("Cost drag (annual)", Pct(m.AnnualCostDrag));
        t.Row("Holdings (mean / last)", $"{Num(m.MeanHoldings, "0.0")} / {m.FinalHoldings}");
        return t;
    }

    /// <summary>Paper 003's Table 5-3 columns, one row per calendar year.</summary>
    public static HtmlTable Years(IReadOnlyList<YearRow> years)
    {
        var t = new HtmlTable(["Year", "Days", "Return", "Benchmark", "Excess", "Std (ann.)", "Sharpe", "Max drawdown", "Turnover / rebalance", "Mean holdings"])
        {
            SignedColumns = { 2, 3, 4, 6, 7 },
        };
        foreach (var y in years)
            t.Row(y.Year.ToString(CultureInfo.InvariantCulture), y.Days.ToString(CultureInfo.InvariantCulture), Pct(y.Return),
                Pct(y.BenchmarkReturn), Pct(y.ExcessReturn), Pct(y.Volatility), Num(y.Sharpe), Pct(y.MaxDrawdown),
                Pct(y.TurnoverPerRebalance), Num(y.MeanHoldings, "0.0"));
        return t;
    }

    public static string Pct(double v) => double.IsFinite(v) ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Num(double v, string format = "0.00") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
