using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Norm;

/// <summary>
/// The vector loops of the norm kernels: statistics accumulate in double (each 8-float vector widened to two
/// 4-double vectors), elementwise work stays in float. Row forms reduce along a contiguous run (LayerNorm rows,
/// BatchNorm 3-D channels); column forms add a row into per-channel accumulators (BatchNorm 2-D).
/// </summary>
internal static unsafe class NormSimd
{
    /// <summary>(sum x, sum x^2) of a contiguous run, in double.</summary>
    public static (double Sum, double SumSq) RowSumSq(ReadOnlySpan<float> x)
    {
        fixed (float* p = x)
        {
            var k = 0;
            double s = 0, q = 0;
            if (Vector256.IsHardwareAccelerated && x.Length >= 8)
            {
                Vector256<double> s0 = default, s1 = default, q0 = default, q1 = default;
                for (; k + 8 <= x.Length; k += 8)
                {
                    var (lo, hi) = Vector256.Widen(Vector256.Load(p + k));
                    s0 += lo; s1 += hi;
                    q0 = Vector256.FusedMultiplyAdd(lo, lo, q0);
                    q1 = Vector256.FusedMultiplyAdd(hi, hi, q1);
                }
                s = Vector256.Sum(s0 + s1);
                q = Vector256.Sum(q0 + q1);
            }
            for (; k < x.Length; k++) { double v = p[k]; s += v; q += v * v; }
            return (s, q);
        }
    }

    /// <summary>(sum g, sum g * (x - mean)) of a contiguous run, in double.</summary>
    public static (double Sum, double SumDot) RowSumDot(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float mean)
    {
        fixed (float* pg = g)
        fixed (float* px = x)
        {
            var k = 0;
            double s = 0, d = 0;
            if (Vector256.IsHardwareAccelerated && g.Length >= 8)
            {
                Vector256<double> s0 = default, s1 = default, d0 = default, d1 = default;
                var m = Vector256.Create(mean);
                for (; k + 8 <= g.Length; k += 8)
                {
                    var (glo, ghi) = Vector256.Widen(Vector256.Load(pg + k));
                    var (clo, chi) = Vector256.Widen(Vector256.Load(px + k) - m);
                    s0 += glo; s1 += ghi;
                    d0 = Vector256.FusedMultiplyAdd(glo, clo, d0);
                    d1 = Vector256.FusedMultiplyAdd(ghi, chi, d1);
                }
                s = Vector256.Sum(s0 + s1);
                d = Vector256.Sum(d0 + d1);
            }
            for (; k < g.Length; k++) { double v = pg[k]; s += v; d += v * (px[k] - mean); }
            return (s, d);
        }
    }

