namespace AlphaSharp.Reports.Charts;

/// <summary>
/// Histogram of one or more samples over shared equal-width bins; with several samples each bin holds one bar per
/// sample side by side. Bar height = count; NaN values are left out. <see cref="ChartOptions.XFormat"/> formats the
/// value axis; the count axis is integers.
/// </summary>
public static class Histogram
{
    public static string Render(IReadOnlyList<(string Name, double[] Values)> samples, int bins, ChartOptions options)
    {
        if (bins < 1) throw new ArgumentException($"histogram '{options.Title}': bins must be at least 1, got {bins}");
        var colors = samples.Select((_, i) => Palette.At(i)).ToArray();
        var frame = new ChartFrame(options with { YFormat = Formats.Integer }, samples.Select((s, i) => new LegendEntry(s.Name, colors[i], LegendMark.Box)).ToList());
        frame.DrawChrome();

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var (_, values) in samples)
            foreach (var v in values)
                if (double.IsFinite(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
        if (min > max) (min, max) = (0, 1);
        if (max == min) (min, max) = (min - 0.5, max + 0.5);
        var width = (max - min) / bins;
        var counts = samples.Select(s => Count(s.Values, min, width, bins)).ToArray();
        var top = counts.Length == 0 ? 1 : Math.Max(1, counts.Max(c => c.Max()));
        var (lo, hi, yTicks) = Ticks.Axis(0, top);
        frame.DrawYAxis(lo, hi, yTicks.Where(t => t == Math.Floor(t)).ToArray());

        var (xLo, xHi, xTicks) = Ticks.Axis(min, max, 8);
        double X(double v) => frame.Left + (v - xLo) / (xHi - xLo) * (frame.Right - frame.Left);
        var xFormat = options.XFormat ?? Formats.Number;
        frame.DrawXAxis(xTicks.Select(t => (X(t), xFormat(t))));

        var y0 = frame.Y(0, lo, hi);
        frame.Svg.OpenGroup("series-group");
        for (var k = 0; k < samples.Count; k++)
        {
            frame.Svg.OpenGroup("series", samples[k].Name);
            for (var b = 0; b < bins; b++)
            {
                if (counts[k][b] == 0) continue;
                var x1 = X(min + b * width);
                var share = (X(min + (b + 1) * width) - x1) / samples.Count;
                var y = frame.Y(counts[k][b], lo, hi);
                frame.Svg.Rect(x1 + k * share, y, share, y0 - y, colors[k], null, "bar",
                    $"{samples[k].Name}: {counts[k][b]} in [{xFormat(min + b * width)}, {xFormat(min + (b + 1) * width)})");
            }
            frame.Svg.CloseGroup();
        }
        frame.Svg.CloseGroup();
        return frame.Svg.Finish();
    }

    /// <summary>Counts per bin [min + b w, min + (b+1) w); the maximum falls into the last bin.</summary>
    public static int[] Count(double[] values, double min, double width, int bins)
    {
        var counts = new int[bins];
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            var b = (int)Math.Floor((v - min) / width);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        return counts;
    }
}
