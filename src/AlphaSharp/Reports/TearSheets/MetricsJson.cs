using System.Text.Json;
using AlphaSharp.Common;
using AlphaSharp.Evaluation.Performance;

namespace AlphaSharp.Reports.TearSheets;

/// <summary>metrics.json: settings, the summary (fractions, not per cent; undefined = null), per-year and monthly tables.</summary>
public static class MetricsJson
{
    public static void Write(string path, PerformanceSummary s, IReadOnlyList<YearRow> years, IReadOnlyList<MonthReturn> months, TearSheetOptions o) =>
        AtomicFile.WriteAllText(path, Render(s, years, months, o));

    public static string Render(PerformanceSummary s, IReadOnlyList<YearRow> years, IReadOnlyList<MonthReturn> months, TearSheetOptions o) =>
        JsonOutput.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("definitions", "docs/metrics.md");
            w.WriteNumber("periods_per_year", o.Metrics.PeriodsPerYear);
            w.WriteNumber("risk_free_daily", o.Metrics.RiskFree);
            w.WriteNumber("rolling_window", o.Metrics.RollingWindow);
            w.WriteStartObject("settings");
            foreach (var (k, v) in o.Settings ?? []) w.WriteString(k, v);
            w.WriteEndObject();
            WriteSummary(w, s);
            w.WriteStartArray("years");
            foreach (var y in years)
            {
                w.WriteStartObject();
                w.WriteNumber("year", y.Year);
                w.WriteNumber("days", y.Days);
                JsonOutput.Number(w, "return", y.Return);
                JsonOutput.Number(w, "benchmark_return", y.BenchmarkReturn);
                JsonOutput.Number(w, "excess_return", y.ExcessReturn);
                JsonOutput.Number(w, "volatility", y.Volatility);
                JsonOutput.Number(w, "sharpe", y.Sharpe);
                JsonOutput.Number(w, "max_drawdown", y.MaxDrawdown);
                JsonOutput.Number(w, "turnover_per_rebalance", y.TurnoverPerRebalance);
                JsonOutput.Number(w, "mean_turnover", y.MeanTurnover);
                JsonOutput.Number(w, "mean_holdings", y.MeanHoldings);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("monthly");
            foreach (var m in months)
            {
                w.WriteStartObject();
                w.WriteString("month", $"{m.Year:D4}-{m.Month:D2}");
                JsonOutput.Number(w, "return", m.Return);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void WriteSummary(Utf8JsonWriter w, PerformanceSummary s)
    {
        w.WriteStartObject("summary");
        w.WriteString("start", CsvTable.Date(s.Start));
        w.WriteString("end", CsvTable.Date(s.End));
        w.WriteNumber("days", s.Days);
        JsonOutput.Number(w, "total_return", s.TotalReturn);
        JsonOutput.Number(w, "annual_return", s.AnnualReturn);
        JsonOutput.Number(w, "benchmark_total_return", s.BenchmarkTotalReturn);
        JsonOutput.Number(w, "benchmark_annual_return", s.BenchmarkAnnualReturn);
        JsonOutput.Number(w, "excess_total_return", s.ExcessTotalReturn);
        JsonOutput.Number(w, "excess_annual_return", s.ExcessAnnualReturn);
        JsonOutput.Number(w, "annual_active_return", s.AnnualActiveReturn);
        JsonOutput.Number(w, "alpha", s.Alpha);
        JsonOutput.Number(w, "beta", s.Beta);
        JsonOutput.Number(w, "sharpe", s.Sharpe);
        JsonOutput.Number(w, "sortino", s.Sortino);
        JsonOutput.Number(w, "information_ratio", s.InformationRatio);
        JsonOutput.Number(w, "volatility", s.Volatility);
        JsonOutput.Number(w, "benchmark_volatility", s.BenchmarkVolatility);
        JsonOutput.Number(w, "tracking_error", s.TrackingError);
        JsonOutput.Number(w, "downside_risk", s.DownsideRisk);
        JsonOutput.Number(w, "max_drawdown", s.MaxDrawdown);
        w.WriteNumber("max_drawdown_duration_days", s.MaxDrawdownDuration);
        OptionalDate(w, "max_drawdown_peak", s.MaxDrawdownPeak);
        OptionalDate(w, "max_drawdown_trough", s.MaxDrawdownTrough);
        OptionalDate(w, "max_drawdown_recovery", s.MaxDrawdownRecovery);
        JsonOutput.Number(w, "benchmark_max_drawdown", s.BenchmarkMaxDrawdown);
        JsonOutput.Number(w, "calmar", s.Calmar);
        JsonOutput.Number(w, "win_rate", s.WinRate);
        JsonOutput.Number(w, "win_rate_vs_benchmark", s.WinRateVsBenchmark);
        JsonOutput.Number(w, "mean_turnover", s.MeanTurnover);
        JsonOutput.Number(w, "annual_turnover", s.AnnualTurnover);
        JsonOutput.Number(w, "turnover_per_rebalance", s.TurnoverPerRebalance);
        JsonOutput.Number(w, "costs_paid", s.CostsPaid);
        JsonOutput.Number(w, "annual_cost_drag", s.AnnualCostDrag);
        JsonOutput.Number(w, "mean_holdings", s.MeanHoldings);
        w.WriteNumber("final_holdings", s.FinalHoldings);
        w.WriteEndObject();
    }

    private static void OptionalDate(Utf8JsonWriter w, string name, DateOnly? d)
    {
        if (d is { } date) w.WriteString(name, CsvTable.Date(date));
        else w.WriteNull(name);
    }
}
