using System.Xml.Linq;
using AlphaSharp.Reports.Charts;

namespace AlphaSharp.Tests.Reports.Charts;

public class ChartTests
{
    [Fact]
    public void Percent_formats_say_n_a_for_a_missing_figure_without_a_stray_percent_sign()
    {
        Assert.Equal(["12.34%", "12.3%", "12.3%", "n/a", "n/a", "n/a"],
            new[] { Formats.Percent2(0.1234), Formats.Percent1(0.1234), Formats.Percent(0.1234), Formats.Percent2(double.NaN), Formats.Percent1(double.NaN), Formats.Percent(double.PositiveInfinity) });
    }

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static DateOnly[] Days(int n) => SyntheticSeries.Make(n).Dates;

    private static XDocument Parse(string svg) => XDocument.Parse(svg);

    private static List<XElement> ByClass(XDocument doc, string name, string cls) =>
        doc.Descendants(Svg + name).Where(e => (string?)e.Attribute("class") == cls).ToList();

    private static void AssertChrome(XDocument doc, string title, string xLabel, string yLabel)
    {
        Assert.Equal(title, ByClass(doc, "text", "chart-title").Single().Value);
        Assert.Equal(xLabel, ByClass(doc, "text", "x-label").Single().Value);
        Assert.Equal(yLabel, ByClass(doc, "text", "y-label").Single().Value);
        Assert.Single(ByClass(doc, "g", "x-axis"));
        Assert.Single(ByClass(doc, "g", "y-axis"));
        Assert.True(ByClass(doc, "text", "tick-label").Count >= 4, "axes carry tick labels");
    }

    [Fact]
    public void Line_chart_has_one_path_and_one_legend_entry_per_series()
    {
        var dates = Days(300);
        var a = dates.Select((_, i) => Math.Sin(i / 20.0)).ToArray();
        var b = dates.Select((_, i) => i / 300.0).ToArray();
        var c = dates.Select((_, i) => -0.5 + i / 600.0).ToArray();
        var svg = LineChart.Render(dates, [new LineSeries("A", a), new LineSeries("B", b, Dashed: true), new LineSeries("C", c)],
            new ChartOptions("Three lines", "Date", "Value", YFormat: Formats.Percent));
        var doc = Parse(svg);
        AssertChrome(doc, "Three lines", "Date", "Value");
        Assert.Equal(["A", "B", "C"], ByClass(doc, "path", "series").Select(p => (string)p.Attribute("data-name")!));
        Assert.Equal(["A", "B", "C"], ByClass(doc, "g", "legend-entry").Select(p => (string)p.Attribute("data-name")!));
        Assert.Equal("6 4", (string?)ByClass(doc, "path", "series")[1].Attribute("stroke-dasharray"));
        // 300 weekdays from 2019-01-02 run into 2020-02: monthly or quarterly ticks, each labelled.
        var xTicks = ByClass(doc, "g", "x-axis").Single().Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.InRange(xTicks.Count, 2, 12);
        Assert.All(xTicks, t => Assert.Matches(@"^\d{4}(-\d{2})?$", t));
    }

    [Fact]
    public void Line_chart_breaks_the_line_at_NaN_and_is_deterministic()
    {
        var dates = Days(50);
        var v = dates.Select((_, i) => i is >= 10 and < 20 ? double.NaN : i * 0.01).ToArray();
        var opts = new ChartOptions("Gap", "Date", "Value");
        var svg = LineChart.Render(dates, [new LineSeries("with gap", v)], opts);
        var d = (string)ByClass(Parse(svg), "path", "series").Single().Attribute("d")!;
        Assert.Equal(2, d.Count(ch => ch == 'M'));
        Assert.Equal(9 + 29, d.Count(ch => ch == 'L')); // runs of 10 and 30 points
        Assert.Equal(svg, LineChart.Render(dates, [new LineSeries("with gap", v)], opts));
    }

