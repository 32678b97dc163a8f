namespace AlphaSharp.Nn.Norm;

/// <summary>
/// Fused layer-norm kernels over [rows, d] (d = the product of normalized_shape): per-row mean and biased variance
/// in double, normalise and affine in one pass; backward in one pass per row plus a blocked, fixed-order reduction
/// for the affine gradients so the bits do not depend on scheduling.
/// </summary>
internal static class LayerNormKernel
{
    /// <summary>Rows per block of the affine-gradient reduction (fixed so results do not depend on threads).</summary>
    private const int BlockRows = 64;

    public static void Forward(ReadOnlySpan<float> x, int rows, int d, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        double eps, Span<float> y, Span<float> mean, Span<float> rstd)
    {
        for (var r = 0; r < rows; r++)
            ForwardRow(x.Slice(r * d, d), weight, bias, eps, y.Slice(r * d, d), out mean[r], out rstd[r]);
    }

    private static void ForwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, double eps,
        Span<float> y, out float mean, out float rstd)
    {
        double s = 0;
        foreach (var v in x) s += v;
        var m = s / x.Length;
        double ss = 0;
        foreach (var v in x) { var c = v - m; ss += c * c; }
        var inv = 1.0 / Math.Sqrt(ss / x.Length + eps);
        mean = (float)m;
        rstd = (float)inv;
        var mf = (float)m;
        var rf = (float)inv;
        if (weight.IsEmpty)
            for (var k = 0; k < x.Length; k++) y[k] = (x[k] - mf) * rf;
        else
            for (var k = 0; k < x.Length; k++) y[k] = (x[k] - mf) * rf * weight[k] + bias[k];
    }

    /// <summary>
    /// With xhat = (x - mean) * rstd and g = dy * w: dx = rstd * (g - mean(g) - xhat * mean(g * xhat));
    /// dw += sum over rows of dy * xhat; db += sum of dy. Empty spans are gradients nobody wants.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int rows, int d, ReadOnlySpan<float> mean,
        ReadOnlySpan<float> rstd, ReadOnlySpan<float> weight, Span<float> dx, Span<float> dw, Span<float> db)
    {
        if (!dx.IsEmpty)
            for (var r = 0; r < rows; r++)
                BackwardRow(x.Slice(r * d, d), dy.Slice(r * d, d), mean[r], rstd[r], weight, dx.Slice(r * d, d));
        if (dw.IsEmpty && db.IsEmpty) return;
        var sumW = new double[d];
        var sumB = new double[d];
        var blockW = new double[d];
        var blockB = new double[d];
        for (var start = 0; start < rows; start += BlockRows)
        {
            Array.Clear(blockW);
            Array.Clear(blockB);
            var end = Math.Min(rows, start + BlockRows);
            for (var r = start; r < end; r++)
            {
                var m = mean[r];
                var rs = rstd[r];
                var xr = x.Slice(r * d, d);
                var gr = dy.Slice(r * d, d);
                for (var k = 0; k < d; k++)
                {
                    blockW[k] += gr[k] * ((xr[k] - m) * rs);
                    blockB[k] += gr[k];
                }
            }
            for (var k = 0; k < d; k++) { sumW[k] += blockW[k]; sumB[k] += blockB[k]; }
        }
        if (!dw.IsEmpty) for (var k = 0; k < d; k++) dw[k] += (float)sumW[k];
        if (!db.IsEmpty) for (var k = 0; k < d; k++) db[k] += (float)sumB[k];
    }

    private static void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, float mean, float rstd,
        ReadOnlySpan<float> weight, Span<float> dx)
    {
        double sg = 0, sgx = 0;
        for (var k = 0; k < x.Length; k++)
        {
            var g = weight.IsEmpty ? dy[k] : dy[k] * weight[k];
            sg += g;
            sgx += g * ((x[k] - mean) * rstd);
        }
        var mg = (float)(sg / x.Length);
        var mgx = (float)(sgx / x.Length);
        for (var k = 0; k < x.Length; k++)
        {
            var g = weight.IsEmpty ? dy[k] : dy[k] * weight[k];
            var xhat = (x[k] - mean) * rstd;
            dx[k] += rstd * (g - mg - xhat * mgx);
        }
    }
}
