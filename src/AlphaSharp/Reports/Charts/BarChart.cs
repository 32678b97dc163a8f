namespace AlphaSharp.Reports.Charts;

/// <summary>One bar per category; NaN draws no bar.</summary>
public sealed record BarSeries(string Name, double[] Values, string? Color = null);

/// <summary>Grouped bar chart: categories along x (years, quantiles), one bar per series in each group, bars from zero.</summary>
public static class BarChart
{
    public static string Render(IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, ChartOptions options)
    {
        foreach (var s in series)
            if (s.Values.Length != categories.Count)
                throw new ArgumentException($"bar chart '{options.Title}': series '{s.Name}' has {s.Values.Length} values for {categories.Count} categories");
        var colors = series.Select((s, i) => s.Color ?? Palette.At(i)).ToArray();
        var frame = new ChartFrame(options, series.Select((s, i) => new LegendEntry(s.Name, colors[i], LegendMark.Box)).ToList());
        frame.DrawChrome();

        double min = 0, max = 0;
        foreach (var s in series)
            foreach (var v in s.Values)
                if (double.IsFinite(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
        var (lo, hi, ticks) = Ticks.Axis(min, max);
        frame.DrawYAxis(lo, hi, ticks);

        var groups = Math.Max(categories.Count, 1);
        var groupWidth = (frame.Right - frame.Left) / groups;
        var barWidth = groupWidth * 0.8 / Math.Max(series.Count, 1);
        // Label every k-th category so labels never collide (about 7 px per character).
        var longest = categories.Count == 0 ? 1 : categories.Max(c => c.Length);
        var every = Math.Max(1, (int)Math.Ceiling(longest * 7.0 / groupWidth));
        frame.DrawXAxis(categories.Select((c, i) => (frame.Left + (i + 0.5) * groupWidth, c)).Where((_, i) => i % every == 0), grid: false);

        var y0 = frame.Y(0, lo, hi);
        frame.Svg.OpenGroup("series-group");
        for (var k = 0; k < series.Count; k++)
        {
            frame.Svg.OpenGroup("series", series[k].Name);
            for (var i = 0; i < categories.Count; i++)
            {
                var v = series[k].Values[i];
                if (!double.IsFinite(v)) continue;
                var x = frame.Left + i * groupWidth + groupWidth * 0.1 + k * barWidth;
                var y = frame.Y(v, lo, hi);
                frame.Svg.Rect(x, Math.Min(y, y0), barWidth, Math.Abs(y - y0), colors[k], null, "bar",
                    $"{series[k].Name}, {categories[i]}: {options.Format(v)}");
            }
            frame.Svg.CloseGroup();
        }
        frame.Svg.CloseGroup();
        return frame.Svg.Finish();
    }
}
