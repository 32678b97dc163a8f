namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Rolling Sum, Mean, Var, Std, Skew, Kurt and Count over one series in O(T): running power sums in double
/// (<see cref="MomentWindow"/>), rebuilt once per window. Variance and Std use ddof 1 (pandas, Qlib).
/// </summary>
public static class RollingMoments
{
    public static void Sum(ReadOnlySpan<float> x, Span<float> y, int n) => Run<SumStat>(x, y, n);
    public static void Mean(ReadOnlySpan<float> x, Span<float> y, int n) => Run<MeanStat>(x, y, n);
    public static void Var(ReadOnlySpan<float> x, Span<float> y, int n) => Run<VarStat>(x, y, n);
    public static void Std(ReadOnlySpan<float> x, Span<float> y, int n) => Run<StdStat>(x, y, n);
    public static void Skew(ReadOnlySpan<float> x, Span<float> y, int n) => Run<SkewStat>(x, y, n);
    public static void Kurt(ReadOnlySpan<float> x, Span<float> y, int n) => Run<KurtStat>(x, y, n);

    /// <summary>Number of valid (non-NaN) values in the window; 0, not NaN, when there are none.</summary>
    public static void Count(ReadOnlySpan<float> x, Span<float> y, int n) => Run<CountStat>(x, y, n);

    /// <summary>AlphaNet's ts_zscore: the window mean divided by the window standard deviation (ddof 1).</summary>
    public static void MeanOverStd(ReadOnlySpan<float> x, Span<float> y, int n) => Run<MeanOverStdStat>(x, y, n);

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
    private readonly struct SumStat : IMomentStat { public static double Of(in MomentWindow w) => w.Sum; }
    private readonly struct MeanStat : IMomentStat { public static double Of(in MomentWindow w) => w.Mean; }
    private readonly struct VarStat : IMomentStat { public static double Of(in MomentWindow w) => w.Variance; }
    private readonly struct StdStat : IMomentStat { public static double Of(in MomentWindow w) => Math.Sqrt(w.Variance); }
    private readonly struct SkewStat : IMomentStat { public static double Of(in MomentWindow w) => w.Skewness; public static bool Higher => true; }
    private readonly struct KurtStat : IMomentStat { public static double Of(in MomentWindow w) => w.Kurtosis; public static bool Higher => true; }
    private readonly struct CountStat : IMomentStat { public static double Of(in MomentWindow w) => w.Count; }
    private readonly struct MeanOverStdStat : IMomentStat { public static double Of(in MomentWindow w) => w.Mean / Math.Sqrt(w.Variance); }
}
