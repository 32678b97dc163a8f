namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Rolling Corr and Cov of two series over the days where both are valid (pandas' pairwise rule), covariance with
/// ddof 1. Corr is NaN where either series' own window standard deviation is within 2e-5 of zero (Qlib's guard
/// against dividing noise by noise), and below two joint observations.
/// </summary>
public static class RollingPair
{
    public static void Corr(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int n) => Run(a, b, y, n, corr: true);
    public static void Cov(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int n) => Run(a, b, y, n, corr: false);

    private static void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int n, bool corr)
    {
        var T = a.Length;
        if (b.Length != T) throw new ArgumentException("pair series differ in length");
        n = Window.Length(n, T);
        var rebuild = Window.RebuildPeriod(n);
        var untilRebuild = rebuild; // a countdown: a modulo per day would cost more than the update itself
        var wa = new MomentWindow(higher: false);
        var wb = new MomentWindow(higher: false);
        double ca = 0, cb = 0, k = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        var anchored = false;
        for (var t = 0; t < T; t++)
        {
            if (t >= n)
            {
                wa.Remove(a[t - n]); wb.Remove(b[t - n]);
                if (Joint(a[t - n], b[t - n]))
                {
                    double u = a[t - n] - ca, v = b[t - n] - cb;
                    k--; sa -= u; sb -= v; saa -= u * u; sbb -= v * v; sab -= u * v;
                }
            }
            wa.Add(a[t]); wb.Add(b[t]);
            if (Joint(a[t], b[t]))
            {
                if (!anchored) { ca = a[t]; cb = b[t]; anchored = true; }
                double u = a[t] - ca, v = b[t] - cb;
                k++; sa += u; sb += v; saa += u * u; sbb += v * v; sab += u * v;
            }
            if (--untilRebuild == 0)
            {
                untilRebuild = rebuild;
                var lo = Math.Max(0, t - n + 1);
                wa.Rebuild(a, lo, t); wb.Rebuild(b, lo, t);
                double ma = 0, mb = 0; var m = 0;
                for (var j = lo; j <= t; j++) if (Joint(a[j], b[j])) { ma += a[j]; mb += b[j]; m++; }
                if (m > 0) { ca = ma / m; cb = mb / m; anchored = true; }
                k = sa = sb = saa = sbb = sab = 0;
                for (var j = lo; j <= t; j++)
                {
                    if (!Joint(a[j], b[j])) continue;
                    double u = a[j] - ca, v = b[j] - cb;
                    k++; sa += u; sb += v; saa += u * u; sbb += v * v; sab += u * v;
                }
            }
            if (k < 2) { y[t] = float.NaN; continue; }
            var cov = (sab - sa * sb / k) / (k - 1);
            if (!corr) { y[t] = (float)cov; continue; }
            if (Flat(wa) || Flat(wb)) { y[t] = float.NaN; continue; }
            var va = Math.Max(0, saa - sa * sa / k) / (k - 1);
            var vb = Math.Max(0, sbb - sb * sb / k) / (k - 1);
            y[t] = (float)(cov / Math.Sqrt(va * vb));
        }
    }

    private static bool Joint(float u, float v) => !float.IsNaN(u) && !float.IsNaN(v);

    /// <summary>std &lt;= 2e-5, written as variance &lt;= 4e-10 (NaN for fewer than two values compares false, as in Qlib).</summary>
    private static bool Flat(in MomentWindow w) => w.Variance <= 4e-10;
}
