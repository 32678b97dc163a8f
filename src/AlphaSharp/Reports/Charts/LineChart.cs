using System.Text;

namespace AlphaSharp.Reports.Charts;

/// <summary>One line over the dates of a chart; NaN values leave a gap. <paramref name="Fill"/> shades down to zero.</summary>
public sealed record LineSeries(string Name, double[] Values, string? Color = null, bool Dashed = false, bool Fill = false);

/// <summary>A point marked on a line chart at row <paramref name="Index"/> and value <paramref name="Value"/>: a triangle up or down (a buy or a sell), one legend entry per name.</summary>
public sealed record ChartMark(int Index, double Value, bool Up, string Name, string Color);

/// <summary>
/// Line chart over trading days (x = row index, so weekends and holidays leave no gaps; ticks at calendar month,
/// quarter or year starts), any number of series, one legend entry each, and point marks drawn over the lines.
/// </summary>
public static class LineChart
{
    public static string Render(ReadOnlySpan<DateOnly> dates, IReadOnlyList<LineSeries> series, ChartOptions options, IReadOnlyList<ChartMark>? marks = null)
    {
        marks ??= [];
        foreach (var m in marks)
            if (m.Index < 0 || m.Index >= dates.Length)
                throw new ArgumentException($"line chart '{options.Title}': mark '{m.Name}' at row {m.Index} is outside the {dates.Length} dates");
        foreach (var s in series)
            if (s.Values.Length != dates.Length)
                throw new ArgumentException($"line chart '{options.Title}': series '{s.Name}' has {s.Values.Length} values for {dates.Length} dates");
        var colors = series.Select((s, i) => s.Color ?? Palette.At(i)).ToArray();
        // Past the palette's eight colours they repeat, so the second round is dashed to stay distinguishable.
        series = series.Select((s, i) => s.Color == null && i >= Palette.Series.Length && !s.Fill ? s with { Dashed = true } : s).ToList();
        var legend = series.Select((s, i) => new LegendEntry(s.Name, colors[i],
            s.Fill ? LegendMark.Box : s.Dashed ? LegendMark.DashedLine : LegendMark.Line)).ToList();
        legend.AddRange(marks.DistinctBy(m => m.Name).Select(m => new LegendEntry(m.Name, m.Color, m.Up ? LegendMark.TriangleUp : LegendMark.TriangleDown)));
        var frame = new ChartFrame(options, legend);
        frame.DrawChrome();

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var s in series)
        {
            foreach (var v in s.Values)
            {
                if (!double.IsFinite(v)) continue;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            if (s.Fill)
            {
                min = Math.Min(min, 0);
                max = Math.Max(max, 0);
            }
        }
        foreach (var m in marks.Where(m => double.IsFinite(m.Value)))
        {
            min = Math.Min(min, m.Value);
            max = Math.Max(max, m.Value);
        }
        if (min > max) (min, max) = (0, 1);
        var (lo, hi, ticks) = Ticks.Axis(min, max);
        frame.DrawYAxis(lo, hi, ticks);

        var n = dates.Length;
        double X(int i) => n <= 1 ? (frame.Left + frame.Right) / 2 : frame.Left + (double)i / (n - 1) * (frame.Right - frame.Left);
        frame.DrawXAxis(Ticks.Dates(dates, frame.MaxDateTicks).Select(t => (X(t.Index), t.Label)));

        frame.Svg.OpenGroup("series-group");
        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            if (s.Fill)
                frame.Svg.Path(AreaPath(s.Values, X, v => frame.Y(v, lo, hi)), "none", colors[k], 0, null, "area", s.Name, 0.35);
            frame.Svg.Path(LinePath(s.Values, X, v => frame.Y(v, lo, hi)), colors[k], "none", 1.6, s.Dashed ? "6 4" : null, "series", s.Name);
        }
        frame.Svg.CloseGroup();
        if (marks.Count > 0)
        {
            frame.Svg.OpenGroup("marks");
            foreach (var m in marks.Where(m => double.IsFinite(m.Value)))
                frame.Svg.Path(ChartFrame.Triangle(X(m.Index), frame.Y(m.Value, lo, hi), m.Up), "#333333", m.Color, 0.6, null, "mark", m.Name);
            frame.Svg.CloseGroup();
        }
        return frame.Svg.Finish();
    }

    /// <summary>Polyline through the finite values, restarting after each gap; a lone point gets a tiny tick so it shows.</summary>
    internal static string LinePath(double[] values, Func<int, double> x, Func<double, double> y)
    {
        var sb = new StringBuilder();
        var pen = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                pen = false;
                continue;
            }
            sb.Append(pen ? 'L' : 'M').Append(SvgBuilder.N(x(i))).Append(',').Append(SvgBuilder.N(y(values[i])));
            if (!pen && (i + 1 >= values.Length || !double.IsFinite(values[i + 1])))
                sb.Append("h0.5");
            pen = true;
        }
        return sb.Length == 0 ? "M0,0" : sb.ToString();
    }

    /// <summary>Closed shapes between each unbroken run of values and the zero line.</summary>
    internal static string AreaPath(double[] values, Func<int, double> x, Func<double, double> y)
    {
        var sb = new StringBuilder();
        var y0 = SvgBuilder.N(y(0));
        var i = 0;
        while (i < values.Length)
        {
            if (!double.IsFinite(values[i]))
            {
                i++;
                continue;
            }
            sb.Append('M').Append(SvgBuilder.N(x(i))).Append(',').Append(y0);
            for (; i < values.Length && double.IsFinite(values[i]); i++)
                sb.Append('L').Append(SvgBuilder.N(x(i))).Append(',').Append(SvgBuilder.N(y(values[i])));
            sb.Append('L').Append(SvgBuilder.N(x(i - 1))).Append(',').Append(y0).Append('Z');
        }
        return sb.Length == 0 ? "M0,0" : sb.ToString();
    }
}
