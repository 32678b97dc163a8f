namespace AlphaSharp.Nn.Norm;

/// <summary>
/// Fused layer-norm kernels over [rows, d] (d = the product of normalized_shape): per-row mean and biased variance
/// in double from one pass of sums and squares, normalise and affine in a second; backward in two passes per row,
/// plus a blocked, fixed-order reduction for the affine gradients so the bits do not depend on scheduling.
/// </summary>
internal static class LayerNormKernel
{
    /// <summary>Rows per block of the affine-gradient reduction (fixed so results do not depend on threads).</summary>
    private const int BlockRows = 64;

    public static void Forward(ReadOnlySpan<float> x, int rows, int d, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        double eps, Span<float> y, Span<float> mean, Span<float> rstd)
    {
        for (var r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * d, d);
            var (s, q) = NormSimd.RowSumSq(xr);
            var m = s / d;
            // In double, E[x^2] - E[x]^2 keeps ~29 more bits than float data carries: no cancellation to fear.
            var variance = Math.Max(q / d - m * m, 0.0);
            var mf = (float)m;
            var rf = (float)(1.0 / Math.Sqrt(variance + eps));
            mean[r] = mf;
            rstd[r] = rf;
            if (weight.IsEmpty) NormSimd.ScaleShift(xr, rf, -mf * rf, y.Slice(r * d, d));
            else NormSimd.NormalizeAffine(xr, mf, rf, weight, bias, y.Slice(r * d, d));
        }
    }

    /// <summary>
    /// With xhat = (x - mean) * rstd and g = dy * w: dx = rstd * (g - mean(g) - xhat * mean(g * xhat));
    /// dw += sum over rows of dy * xhat; db += sum of dy. Empty spans are gradients nobody wants.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int rows, int d, ReadOnlySpan<float> mean,
        ReadOnlySpan<float> rstd, ReadOnlySpan<float> weight, Span<float> dx, Span<float> dw, Span<float> db)
    {
        if (!dx.IsEmpty)
        {
            var ones = weight.IsEmpty ? Ones(d) : default;
            ReadOnlySpan<float> w = weight.IsEmpty ? ones : weight;
            for (var r = 0; r < rows; r++)
            {
                var xr = x.Slice(r * d, d);
                var gr = dy.Slice(r * d, d);
                var (sg, sgc) = NormSimd.RowWeightedSumDot(gr, w, xr, mean[r]);
                var mg = (float)(sg / d);
                var mgx = (float)(sgc * rstd[r] / d);
                NormSimd.LayerNormDx(gr, w, xr, mean[r], rstd[r], mg, mgx, dx.Slice(r * d, d));
            }
        }
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
                NormSimd.LayerNormAffineGrads(dy.Slice(r * d, d), x.Slice(r * d, d), mean[r], rstd[r], blockW, blockB);
            for (var k = 0; k < d; k++) { sumW[k] += blockW[k]; sumB[k] += blockB[k]; }
        }
        if (!dw.IsEmpty) for (var k = 0; k < d; k++) dw[k] += (float)sumW[k];
        if (!db.IsEmpty) for (var k = 0; k < d; k++) db[k] += (float)sumB[k];
    }

    private static float[] Ones(int d)
    {
        var a = new float[d];
        Array.Fill(a, 1f);
        return a;
    }
}
