using System.Runtime.CompilerServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Rolling Corr and Cov of two series over the days where both are valid (pandas' pairwise rule), covariance with
/// ddof 1. Corr is NaN where either series' own window standard deviation is within 2e-5 of zero (Qlib's guard
/// against dividing noise by noise), and below two joint observations. Every running sum is a local (registers),
/// centred on an anchor and rebuilt once per window.
/// </summary>
public static class RollingPair
{
    public static void Corr(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int n) => Run(a, b, y, n, corr: true);
    public static void Cov(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int n) => Run(a, b, y, n, corr: false);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, int n, bool corr)
    {
        var T = a.Length;
        if (b.Length != T) throw new ArgumentException("pair series differ in length");
        n = Window.Length(n, T);
        var rebuild = Window.RebuildPeriod(n);
        var untilRebuild = rebuild;
        // Joint days: count k and sums of u = a - ca, v = b - cb.
        double ca = 0, cb = 0, k = 0, su = 0, sv = 0, suu = 0, svv = 0, suv = 0;
        // Each series alone (Qlib's flat guard): counts, anchors, sums, and the run of equal values ending the window.
        var one = new Alone();
        var two = new Alone();
        for (var t = 0; t < T; t++)
        {
            if (t >= n)
            {
                float oa = a[t - n], ob = b[t - n];
                if (corr) { one.Remove(oa); two.Remove(ob); }
                if (!float.IsNaN(oa) && !float.IsNaN(ob))
                {
                    double u = oa - ca, v = ob - cb;
                    k--; su -= u; sv -= v; suu -= u * u; svv -= v * v; suv -= u * v;
                }
            }
            float na = a[t], nb = b[t];
            if (corr) { one.Add(na); two.Add(nb); }
            if (!float.IsNaN(na) && !float.IsNaN(nb))
            {
                if (k == 0) { ca = na; cb = nb; su = sv = suu = svv = suv = 0; }
                double u = na - ca, v = nb - cb;
                k++; su += u; sv += v; suu += u * u; svv += v * v; suv += u * v;
            }
            if (--untilRebuild == 0)
            {
                untilRebuild = rebuild;
                var lo = Math.Max(0, t - n + 1);
                if (corr) { one.Rebuild(a, lo, t); two.Rebuild(b, lo, t); }
                double ma = 0, mb = 0;
                var m = 0;
                for (var j = lo; j <= t; j++) if (!float.IsNaN(a[j]) && !float.IsNaN(b[j])) { ma += a[j]; mb += b[j]; m++; }
                if (m > 0) { ca = ma / m; cb = mb / m; }
                k = su = sv = suu = svv = suv = 0;
                for (var j = lo; j <= t; j++)
                {
                    if (float.IsNaN(a[j]) || float.IsNaN(b[j])) continue;
                    double u = a[j] - ca, v = b[j] - cb;
                    k++; su += u; sv += v; suu += u * u; svv += v * v; suv += u * v;
                }
            }
            if (k < 2) { y[t] = float.NaN; continue; }
            var cov = (suv - su * sv / k) / (k - 1);
            if (!corr) { y[t] = (float)cov; continue; }
            if (one.Flat || two.Flat) { y[t] = float.NaN; continue; }
            var va = Math.Max(0, suu - su * su / k) / (k - 1);
            var vb = Math.Max(0, svv - sv * sv / k) / (k - 1);
            y[t] = (float)(cov / Math.Sqrt(va * vb));
        }
    }

    /// <summary>One series' window variance, only to ask whether its std is within 2e-5 of zero.</summary>
    private struct Alone
    {
        private double _anchor, _s1, _s2;
        private int _count, _run;
        private float _last;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(float v)
        {
            if (float.IsNaN(v)) return;
            if (_count == 0) { _anchor = v; _s1 = _s2 = 0; }
            double d = v - _anchor;
            _s1 += d; _s2 += d * d; _count++;
            _run = v == _last ? _run + 1 : 1;
            _last = v;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Remove(float v)
        {
            if (float.IsNaN(v)) return;
            double d = v - _anchor;
            _s1 -= d; _s2 -= d * d; _count--;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Rebuild(ReadOnlySpan<float> x, int from, int to)
        {
            double sum = 0;
            var k = 0;
            for (var j = from; j <= to; j++) if (!float.IsNaN(x[j])) { sum += x[j]; k++; }
            _count = k;
            _s1 = _s2 = 0;
            if (k == 0) return;
            _anchor = sum / k;
            for (var j = from; j <= to; j++)
                if (!float.IsNaN(x[j])) { double d = x[j] - _anchor; _s1 += d; _s2 += d * d; }
        }

        /// <summary>std &lt;= 2e-5 as variance &lt;= 4e-10; fewer than two values is not flat (NaN std, as in Qlib).</summary>
        public readonly bool Flat => _count >= 2 && (_run >= _count || Math.Max(0, _s2 - _s1 * _s1 / _count) / (_count - 1) <= 4e-10);
    }
}
