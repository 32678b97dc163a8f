using System.Runtime.CompilerServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Rolling Sum, Mean, Var, Std, Skew, Kurt and Count over one series in O(T): running power sums in double, rebuilt
/// once per window (<see cref="MomentWindow"/> for skewness and kurtosis, a register-only loop for the rest). Variance and Std use ddof 1 (pandas, Qlib).
/// </summary>
public static class RollingMoments
{
    public static void Sum(ReadOnlySpan<float> x, Span<float> y, int n) => RunLow(x, y, n, Low.Sum);
    public static void Mean(ReadOnlySpan<float> x, Span<float> y, int n) => RunLow(x, y, n, Low.Mean);
    public static void Var(ReadOnlySpan<float> x, Span<float> y, int n) => RunLow(x, y, n, Low.Var);
    public static void Std(ReadOnlySpan<float> x, Span<float> y, int n) => RunLow(x, y, n, Low.Std);
    public static void Skew(ReadOnlySpan<float> x, Span<float> y, int n) => Run<SkewStat>(x, y, n);
    public static void Kurt(ReadOnlySpan<float> x, Span<float> y, int n) => Run<KurtStat>(x, y, n);

    /// <summary>Number of valid (non-NaN) values in the window; 0, not NaN, when there are none.</summary>
    public static void Count(ReadOnlySpan<float> x, Span<float> y, int n) => RunLow(x, y, n, Low.Count);

    /// <summary>AlphaNet's ts_zscore: the window mean divided by the window standard deviation (ddof 1).</summary>
    public static void MeanOverStd(ReadOnlySpan<float> x, Span<float> y, int n) => RunLow(x, y, n, Low.MeanOverStd);

    private enum Low { Sum, Mean, Var, Std, Count, MeanOverStd }

    /// <summary>
    /// The first two moments with every running quantity in a local (registers, not a struct in memory): the hot
    /// loop of Alpha158, whose Sum, Mean and Std make up a third of its rolling nodes. Same rules as
    /// <see cref="MomentWindow"/>: sums centred on an anchor, rebuilt once per window, a flat window has variance 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunLow(ReadOnlySpan<float> x, Span<float> y, int n, Low kind)
    {
        var T = x.Length;
        n = Window.Length(n, T);
        var rebuild = Window.RebuildPeriod(n);
        var untilRebuild = rebuild;
        double anchor = 0, s1 = 0, s2 = 0;
        int c = 0, run = 0;
        var last = float.NaN;
        for (var t = 0; t < T; t++)
        {
            if (t >= n)
            {
                var old = x[t - n];
                if (!float.IsNaN(old))
                {
                    double d = old - anchor;
                    s1 -= d; s2 -= d * d; c--;
                }
            }
            var v = x[t];
            if (!float.IsNaN(v))
            {
                if (c == 0) { anchor = v; s1 = 0; s2 = 0; }
                double d = v - anchor;
                s1 += d; s2 += d * d; c++;
                run = v == last ? run + 1 : 1;
                last = v;
            }
            if (--untilRebuild == 0)
            {
                untilRebuild = rebuild;
                double sum = 0;
                int k = 0;
                for (var j = Math.Max(0, t - n + 1); j <= t; j++) if (!float.IsNaN(x[j])) { sum += x[j]; k++; }
                if (k > 0)
                {
                    anchor = sum / k;
                    s1 = 0; s2 = 0;
                    for (var j = Math.Max(0, t - n + 1); j <= t; j++)
                        if (!float.IsNaN(x[j])) { double d = x[j] - anchor; s1 += d; s2 += d * d; }
                }
                c = k;
            }
            if (kind == Low.Count) { y[t] = c; continue; }
            if (c == 0) { y[t] = float.NaN; continue; }
            switch (kind)
            {
                case Low.Sum: y[t] = (float)(anchor * c + s1); break;
                case Low.Mean: y[t] = (float)(anchor + s1 / c); break;
                default:
                {
                    // (s2 - s1^2 / c) / (c - 1) as one division: (c s2 - s1^2) / (c (c - 1)).
                    var variance = c < 2 ? double.NaN : run >= c ? 0 : Math.Max(0, c * s2 - s1 * s1) / ((double)c * (c - 1));
                    y[t] = kind switch
                    {
                        Low.Var => (float)variance,
                        Low.Std => (float)Math.Sqrt(variance),
                        _ => (float)((anchor + s1 / c) / Math.Sqrt(variance)),
                    };
                    break;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TStat>(ReadOnlySpan<float> x, Span<float> y, int n) where TStat : IMomentStat
    {
        var T = x.Length;
        n = Window.Length(n, T);
        var rebuild = Window.RebuildPeriod(n);
        var untilRebuild = rebuild; // a countdown: a modulo per day would cost more than the update itself
        var w = new MomentWindow(TStat.Higher);
        for (var t = 0; t < T; t++)
        {
            if (t >= n) w.Remove(x[t - n]);
            w.Add(x[t]);
            if (--untilRebuild == 0) { w.Rebuild(x, Math.Max(0, t - n + 1), t); untilRebuild = rebuild; }
            y[t] = (float)TStat.Of(w);
        }
    }

    private interface IMomentStat
    {
        static abstract double Of(in MomentWindow w);
        static virtual bool Higher => false;
    }
    private readonly struct SkewStat : IMomentStat { public static double Of(in MomentWindow w) => w.Skewness; public static bool Higher => true; }
    private readonly struct KurtStat : IMomentStat { public static double Of(in MomentWindow w) => w.Kurtosis; public static bool Higher => true; }
}
