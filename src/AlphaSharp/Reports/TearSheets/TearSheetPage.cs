using System.Globalization;
using AlphaSharp.Evaluation.Performance;
using AlphaSharp.Reports.Charts;
using AlphaSharp.Reports.Html;

namespace AlphaSharp.Reports.TearSheets;

/// <summary>Lays out the tear sheet page: headline tables, then one section per chart, then the per-year table.</summary>
public static class TearSheetPage
{
    private const double Wide = 1240;

    public static HtmlReport Build(BacktestSeries s, PerformanceSummary m, IReadOnlyList<YearRow> years, IReadOnlyList<MonthReturn> months, TearSheetOptions o)
    {
        var page = new HtmlReport(o.Title,
            $"{o.StrategyName} against {o.BenchmarkName}, {Date(m.Start)} to {Date(m.End)} ({m.Days} trading days). " +
            $"Returns are daily, after costs; annualised with {o.Metrics.PeriodsPerYear} days a year.");
        var summary = page.Section("Summary");
        summary.Tables(TearSheetTables.Returns(m), TearSheetTables.Risk(m), TearSheetTables.Trading(m));
        if (o.Settings is { Count: > 0 } settings)
        {
            var t = new HtmlTable(["Setting", "Value"], "Settings") { AlignNumbers = false };
            foreach (var (k, v) in settings) t.Row(k, v);
            summary.Table(t);
        }
        summary.Paragraph("Definitions: docs/metrics.md. Undefined ratios (zero denominator, too few days) show as n/a.", note: true);

        foreach (var (heading, svg) in Charts(s, years, months, o)) page.Section(heading).Svg(svg);
        foreach (var (heading, svg) in o.ExtraCharts ?? []) page.Section(heading).Svg(svg);
        page.Section("Per year").Table(TearSheetTables.Years(years));
        return page;
    }

