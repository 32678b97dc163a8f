using AlphaSharp.Common;
using AlphaSharp.Evaluation.Performance;

namespace AlphaSharp.Reports.TearSheets;

/// <summary>
/// The backtest tear sheet: <c>report.html</c> (self-contained, charts and tables), <c>metrics.json</c> (every metric,
/// the per-year and monthly tables) and <c>returns.csv</c> (<c>date,strategy,benchmark</c>) in one folder. Each file is
/// written to a temporary name and the three are renamed together, so a failure leaves none of them.
/// </summary>
public static class TearSheet
{
    public const string ReportFile = "report.html";
    public const string MetricsFile = "metrics.json";
    public const string ReturnsFile = "returns.csv";

    /// <summary>Computes the metrics, then writes the three files into <paramref name="outDir"/> (created if missing).</summary>
    public static PerformanceSummary Write(string outDir, BacktestSeries series, TearSheetOptions? options = null)
    {
        using var files = new AtomicFileSet();
        var summary = Stage(files, outDir, series, options);
        files.Commit();
        return summary;
    }

    /// <summary>
    /// Adds the three files to <paramref name="files"/> without committing, so a caller can put its own outputs
    /// (positions.csv, trades.csv) in the same all-or-nothing set and commit once.
    /// </summary>
    public static PerformanceSummary Stage(AtomicFileSet files, string outDir, BacktestSeries series, TearSheetOptions? options = null)
    {
        var o = options ?? new TearSheetOptions();
        var summary = PerformanceSummary.Compute(series, o.Metrics);
        var years = PerformanceMetrics.YearlyTable(series, o.Metrics);
        var months = PerformanceMetrics.MonthlyReturns(series.Dates, series.Strategy);
        var html = TearSheetPage.Build(series, summary, years, months, o).Render();
        files.Add(Path.Combine(outDir, ReturnsFile), w => WriteReturns(w, series));
        files.AddText(Path.Combine(outDir, MetricsFile), MetricsJson.Render(summary, years, months, o));
        files.AddText(Path.Combine(outDir, ReportFile), html);
        return summary;
    }

    /// <summary>returns.csv: date,strategy,benchmark, daily simple returns, shortest round-trip decimals.</summary>
    public static void WriteReturns(string path, BacktestSeries s) => AtomicFile.Write(path, w => WriteReturns(w, s));

    private static void WriteReturns(TextWriter w, BacktestSeries s) =>
        CsvTable.WriteTo(w, ["date", "strategy", "benchmark"],
            Enumerable.Range(0, s.Length).Select(i => (IReadOnlyList<string>)[CsvTable.Date(s.Dates[i]), CsvTable.Number(s.Strategy[i]), CsvTable.Number(s.Benchmark[i])]),
            ReturnsFile);
}