    /// <summary>sum[k] += x[k]; sumSq[k] += x[k]^2 (one row into per-channel accumulators).</summary>
    public static void ColumnSumSq(ReadOnlySpan<float> x, Span<double> sum, Span<double> sumSq)
    {
        fixed (float* p = x)
        fixed (double* ps = sum)
        fixed (double* pq = sumSq)
        {
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; k + 8 <= x.Length; k += 8)
                {
                    var (lo, hi) = Vector256.Widen(Vector256.Load(p + k));
                    (Vector256.Load(ps + k) + lo).Store(ps + k);
                    (Vector256.Load(ps + k + 4) + hi).Store(ps + k + 4);
                    Vector256.FusedMultiplyAdd(lo, lo, Vector256.Load(pq + k)).Store(pq + k);
                    Vector256.FusedMultiplyAdd(hi, hi, Vector256.Load(pq + k + 4)).Store(pq + k + 4);
                }
            for (; k < x.Length; k++) { double v = p[k]; ps[k] += v; pq[k] += v * v; }
        }
    }

    /// <summary>sum[k] += g[k]; sumDot[k] += g[k] * (x[k] - mean[k]) (one row into per-channel accumulators).</summary>
    public static void ColumnSumDot(ReadOnlySpan<float> g, ReadOnlySpan<float> x, ReadOnlySpan<float> mean, Span<double> sum, Span<double> sumDot)
    {
        fixed (float* pg = g)
        fixed (float* px = x)
        fixed (float* pm = mean)
        fixed (double* ps = sum)
        fixed (double* pd = sumDot)
        {
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; k + 8 <= g.Length; k += 8)
                {
                    var (glo, ghi) = Vector256.Widen(Vector256.Load(pg + k));
                    var (clo, chi) = Vector256.Widen(Vector256.Load(px + k) - Vector256.Load(pm + k));
                    (Vector256.Load(ps + k) + glo).Store(ps + k);
                    (Vector256.Load(ps + k + 4) + ghi).Store(ps + k + 4);
                    Vector256.FusedMultiplyAdd(glo, clo, Vector256.Load(pd + k)).Store(pd + k);
                    Vector256.FusedMultiplyAdd(ghi, chi, Vector256.Load(pd + k + 4)).Store(pd + k + 4);
                }
            for (; k < g.Length; k++) { double v = pg[k]; ps[k] += v; pd[k] += v * (px[k] - pm[k]); }
        }
    }

    /// <summary>y[k] = x[k] * scale[k] + shift[k].</summary>
    public static void ScaleShift(ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> y)
    {
        fixed (float* px = x)
        fixed (float* pa = scale)
        fixed (float* pb = shift)
        fixed (float* py = y)
        {
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; k + 8 <= x.Length; k += 8)
                    Vector256.FusedMultiplyAdd(Vector256.Load(px + k), Vector256.Load(pa + k), Vector256.Load(pb + k)).Store(py + k);
            for (; k < x.Length; k++) py[k] = px[k] * pa[k] + pb[k];
        }
    }

    /// <summary>y[k] = x[k] * scale + shift.</summary>
    public static void ScaleShift(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        fixed (float* px = x)
        fixed (float* py = y)
        {
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var a = Vector256.Create(scale);
                var b = Vector256.Create(shift);
                for (; k + 8 <= x.Length; k += 8) Vector256.FusedMultiplyAdd(Vector256.Load(px + k), a, b).Store(py + k);
            }
            for (; k < x.Length; k++) py[k] = px[k] * scale + shift;
        }
    }

    /// <summary>dx[k] += a[k] * dy[k] + b[k] * x[k] + c[k] (the per-channel affine form of batch-norm backward).</summary>
    public static void AddAffine2(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> a, ReadOnlySpan<float> b,
        ReadOnlySpan<float> c, Span<float> dx)
    {
        fixed (float* pg = dy)
        fixed (float* px = x)
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        fixed (float* pd = dx)
        {
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; k + 8 <= dy.Length; k += 8)
                {
                    var v = Vector256.FusedMultiplyAdd(Vector256.Load(pa + k), Vector256.Load(pg + k), Vector256.Load(pc + k));
                    v = Vector256.FusedMultiplyAdd(Vector256.Load(pb + k), Vector256.Load(px + k), v);
                    (Vector256.Load(pd + k) + v).Store(pd + k);
                }
            for (; k < dy.Length; k++) pd[k] += pa[k] * pg[k] + pb[k] * px[k] + pc[k];
        }
    }

    /// <summary>dx[k] += a * dy[k] + b * x[k] + c.</summary>
    public static void AddAffine2(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float a, float b, float c, Span<float> dx)
    {
        fixed (float* pg = dy)
        fixed (float* px = x)
        fixed (float* pd = dx)
        {
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<float> va = Vector256.Create(a), vb = Vector256.Create(b), vc = Vector256.Create(c);
                for (; k + 8 <= dy.Length; k += 8)
                {
                    var v = Vector256.FusedMultiplyAdd(va, Vector256.Load(pg + k), vc);
                    v = Vector256.FusedMultiplyAdd(vb, Vector256.Load(px + k), v);
                    (Vector256.Load(pd + k) + v).Store(pd + k);
                }
            }
            for (; k < dy.Length; k++) pd[k] += a * pg[k] + b * px[k] + c;
        }
    }

    /// <summary>y[k] = (x[k] - mean) * rstd * w[k] + b[k].</summary>
    public static void NormalizeAffine(ReadOnlySpan<float> x, float mean, float rstd, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y)
    {
        fixed (float* px = x)
        fixed (float* pw = w)
        fixed (float* pb = b)
        fixed (float* py = y)
        {
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<float> m = Vector256.Create(mean), r = Vector256.Create(rstd);
                for (; k + 8 <= x.Length; k += 8)
                    Vector256.FusedMultiplyAdd((Vector256.Load(px + k) - m) * r, Vector256.Load(pw + k), Vector256.Load(pb + k)).Store(py + k);
            }
            for (; k < x.Length; k++) py[k] = (px[k] - mean) * rstd * pw[k] + pb[k];
        }
    }

    /// <summary>(sum dy*w, sum dy*w*(x - mean)) of a row, in double.</summary>
    public static (double Sum, double SumDot) RowWeightedSumDot(ReadOnlySpan<float> dy, ReadOnlySpan<float> w, ReadOnlySpan<float> x, float mean)
    {
        fixed (float* pg = dy)
        fixed (float* pw = w)
        fixed (float* px = x)
        {
            var k = 0;
            double s = 0, d = 0;
            if (Vector256.IsHardwareAccelerated && dy.Length >= 8)
            {
                Vector256<double> s0 = default, s1 = default, d0 = default, d1 = default;
                var m = Vector256.Create(mean);
                for (; k + 8 <= dy.Length; k += 8)
                {
                    var (glo, ghi) = Vector256.Widen(Vector256.Load(pg + k) * Vector256.Load(pw + k));
                    var (clo, chi) = Vector256.Widen(Vector256.Load(px + k) - m);
                    s0 += glo; s1 += ghi;
                    d0 = Vector256.FusedMultiplyAdd(glo, clo, d0);
                    d1 = Vector256.FusedMultiplyAdd(ghi, chi, d1);
                }
                s = Vector256.Sum(s0 + s1);
                d = Vector256.Sum(d0 + d1);
            }
            for (; k < dy.Length; k++) { double v = pg[k] * pw[k]; s += v; d += v * (px[k] - mean); }
            return (s, d);
        }
    }

    /// <summary>dx[k] += rstd * (dy[k] * w[k] - mg - (x[k] - mean) * rstd * mgx): layer-norm backward for one row.</summary>
    public static void LayerNormDx(ReadOnlySpan<float> dy, ReadOnlySpan<float> w, ReadOnlySpan<float> x, float mean, float rstd,
        float mg, float mgx, Span<float> dx)
    {
        fixed (float* pg = dy)
        fixed (float* pw = w)
        fixed (float* px = x)
        fixed (float* pd = dx)
        {
            var k = 0;
            var rx = rstd * mgx;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<float> m = Vector256.Create(mean), r = Vector256.Create(rstd), vmg = Vector256.Create(mg), vrx = Vector256.Create(rx);
                for (; k + 8 <= dy.Length; k += 8)
                {
                    var g = Vector256.Load(pg + k) * Vector256.Load(pw + k) - vmg;
                    var t = g - (Vector256.Load(px + k) - m) * vrx;
                    Vector256.FusedMultiplyAdd(r, t, Vector256.Load(pd + k)).Store(pd + k);
                }
            }
            for (; k < dy.Length; k++) pd[k] += rstd * (pg[k] * pw[k] - mg - (px[k] - mean) * rx);
        }
    }

    /// <summary>accW[k] += dy[k] * (x[k] - mean) * rstd; accB[k] += dy[k] (one row of the layer-norm affine gradients).</summary>
    public static void LayerNormAffineGrads(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float mean, float rstd, Span<double> accW, Span<double> accB)
    {
        fixed (float* pg = dy)
        fixed (float* px = x)
        fixed (double* pw = accW)
        fixed (double* pb = accB)
        {
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<float> m = Vector256.Create(mean), r = Vector256.Create(rstd);
                for (; k + 8 <= dy.Length; k += 8)
                {
                    var g = Vector256.Load(pg + k);
                    var (plo, phi) = Vector256.Widen(g * ((Vector256.Load(px + k) - m) * r));
                    var (glo, ghi) = Vector256.Widen(g);
                    (Vector256.Load(pw + k) + plo).Store(pw + k);
                    (Vector256.Load(pw + k + 4) + phi).Store(pw + k + 4);
                    (Vector256.Load(pb + k) + glo).Store(pb + k);
                    (Vector256.Load(pb + k + 4) + ghi).Store(pb + k + 4);
                }
            }
            for (; k < dy.Length; k++) { pw[k] += pg[k] * ((px[k] - mean) * rstd); pb[k] += pg[k]; }
        }
    }

    /// <summary>sum[k] += x[k] (one row into per-column double accumulators).</summary>
    public static void ColumnSum(ReadOnlySpan<float> x, Span<double> sum)
    {
        fixed (float* p = x)
        fixed (double* ps = sum)
        {
            var k = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; k + 8 <= x.Length; k += 8)
                {
                    var (lo, hi) = Vector256.Widen(Vector256.Load(p + k));
                    (Vector256.Load(ps + k) + lo).Store(ps + k);
                    (Vector256.Load(ps + k + 4) + hi).Store(ps + k + 4);
                }
            for (; k < x.Length; k++) ps[k] += p[k];
        }
    }
}