    /// <summary>The tear sheet's charts, in page order, each with its section heading.</summary>
    public static List<(string Heading, string Svg)> Charts(BacktestSeries s, IReadOnlyList<YearRow> yearly, IReadOnlyList<MonthReturn> months, TearSheetOptions o)
    {
        var p = o.Metrics;
        var dates = s.Dates;
        var charts = new List<(string, string)>();
        var cum = PerformanceMetrics.CumulativeReturns(s.Strategy);
        var bench = PerformanceMetrics.CumulativeReturns(s.Benchmark);
        charts.Add(("Cumulative return", LineChart.Render(dates,
            [new LineSeries(o.StrategyName, cum), new LineSeries(o.BenchmarkName, bench, Palette.At(6), Dashed: true)],
            new ChartOptions($"Cumulative return: {o.StrategyName} vs {o.BenchmarkName}", "Date", "Cumulative return", Wide, 380, Formats.Percent))));

        charts.Add(("Excess return", AreaChart.Render(dates,
            [new LineSeries($"Excess over {o.BenchmarkName} (compounded daily active return)", PerformanceMetrics.CumulativeExcess(s.Strategy, s.Benchmark), Palette.At(2))],
            new ChartOptions("Cumulative excess return", "Date", "Excess return", Wide, 300, Formats.Percent))));

        charts.Add(("Drawdown", LineChart.Render(dates,
            [
                new LineSeries(o.StrategyName, PerformanceMetrics.Underwater(s.Strategy), Palette.At(1), Fill: true),
                new LineSeries(o.BenchmarkName, PerformanceMetrics.Underwater(s.Benchmark), Palette.At(6), Dashed: true),
            ],
            new ChartOptions("Underwater: drawdown from the running peak", "Date", "Drawdown", Wide, 300, Formats.Percent))));

        charts.Add(("Monthly returns", MonthlyHeatmap(months, o)));

        charts.Add(("Annual returns", BarChart.Render(
            yearly.Select(y => y.Year.ToString(CultureInfo.InvariantCulture)).ToList(),
            [
                new BarSeries(o.StrategyName, yearly.Select(y => y.Return).ToArray()),
                new BarSeries(o.BenchmarkName, yearly.Select(y => y.BenchmarkReturn).ToArray(), Palette.At(6)),
                new BarSeries("Excess", yearly.Select(y => y.ExcessReturn).ToArray(), Palette.At(2)),
            ],
            new ChartOptions("Return per calendar year", "Year", "Return", Wide, 300, Formats.Percent))));

        var w = p.RollingWindow;
        if (s.Length >= w)
        {
            charts.Add(("Rolling Sharpe", LineChart.Render(dates,
                [
                    new LineSeries(o.StrategyName, PerformanceMetrics.RollingSharpe(s.Strategy, w, p.RiskFree, p.PeriodsPerYear)),
                    new LineSeries(o.BenchmarkName, PerformanceMetrics.RollingSharpe(s.Benchmark, w, p.RiskFree, p.PeriodsPerYear), Palette.At(6), Dashed: true),
                ],
                new ChartOptions($"Rolling Sharpe ratio ({w}-day window)", "Date", "Sharpe (annualised)", Wide, 300, Formats.Number))));
            charts.Add(("Rolling beta", LineChart.Render(dates,
                [new LineSeries($"Beta to {o.BenchmarkName}", PerformanceMetrics.RollingBeta(s.Strategy, s.Benchmark, w), Palette.At(3))],
                new ChartOptions($"Rolling beta ({w}-day window)", "Date", "Beta", Wide, 280, Formats.Number))));
        }

        charts.Add(("Turnover", LineChart.Render(dates,
            [
                new LineSeries("Daily turnover", s.Turnover, Palette.At(4), Fill: true),
                new LineSeries("21-day mean", TrailingMean(s.Turnover, 21), Palette.At(0)),
            ],
            new ChartOptions("Turnover: (buys + sells) / start-of-day value", "Date", "Turnover", Wide, 280, Formats.Percent))));

        charts.Add(("Holdings", LineChart.Render(dates,
            [new LineSeries("Stocks held", s.Holdings.Select(h => (double)h).ToArray(), Palette.At(5))],
            new ChartOptions("Number of holdings at the close", "Date", "Stocks", Wide, 260, Formats.Integer))));

        charts.Add(("Daily returns", Histogram.Render(
            [(o.StrategyName, s.Strategy), (o.BenchmarkName, s.Benchmark)], 60,
            new ChartOptions("Distribution of daily returns", "Daily return", "Days", Wide, 300, XFormat: Formats.Percent))));
        return charts;
    }

    /// <summary>Years down, months across; a month without data is blank.</summary>
    public static string MonthlyHeatmap(IReadOnlyList<MonthReturn> months, TearSheetOptions o)
    {
        var years = months.Select(m => m.Year).Distinct().Order().ToList();
        var values = new double[years.Count, 12];
        for (var r = 0; r < years.Count; r++)
            for (var c = 0; c < 12; c++)
                values[r, c] = double.NaN;
        foreach (var m in months) values[years.IndexOf(m.Year), m.Month - 1] = m.Return;
        string[] names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        return Heatmap.Render(years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList(), names, values,
            new ChartOptions($"Monthly returns: {o.StrategyName}", "Month", "Year", Wide, 300, Formats.Percent1), "Monthly return");
    }

    /// <summary>Mean of the last <paramref name="window"/> rows up to and including t (fewer at the start).</summary>
    private static double[] TrailingMean(double[] x, int window)
    {
        var result = new double[x.Length];
        double sum = 0;
        var count = 0;
        for (var t = 0; t < x.Length; t++)
        {
            if (!double.IsNaN(x[t])) { sum += x[t]; count++; }
            if (t >= window && !double.IsNaN(x[t - window])) { sum -= x[t - window]; count--; }
            result[t] = count == 0 ? double.NaN : sum / count;
        }
        return result;
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
