namespace AlphaSharp.Reports.Charts;

/// <summary>
/// The parts every chart shares: title, legend row under it, plot area, y axis with grid and tick labels, x axis
/// line, axis labels. Charts map data into <see cref="Left"/>..<see cref="Right"/> x <see cref="Top"/>..<see cref="Bottom"/>.
/// </summary>
internal sealed class ChartFrame
{
    private const double TitleBand = 26;
    private const double LegendRow = 20;
    private const double CharWidth = 6.6; // average width of a 12 px sans-serif character, for layout only
    private const double TickCharWidth = 6.2; // the same at 11 px

    public ChartFrame(ChartOptions options, IReadOnlyList<LegendEntry> legend, double leftMargin = 70, double bottomMargin = 48)
    {
        Options = options;
        Legend = legend;
        Svg = new SvgBuilder(options.Width, options.Height, options.Title);
        LegendRows = LayoutLegend(legend, options.Width - 80, out _legendPositions);
        Left = leftMargin;
        Right = options.Width - 20;
        Top = TitleBand + LegendRows * LegendRow + 10;
        Bottom = options.Height - bottomMargin;
    }

    private readonly List<(double X, int Row)> _legendPositions;

    public ChartOptions Options { get; }
    public IReadOnlyList<LegendEntry> Legend { get; }
    public SvgBuilder Svg { get; }
    public int LegendRows { get; }
    public double Left { get; }
    public double Right { get; }
    public double Top { get; }
    public double Bottom { get; }

    public double Y(double v, double lo, double hi) => Bottom - (v - lo) / (hi - lo) * (Bottom - Top);

    /// <summary>Title, legend and the axis labels; call first so data draws over the grid.</summary>
    public void DrawChrome()
    {
        Svg.Text(Options.Width / 2, 18, Options.Title, "middle", 14, "bold", "#111111", "chart-title");
        Svg.OpenGroup("legend");
        for (var i = 0; i < Legend.Count; i++)
        {
            var e = Legend[i];
            var (x, row) = _legendPositions[i];
            var y = TitleBand + row * LegendRow + 8;
            Svg.OpenGroup("legend-entry", e.Name);
            if (e.Mark == LegendMark.Box) Svg.Rect(x, y - 5, 14, 10, e.Color, "#555555");
            else if (e.Mark is LegendMark.TriangleUp or LegendMark.TriangleDown) Svg.Path(Triangle(x + 9, y, e.Mark == LegendMark.TriangleUp), "#333333", e.Color, 0.6);
            else Svg.Line(x, y, x + 18, y, e.Color, 2.5, e.Mark == LegendMark.DashedLine ? "5 3" : null);
            Svg.Text(x + 24, y + 4, e.Name, fill: "#222222");
            Svg.CloseGroup();
        }
        Svg.CloseGroup();
        Svg.Text((Left + Right) / 2, Options.Height - 8, Options.XLabel, "middle", 12, null, "#333333", "x-label");
        var midY = (Top + Bottom) / 2;
        Svg.Text(16, midY, Options.YLabel, "middle", 12, null, "#333333", "y-label", -90);
    }

    /// <summary>A small triangle centred on (x, y), its point up or down: a buy or sell mark.</summary>
    public static string Triangle(double x, double y, bool up, double size = 5)
    {
        var tip = up ? y - size : y + size;
        var foot = up ? y + size * 0.8 : y - size * 0.8;
        return $"M{SvgBuilder.N(x)},{SvgBuilder.N(tip)}L{SvgBuilder.N(x + size)},{SvgBuilder.N(foot)}L{SvgBuilder.N(x - size)},{SvgBuilder.N(foot)}Z";
    }

    /// <summary>Horizontal grid lines and labels at <paramref name="ticks"/> on an axis from lo to hi.</summary>
    public void DrawYAxis(double lo, double hi, double[] ticks)
    {
        Svg.OpenGroup("y-axis");
        foreach (var t in ticks)
        {
            var y = Y(t, lo, hi);
            var isZero = Options.ZeroLine && t == 0 && lo < 0 && hi > 0;
            Svg.Line(Left, y, Right, y, isZero ? "#888888" : "#e3e3e3", isZero ? 1.2 : 1);
            Svg.Line(Left - 5, y, Left, y, "#444444");
            Svg.Text(Left - 8, y + 4, Options.Format(t), "end", 11, null, "#444444", "tick-label");
        }
        Svg.Line(Left, Top, Left, Bottom, "#444444", 1, null, "axis-line");
        Svg.CloseGroup();
    }

    /// <summary>The x axis line with ticks and labels at plot x positions.</summary>
    public void DrawXAxis(IEnumerable<(double X, string Label)> ticks, bool grid = true)
    {
        Svg.OpenGroup("x-axis");
        Svg.Line(Left, Bottom, Right, Bottom, "#444444", 1, null, "axis-line");
        foreach (var (x, label) in ticks)
        {
            if (grid) Svg.Line(x, Top, x, Bottom, "#f0f0f0");
            Svg.Line(x, Bottom, x, Bottom + 5, "#444444");
            // A label that would run past the chart's edge is anchored at its tick instead of centred on it.
            var half = label.Length * TickCharWidth / 2;
            var anchor = x + half > Options.Width - 2 ? "end" : x - half < 2 ? "start" : "middle";
            Svg.Text(x, Bottom + 18, label, anchor, 11, null, "#444444", "tick-label");
        }
        Svg.CloseGroup();
    }

    /// <summary>How many date labels fit along the x axis without touching (10-character labels at worst).</summary>
    public int MaxDateTicks => Math.Clamp((int)((Right - Left) / (10 * TickCharWidth + 16)), 2, 12);

    private static int LayoutLegend(IReadOnlyList<LegendEntry> legend, double width, out List<(double X, int Row)> positions)
    {
        var placed = new List<(double X, int Row)>();
        positions = placed;
        if (legend.Count == 0) return 0;
        var rows = 1;
        var widths = legend.Select(e => 24 + e.Name.Length * CharWidth + 18).ToArray();
        double x = 0;
        var rowItems = new List<int>();
        void FlushRow(int row)
        {
            // Centre each row under the title.
            var total = rowItems.Sum(i => widths[i]) - 18;
            var start = 40 + (width - total) / 2;
            foreach (var i in rowItems)
            {
                placed.Add((start, row));
                start += widths[i];
            }
            rowItems.Clear();
        }
        for (var i = 0; i < legend.Count; i++)
        {
            if (x + widths[i] > width && rowItems.Count > 0)
            {
                FlushRow(rows - 1);
                rows++;
                x = 0;
            }
            rowItems.Add(i);
            x += widths[i];
        }
        FlushRow(rows - 1);
        return rows;
    }
}
