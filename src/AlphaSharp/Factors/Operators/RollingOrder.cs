using System.Numerics;
using System.Runtime.CompilerServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Order statistics over a rolling window of valid values: Quantile (linear interpolation), Med, Rank (the percentile
/// of today's value among the window's, ties averaged, in (0, 1]; NaN when today is NaN) and Mad (mean absolute
/// deviation from the window mean, Qlib's definition; the window mean comes from running sums, the deviations need
/// one pass over the window).
/// </summary>
public static class RollingOrder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Quantile(ReadOnlySpan<float> x, Span<float> y, int n, double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), $"quantile {q} is outside [0, 1]");
        var T = x.Length;
        n = Window.Length(n, T);
        var w = new SortedWindow(Math.Min(n, T));
        for (var t = 0; t < T; t++)
        {
            if (t >= n) w.Replace(x[t - n], x[t]);
            else w.Add(x[t]);
            y[t] = (float)w.Quantile(q);
        }
    }

    public static void Median(ReadOnlySpan<float> x, Span<float> y, int n) => Quantile(x, y, n, 0.5);

    /// <summary>
    /// A direct count over the window (values below, equal to, and valid) in SIMD registers: for the windows factors use
    /// (5-60 days) this beats keeping the window sorted, whose per-step moves cost more than the comparisons.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rank(ReadOnlySpan<float> x, Span<float> y, int n)
    {
        var T = x.Length;
        n = Window.Length(n, T);
        var width = Vector<float>.Count;
        for (var t = 0; t < T; t++)
        {
            var v = x[t];
            if (float.IsNaN(v)) { y[t] = float.NaN; continue; }
            var lo = Math.Max(0, t - n + 1);
            var window = x[lo..(t + 1)];
            var today = new Vector<float>(v);
            Vector<int> below = Vector<int>.Zero, equal = Vector<int>.Zero, valid = Vector<int>.Zero;
            var j = 0;
            for (; j + width <= window.Length; j += width)
            {
                var u = new Vector<float>(window[j..]);
                below -= Vector.LessThan(u, today);
                equal -= Vector.Equals(u, today);
                valid -= Vector.Equals(u, u);
            }
            int b = Vector.Sum(below), e = Vector.Sum(equal), c = Vector.Sum(valid);
            for (; j < window.Length; j++)
            {
                var u = window[j];
                if (u < v) b++;
                if (u == v) e++;
                if (!float.IsNaN(u)) c++;
            }
            y[t] = (float)((b + (e + 1) / 2.0) / c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Mad(ReadOnlySpan<float> x, Span<float> y, int n)
    {
        var T = x.Length;
        n = Window.Length(n, T);
        var rebuild = Window.RebuildPeriod(n);
        var untilRebuild = rebuild; // a countdown: a modulo per day would cost more than the update itself
        var w = new MomentWindow(higher: false);
        for (var t = 0; t < T; t++)
        {
            if (t >= n) w.Remove(x[t - n]);
            w.Add(x[t]);
            var lo = Math.Max(0, t - n + 1);
            if (--untilRebuild == 0) { w.Rebuild(x, lo, t); untilRebuild = rebuild; }
            if (w.Count == 0) { y[t] = float.NaN; continue; }
            var mean = w.Mean;
            double dev = 0;
            for (var j = lo; j <= t; j++)
                if (!float.IsNaN(x[j])) dev += Math.Abs(x[j] - mean);
            y[t] = (float)(dev / w.Count);
        }
    }
}