    [Fact]
    public void Marks_are_triangles_at_their_row_and_value_one_legend_entry_per_name()
    {
        var dates = Days(11);
        var price = dates.Select((_, i) => 10.0 + i).ToArray(); // 10..20: the axis runs 10..20, so y is linear in the value
        ChartMark[] marks = [new(2, 12, true, "buy", "#2ca02c"), new(6, 16, false, "sell", "#d62728"), new(8, 25, true, "buy", "#2ca02c")];
        var doc = Parse(LineChart.Render(dates, [new LineSeries("close", price)], new ChartOptions("Trades", "Date", "CNY"), marks));
        var drawn = ByClass(doc, "path", "mark");
        Assert.Equal(["buy", "sell", "buy"], drawn.Select(p => (string)p.Attribute("data-name")!));
        Assert.Equal(["close", "buy", "sell"], ByClass(doc, "g", "legend-entry").Select(p => (string)p.Attribute("data-name")!));
        // A mark's tip and foot straddle the line's own point at its row: the first buy sits on the line at row 2.
        var line = (string)ByClass(doc, "path", "series").Single().Attribute("d")!;
        var point = line.Split('L')[2].Split(',');
        var (x, y) = (double.Parse(point[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(point[1], System.Globalization.CultureInfo.InvariantCulture));
        var tip = ((string)drawn[0].Attribute("d")!).TrimStart('M').Split('L')[0].Split(',');
        Assert.Equal(x, double.Parse(tip[0], System.Globalization.CultureInfo.InvariantCulture), 1);
        Assert.Equal(y - 5, double.Parse(tip[1], System.Globalization.CultureInfo.InvariantCulture), 1);
        // A mark outside the series' range widens the axis: 25 is inside it.
        var ticks = ByClass(doc, "g", "y-axis").Single().Descendants(Svg + "text").Select(t => double.Parse(t.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(ticks.Max() >= 25, $"the axis tops out at {ticks.Max()}");
        Assert.Throws<ArgumentException>(() => LineChart.Render(dates, [new LineSeries("close", price)], new ChartOptions("T", "D", "C"), [new ChartMark(11, 1, true, "buy", "#000")]));
    }

    [Fact]
    public void Series_past_the_palette_are_dashed_so_repeated_colours_stay_apart()
    {
        var dates = Days(60);
        var series = Enumerable.Range(0, 10).Select(k => new LineSeries($"L{k}", dates.Select((_, i) => k + i * 0.01).ToArray())).ToList();
        var doc = Parse(LineChart.Render(dates, series, new ChartOptions("Ten", "Date", "Value")));
        var paths = ByClass(doc, "path", "series");
        Assert.Equal(10, paths.Count);
        Assert.Equal(10, ByClass(doc, "g", "legend-entry").Count);
        Assert.Equal((string?)paths[0].Attribute("stroke"), (string?)paths[8].Attribute("stroke"));
        Assert.Null(paths[0].Attribute("stroke-dasharray"));
        Assert.NotNull(paths[8].Attribute("stroke-dasharray"));
        Assert.NotNull(ByClass(doc, "g", "legend-entry")[9].Element(Svg + "line")!.Attribute("stroke-dasharray"));
    }

    [Fact]
    public void Narrow_date_axes_keep_labels_apart_and_inside_the_chart()
    {
        var dates = Days(30);
        var doc = Parse(LineChart.Render(dates, [new LineSeries("a", dates.Select((_, i) => (double)i).ToArray())],
            new ChartOptions("Narrow", "Date", "Value", Width: 420, Height: 240)));
        var labels = ByClass(doc, "g", "x-axis").Single().Elements(Svg + "text").ToList();
        Assert.InRange(labels.Count, 2, 5);
        var xs = labels.Select(l => double.Parse((string)l.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (var i = 1; i < xs.Count; i++) Assert.True(xs[i] - xs[i - 1] >= 70, $"labels {i - 1} and {i} are {xs[i] - xs[i - 1]} px apart");
        Assert.Equal("end", (string?)labels[^1].Attribute("text-anchor")); // the last date sits at the right edge
    }

    [Fact]
    public void Area_chart_fills_down_to_zero()
    {
        var dates = Days(120);
        var dd = dates.Select((_, i) => -Math.Abs(Math.Sin(i / 15.0)) * 0.2).ToArray();
        var doc = Parse(AreaChart.Render(dates, [new LineSeries("Drawdown", dd)], new ChartOptions("Underwater", "Date", "Drawdown", YFormat: Formats.Percent)));
        AssertChrome(doc, "Underwater", "Date", "Drawdown");
        var area = ByClass(doc, "path", "area").Single();
        Assert.EndsWith("Z", (string)area.Attribute("d")!);
        Assert.Single(ByClass(doc, "g", "legend-entry"));
        // The axis reaches 0 at the top and 0 carries a tick label.
        Assert.Contains("0%", ByClass(doc, "g", "y-axis").Single().Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Bar_chart_draws_a_bar_per_finite_value_and_a_legend_per_series()
    {
        string[] years = ["2019", "2020", "2021"];
        var svg = BarChart.Render(years,
            [new BarSeries("Strategy", [0.1, -0.05, 0.2]), new BarSeries("Benchmark", [0.05, double.NaN, 0.1])],
            new ChartOptions("Annual", "Year", "Return", YFormat: Formats.Percent));
        var doc = Parse(svg);
        AssertChrome(doc, "Annual", "Year", "Return");
        Assert.Equal(5, ByClass(doc, "rect", "bar").Count);
        Assert.Equal(["Strategy", "Benchmark"], ByClass(doc, "g", "legend-entry").Select(e => (string)e.Attribute("data-name")!));
        // The negative bar hangs below the zero line: its top is the zero line's y.
        var bars = ByClass(doc, "g", "series").First().Elements(Svg + "rect").ToList();
        var positiveBottom = double.Parse((string)bars[0].Attribute("y")!) + double.Parse((string)bars[0].Attribute("height")!);
        Assert.Equal(positiveBottom, double.Parse((string)bars[1].Attribute("y")!), 2);
    }

    [Fact]
    public void Histogram_counts_every_finite_value_once()
    {
        var rng = new Random(3);
        var a = Enumerable.Range(0, 500).Select(_ => rng.NextDouble() - 0.5).Append(double.NaN).ToArray();
        var counts = Histogram.Count(a, -0.5, 0.1, 10);
        Assert.Equal(500, counts.Sum());
        Assert.Equal(new[] { 1, 1, 1 }, Histogram.Count([0.0, 0.5, 1.0], 0, 1.0 / 3, 3));
        var svg = Histogram.Render([("A", a), ("B", a.Select(x => x * 0.5).ToArray())], 20, new ChartOptions("Hist", "Return", "Days"));
        var doc = Parse(svg);
        AssertChrome(doc, "Hist", "Return", "Days");
        Assert.Equal(2, ByClass(doc, "g", "legend-entry").Count);
        Assert.Equal(2, ByClass(doc, "g", "series").Count);
    }

    [Fact]
    public void Heatmap_has_a_cell_per_value_labels_for_finite_ones_and_a_colour_bar()
    {
        var values = new double[2, 3] { { 0.01, -0.02, double.NaN }, { 0.03, 0.0, -0.04 } };
        var doc = Parse(Heatmap.Render(["2020", "2021"], ["Jan", "Feb", "Mar"], values,
            new ChartOptions("Monthly", "Month", "Year", YFormat: Formats.Percent), "Monthly return"));
        Assert.Equal("Monthly", ByClass(doc, "text", "chart-title").Single().Value);
        Assert.Equal(6, ByClass(doc, "rect", "cell").Count);
        Assert.Equal(["1%", "-2%", "3%", "0%", "-4%"], ByClass(doc, "text", "cell-label").Select(t => t.Value));
        Assert.Equal("Monthly return", (string)ByClass(doc, "g", "legend-entry").Single().Attribute("data-name")!);
        // Colour: positive green, negative red, zero white, missing grey.
        var fills = ByClass(doc, "rect", "cell").Select(r => (string)r.Attribute("fill")!).ToList();
        Assert.Equal(Palette.Diverging(0.25), fills[0]);
        Assert.Equal("#ffffff", fills[4]);
        Assert.Equal("#eeeeee", fills[2]);
        Assert.Equal("#d73027", fills[5]);
    }

    [Fact]
    public void Names_are_escaped_so_the_svg_stays_well_formed()
    {
        var dates = Days(30);
        var svg = LineChart.Render(dates, [new LineSeries("P&L <\"net\">", dates.Select((_, i) => (double)i).ToArray())],
            new ChartOptions("A & B <c>", "x & y", "<y>"));
        var doc = Parse(svg);
        Assert.Equal("A & B <c>", ByClass(doc, "text", "chart-title").Single().Value);
        Assert.Equal("P&L <\"net\">", (string)ByClass(doc, "g", "legend-entry").Single().Attribute("data-name")!);
    }

    [Fact]
    public void Nice_ticks_are_round_and_enclose_the_data()
    {
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], Ticks.Nice(0, 1).Select(v => Math.Round(v, 12)));
        var t = Ticks.Nice(-0.23, 0.51);
        Assert.True(t[0] <= -0.23 && t[^1] >= 0.51);
        var step = t[1] - t[0];
        Assert.Contains(Math.Round(step, 12), new[] { 0.1, 0.2, 0.25 });
        Assert.Contains(0.0, t);
        var flat = Ticks.Nice(5, 5);
        Assert.True(flat[0] < 5 && flat[^1] > 5);
    }

    [Fact]
    public void Axis_pads_the_data_range_a_little_and_keeps_a_zero_baseline()
    {
        var (lo, hi, ticks) = Ticks.Axis(-0.1, 5.5);
        Assert.True(lo < -0.1 && lo > -0.4 && hi > 5.5 && hi < 5.8, $"{lo}..{hi}");
        Assert.All(ticks, t => Assert.InRange(t, lo, hi));
        Assert.InRange(ticks.Length, 3, 9);
        Assert.Equal(0, Ticks.Axis(0, 3).Lo); // bars and areas start on the axis
        Assert.Equal(0, Ticks.Axis(-0.4, 0).Hi);
        Assert.Contains(0.0, Ticks.Axis(-0.4, 0).Ticks);
    }

    [Fact]
    public void Date_ticks_fall_on_year_starts_for_long_series()
    {
        var dates = Days(2000);
        var ticks = Ticks.Dates(dates);
        Assert.InRange(ticks.Count, 2, 12);
        foreach (var (i, label) in ticks)
        {
            Assert.NotEqual(dates[i - 1].Year * 12 + dates[i - 1].Month, dates[i].Year * 12 + dates[i].Month);
            Assert.StartsWith(dates[i].Year.ToString(), label);
        }
        var shortTicks = Ticks.Dates(Days(10));
        Assert.Equal(0, shortTicks[0].Index);
        Assert.Equal(9, shortTicks[^1].Index);
    }
}
