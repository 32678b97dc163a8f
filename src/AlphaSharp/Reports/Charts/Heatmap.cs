namespace AlphaSharp.Reports.Charts;

/// <summary>
/// Heatmap of a row x column table (monthly returns: years x months), each cell coloured on a diverging scale
/// symmetric about zero and labelled with its value; NaN cells are grey and blank. A colour bar is the legend.
/// </summary>
public static class Heatmap
{
    /// <param name="leftMargin">Room for the row labels, in pixels.</param>
    public static string Render(IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] values, ChartOptions options, string legendName = "value",
        double leftMargin = 70)
    {
        if (values.GetLength(0) != rows.Count || values.GetLength(1) != columns.Count)
            throw new ArgumentException($"heatmap '{options.Title}': values are {values.GetLength(0)}x{values.GetLength(1)} for {rows.Count} rows and {columns.Count} columns");
        var height = Math.Max(options.Height, 110 + rows.Count * 24.0);
        var frame = new ChartFrame(options with { Height = height }, [], leftMargin: leftMargin, bottomMargin: 48);
        var o = frame.Options;
        frame.Svg.Text(o.Width / 2, 18, o.Title, "middle", 14, "bold", "#111111", "chart-title");
        frame.Svg.Text(16, (frame.Top + frame.Bottom) / 2, o.YLabel, "middle", 12, null, "#333333", "y-label", -90);

        var absMax = 0.0;
        foreach (var v in values) if (double.IsFinite(v)) absMax = Math.Max(absMax, Math.Abs(v));
        if (absMax == 0) absMax = 1;

        const double barWidth = 120; // the colour bar on the right
        var left = frame.Left;
        var right = frame.Right - barWidth - 30;
        var cellW = (right - left) / Math.Max(columns.Count, 1);
        var cellH = (frame.Bottom - frame.Top) / Math.Max(rows.Count, 1);

        frame.Svg.OpenGroup("x-axis");
        for (var c = 0; c < columns.Count; c++)
            frame.Svg.Text(left + (c + 0.5) * cellW, frame.Bottom + 16, columns[c], "middle", 11, null, "#444444", "tick-label");
        frame.Svg.Line(left, frame.Bottom, right, frame.Bottom, "#444444", 1, null, "axis-line");
        frame.Svg.CloseGroup();
        frame.Svg.Text((left + right) / 2, o.Height - 8, o.XLabel, "middle", 12, null, "#333333", "x-label");
        frame.Svg.OpenGroup("y-axis");
        for (var r = 0; r < rows.Count; r++)
            frame.Svg.Text(left - 8, frame.Top + (r + 0.5) * cellH + 4, rows[r], "end", 11, null, "#444444", "tick-label");
        frame.Svg.Line(left, frame.Top, left, frame.Bottom, "#444444", 1, null, "axis-line");
        frame.Svg.CloseGroup();

        frame.Svg.OpenGroup("series-group");
        frame.Svg.OpenGroup("series", legendName);
        var fontSize = Math.Min(11, Math.Max(7, cellW / 6));
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
            {
                var v = values[r, c];
                var x = left + c * cellW;
                var y = frame.Top + r * cellH;
                var fill = Palette.Diverging(v / absMax);
                frame.Svg.Rect(x, y, cellW, cellH, fill, "#ffffff", "cell", $"{rows[r]} {columns[c]}: {(double.IsFinite(v) ? o.Format(v) : "no data")}");
                if (!double.IsFinite(v)) continue;
                var dark = Math.Abs(v / absMax) > 0.6;
                frame.Svg.Text(x + cellW / 2, y + cellH / 2 + fontSize / 3, o.Format(v), "middle", fontSize, null, dark ? "#ffffff" : "#222222", "cell-label");
            }
        frame.Svg.CloseGroup();
        frame.Svg.CloseGroup();

        // Colour bar legend: -max .. 0 .. +max.
        var bx = frame.Right - barWidth + 20;
        var by = frame.Top;
        var bh = Math.Min(frame.Bottom - frame.Top, 200);
        frame.Svg.OpenGroup("legend");
        frame.Svg.OpenGroup("legend-entry", legendName);
        frame.Svg.Text(bx, by - 6, legendName, "start", 11, "bold", "#222222");
        const int steps = 20;
        for (var i = 0; i < steps; i++)
        {
            var t = 1 - 2.0 * (i + 0.5) / steps;
            frame.Svg.Rect(bx, by + i * bh / steps, 16, bh / steps + 0.5, Palette.Diverging(t));
        }
        frame.Svg.Text(bx + 22, by + 8, o.Format(absMax), "start", 10, null, "#444444", "tick-label");
        frame.Svg.Text(bx + 22, by + bh / 2 + 4, o.Format(0), "start", 10, null, "#444444", "tick-label");
        frame.Svg.Text(bx + 22, by + bh, o.Format(-absMax), "start", 10, null, "#444444", "tick-label");
        frame.Svg.CloseGroup();
        frame.Svg.CloseGroup();
        return frame.Svg.Finish();
    }
}
