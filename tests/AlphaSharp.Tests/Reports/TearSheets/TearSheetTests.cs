using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Performance;
using AlphaSharp.Reports.TearSheets;
using AlphaSharp.Tests.Reports.Html;

namespace AlphaSharp.Tests.Reports.TearSheets;

public sealed class TearSheetTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly string _dir = Directory.CreateTempSubdirectory("alphasharp-tearsheet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_report_metrics_and_returns_that_agree_with_the_metrics()
    {
        var series = SyntheticSeries.Make();
        var outDir = Path.Combine(_dir, "run");
        var summary = TearSheet.Write(outDir, series, new TearSheetOptions(Settings: [new("strategy", "topk 50, n_drop 5")]));

        Assert.Equal(["metrics.json", "report.html", "returns.csv"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());

        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json"))).RootElement;
        var s = json.GetProperty("summary");
        Assert.Equal(PerformanceMetrics.Sharpe(series.Strategy), s.GetProperty("sharpe").GetDouble());
        Assert.Equal(PerformanceMetrics.MaxDrawdown(series.Strategy), s.GetProperty("max_drawdown").GetDouble());
        Assert.Equal(summary.InformationRatio, s.GetProperty("information_ratio").GetDouble());
        Assert.Equal("topk 50, n_drop 5", json.GetProperty("settings").GetProperty("strategy").GetString());
        Assert.Equal(4, json.GetProperty("years").GetArrayLength()); // 800 weekdays from 2019-01-02 reach 2022
        Assert.Equal(PerformanceMetrics.MonthlyReturns(series.Dates, series.Strategy).Count, json.GetProperty("monthly").GetArrayLength());

        var lines = File.ReadAllLines(Path.Combine(outDir, "returns.csv"));
        Assert.Equal("date,strategy,benchmark", lines[0]);
        Assert.Equal(series.Length + 1, lines.Length);
        var row = lines[123].Split(',');
        Assert.Equal(series.Dates[122], DateOnly.ParseExact(row[0], "yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(series.Strategy[122], double.Parse(row[1], CultureInfo.InvariantCulture));
        Assert.Equal(series.Benchmark[122], double.Parse(row[2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Report_is_self_contained_and_every_chart_has_axes_labels_and_a_legend()
    {
        var outDir = Path.Combine(_dir, "run");
        TearSheet.Write(outDir, SyntheticSeries.Make(), new TearSheetOptions(StrategyName: "TopK", BenchmarkName: "CSI 300"));
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        HtmlReportTests.AssertSelfContained(html);
        foreach (var heading in new[] { "Cumulative return", "Excess return", "Drawdown", "Monthly returns", "Rolling Sharpe", "Rolling beta", "Turnover", "Holdings", "Per year" })
            Assert.Contains($"<h2>{heading}</h2>", html);

        var svgs = HtmlReportTests.InlineSvgs(html);
        Assert.Equal(10, svgs.Count);
        foreach (var doc in svgs)
        {
            var classes = doc.Descendants().Select(e => (string?)e.Attribute("class")).ToHashSet();
            Assert.Contains("chart-title", classes);
            Assert.Contains("x-label", classes);
            Assert.Contains("y-label", classes);
            Assert.Contains("x-axis", classes);
            Assert.Contains("y-axis", classes);
            Assert.Contains("legend-entry", classes);
        }
        var cumulative = svgs[0].Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "legend-entry").Select(g => (string)g.Attribute("data-name")!);
        Assert.Equal(["TopK", "CSI 300"], cumulative);
        // Per-year table: one body row per calendar year.
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(html[html.IndexOf("<h2>Per year</h2>", StringComparison.Ordinal)..], "<tr><td>20").Count);
    }

    [Fact]
    public void Same_series_gives_the_same_bytes()
    {
        var series = SyntheticSeries.Make(300);
        TearSheet.Write(Path.Combine(_dir, "a"), series);
        TearSheet.Write(Path.Combine(_dir, "b"), series);
        foreach (var f in new[] { "report.html", "metrics.json", "returns.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "a", f)), File.ReadAllBytes(Path.Combine(_dir, "b", f)));
    }

    [Fact]
    public void Bad_series_is_one_clear_error_and_writes_nothing()
    {
        var good = SyntheticSeries.Make(100);
        var bad = good with { Holdings = good.Holdings[..99] };
        var outDir = Path.Combine(_dir, "bad");
        var e = Assert.Throws<InputException>(() => TearSheet.Write(outDir, bad));
        Assert.Equal("backtest series: Holdings has 99 rows but Dates has 100; every column needs one value per date", e.Message);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_failure_on_the_last_file_leaves_none_of_the_three()
    {
        var outDir = Path.Combine(_dir, "clash");
        Directory.CreateDirectory(Path.Combine(outDir, "report.html")); // the last file cannot be written
        var e = Assert.Throws<InputException>(() => TearSheet.Write(outDir, SyntheticSeries.Make(200)));
        Assert.Contains("report.html: is a directory", e.Message);
        Assert.Equal([Path.Combine(outDir, "report.html")], Directory.GetFileSystemEntries(outDir));
    }

    [Fact]
    public void Staged_with_a_callers_file_commits_all_four_together()
    {
        var outDir = Path.Combine(_dir, "staged");
        using (var files = new AlphaSharp.Common.AtomicFileSet())
        {
            TearSheet.Stage(files, outDir, SyntheticSeries.Make(200));
            files.AddText(Path.Combine(outDir, "trades.csv"), "date,symbol\n");
            Assert.DoesNotContain(Directory.GetFiles(outDir), f => !Path.GetFileName(f).StartsWith('.')); // only temporaries so far
            files.Commit();
        }
        Assert.Equal(["metrics.json", "report.html", "returns.csv", "trades.csv"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Extra_charts_follow_the_standard_ones()
    {
        var series = SyntheticSeries.Make(200);
        var layers = AlphaSharp.Reports.Charts.LineChart.Render(series.Dates,
            [new("Layer 1", AlphaSharp.Evaluation.Performance.PerformanceMetrics.CumulativeReturns(series.Strategy)),
             new("Layer 2", AlphaSharp.Evaluation.Performance.PerformanceMetrics.CumulativeReturns(series.Benchmark))],
            new AlphaSharp.Reports.Charts.ChartOptions("Layers", "Date", "Cumulative return"));
        var outDir = Path.Combine(_dir, "extra");
        TearSheet.Write(outDir, series, new TearSheetOptions(ExtraCharts: [("Layered test", layers)]));
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Equal(11, HtmlReportTests.InlineSvgs(html).Count);
        Assert.True(html.IndexOf("<h2>Layered test</h2>", StringComparison.Ordinal) > html.IndexOf("<h2>Daily returns</h2>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void One_or_two_flat_days_still_render_with_undefined_ratios_as_null(int days)
    {
        var dates = Enumerable.Range(0, days).Select(i => new DateOnly(2021, 3, 1).AddDays(i)).ToArray();
        var outDir = Path.Combine(_dir, $"flat{days}");
        TearSheet.Write(outDir, BacktestSeries.FromReturns(dates, new double[days], new double[days]));
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json"))).RootElement.GetProperty("summary");
        Assert.Equal(JsonValueKind.Null, s.GetProperty("sharpe").ValueKind);
        Assert.Equal(JsonValueKind.Null, s.GetProperty("calmar").ValueKind);
        Assert.Equal(0, s.GetProperty("max_drawdown").GetDouble());
        Assert.Equal(0, s.GetProperty("total_return").GetDouble());
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Equal(8, HtmlReportTests.InlineSvgs(html).Count);
        Assert.Contains("<td class=\"num\">n/a</td>", html);
    }

    [Fact]
    public void Short_series_without_a_full_rolling_window_still_renders()
    {
        var outDir = Path.Combine(_dir, "short");
        var summary = TearSheet.Write(outDir, SyntheticSeries.Make(30));
        Assert.Equal(30, summary.Days);
        var svgs = HtmlReportTests.InlineSvgs(File.ReadAllText(Path.Combine(outDir, "report.html")));
        Assert.Equal(8, svgs.Count); // no rolling Sharpe / beta below 126 days
    }
}
