namespace AlphaSharp.Reports.Charts;

/// <summary>Axis ticks: "nice" numbers (1, 2, 2.5, 5 x 10^k) for values, calendar boundaries for dates.</summary>
public static class Ticks
{
    /// <summary>
    /// About <paramref name="target"/> evenly spaced round ticks covering [min, max]; the first and last tick
    /// enclose the data, so they become the axis' limits.
    /// </summary>
    public static double[] Nice(double min, double max, int target = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (max < min) (min, max) = (max, min);
        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        // Of the round steps near range / target, take the one whose tick count inside [min, max] is nearest the
        // target (a tie goes to the larger step).
        var raw = (max - min) / Math.Max(1, target - 1);
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = mag;
        var bestMiss = int.MaxValue;
        foreach (var scale in new[] { 0.1, 1, 10 })
            foreach (var m in new[] { 1, 2, 2.5, 5 })
            {
                var candidate = m * mag * scale;
                var inside = (int)(Math.Floor(max / candidate + 1e-9) - Math.Ceiling(min / candidate - 1e-9)) + 1;
                var miss = Math.Abs(inside - target);
                if (miss > bestMiss || (miss == bestMiss && candidate < step)) continue;
                bestMiss = miss;
                step = candidate;
            }
        var lo = Math.Floor(min / step + 1e-9) * step;
        var hi = Math.Ceiling(max / step - 1e-9) * step;
        var n = (int)Math.Round((hi - lo) / step) + 1;
        var ticks = new double[n];
        for (var i = 0; i < n; i++)
        {
            var v = lo + i * step;
            ticks[i] = Math.Abs(v) < step * 1e-9 ? 0 : v;
        }
        return ticks;
    }

    /// <summary>
    /// An axis over [min, max]: limits padded by 4 % of the range on each side (not below a 0 that is the data's
    /// minimum or above a 0 that is its maximum, so bars and areas start on the axis), and round ticks inside.
    /// </summary>
    public static (double Lo, double Hi, double[] Ticks) Axis(double min, double max, int target = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (max < min) (min, max) = (max, min);
        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            var half = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - half, max + half);
        }
        var pad = (max - min) * 0.04;
        var lo = min == 0 ? 0 : min - pad;
        var hi = max == 0 ? 0 : max + pad;
        var nice = Nice(lo, hi, target);
        var step = nice[1] - nice[0];
        var inside = nice.Where(t => t >= lo - step * 1e-9 && t <= hi + step * 1e-9).ToArray();
        return (lo, hi, inside);
    }

    /// <summary>
    /// Row indices and labels for a date axis over trading days: the first day of each year, quarter or month
    /// (whichever gives at most <paramref name="maxTicks"/>), or evenly spaced days for short series.
    /// </summary>
    public static List<(int Index, string Label)> Dates(ReadOnlySpan<DateOnly> dates, int maxTicks = 12)
    {
        var result = new List<(int, string)>();
        if (dates.Length == 0) return result;
        foreach (var months in new[] { 1, 3, 6, 12, 24, 60 })
        {
            result.Clear();
            for (var i = 1; i < dates.Length; i++)
            {
                var a = dates[i - 1];
                var b = dates[i];
                if (a.Year * 12 + a.Month - 1 == b.Year * 12 + b.Month - 1) continue;
                var monthIndex = b.Year * 12 + b.Month - 1;
                if (monthIndex % months != 0) continue;
                result.Add((i, months >= 12 ? b.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : b.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
            }
            if (result.Count >= 2 && result.Count <= maxTicks) return result;
            if (result.Count < 2 && months == 1) break;
        }
        // A short series (under about two months): evenly spaced days.
        result.Clear();
        var steps = Math.Min(Math.Max(dates.Length - 1, 1), Math.Max(1, Math.Min(6, maxTicks - 1)));
        for (var k = 0; k <= steps; k++)
        {
            var i = (int)Math.Round((double)k * (dates.Length - 1) / steps);
            if (result.Count > 0 && result[^1].Item1 == i) continue;
            result.Add((i, dates[i].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
        return result;
    }
}
