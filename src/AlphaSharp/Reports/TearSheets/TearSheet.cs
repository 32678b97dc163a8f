using AlphaSharp.Evaluation.Performance;
using AlphaSharp.Reports.Output;

namespace AlphaSharp.Reports.TearSheets;

/// <summary>
/// The backtest tear sheet: <c>report.html</c> (self-contained, charts and tables), <c>metrics.json</c> (every metric,
/// the per-year and monthly tables) and <c>returns.csv</c> (<c>date,strategy,benchmark</c>) in one folder. Each file is
/// written to a temporary name and renamed, so a failure leaves no half-written file.
/// </summary>
public static class TearSheet
{
    public const string ReportFile = "report.html";
    public const string MetricsFile = "metrics.json";
    public const string ReturnsFile = "returns.csv";

    /// <summary>Computes the metrics, then writes the three files into <paramref name="outDir"/> (created if missing).</summary>
    public static PerformanceSummary Write(string outDir, BacktestSeries series, TearSheetOptions? options = null)
    {
        var o = options ?? new TearSheetOptions();
        var summary = PerformanceSummary.Compute(series, o.Metrics);
        var years = PerformanceMetrics.YearlyTable(series, o.Metrics);
        var months = PerformanceMetrics.MonthlyReturns(series.Dates, series.Strategy);
        // Render everything before the first write, so an error in rendering leaves no file at all.
        var html = TearSheetPage.Build(series, summary, years, months, o).Render();
        Directory.CreateDirectory(outDir);
        WriteReturns(Path.Combine(outDir, ReturnsFile), series);
        MetricsJson.Write(Path.Combine(outDir, MetricsFile), summary, years, months, o);
        AtomicFile.WriteAllText(Path.Combine(outDir, ReportFile), html);
        return summary;
    }

    /// <summary>returns.csv: date,strategy,benchmark, daily simple returns, shortest round-trip decimals.</summary>
    public static void WriteReturns(string path, BacktestSeries s) =>
        CsvTable.Write(path, ["date", "strategy", "benchmark"],
            Enumerable.Range(0, s.Length).Select(i => (IReadOnlyList<string>)[CsvTable.Date(s.Dates[i]), CsvTable.Number(s.Strategy[i]), CsvTable.Number(s.Benchmark[i])]));
}
