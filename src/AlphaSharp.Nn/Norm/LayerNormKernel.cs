namespace AlphaSharp.Nn.Norm;

/// <summary>
/// Fused layer-norm kernels over [rows, d] (d = the product of normalized_shape): per-row mean and biased variance
/// in double from one pass of sums and squares, normalise and affine in a second; backward in two passes per row.
/// Rows run in parallel blocks (<see cref="RowBlocks"/>); the affine gradients keep one partial per block, added in
/// block order, so the bits do not depend on the thread count.
/// </summary>
internal static class LayerNormKernel
{
    public static void Forward(float[] x, int rows, int d, float[]? weight, float[]? bias, double eps, float[] y,
        float[] mean, float[] rstd)
    {
        RowBlocks.For(rows, d, (_, start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var xr = x.AsSpan(r * d, d);
                var (s, q) = NormSimd.RowSumSq(xr);
                var m = s / d;
                // In double, E[x^2] - E[x]^2 keeps ~29 more bits than float data carries: no cancellation to fear.
                var variance = Math.Max(q / d - m * m, 0.0);
                var mf = (float)m;
                var rf = (float)(1.0 / Math.Sqrt(variance + eps));
                mean[r] = mf;
                rstd[r] = rf;
                if (weight is null) NormSimd.ScaleShift(xr, rf, -mf * rf, y.AsSpan(r * d, d));
                else NormSimd.NormalizeAffine(xr, mf, rf, weight, bias, y.AsSpan(r * d, d));
            }
        });
    }

    /// <summary>
    /// With xhat = (x - mean) * rstd and g = dy * w: dx = rstd * (g - mean(g) - xhat * mean(g * xhat));
    /// dw += sum over rows of dy * xhat; db += sum of dy. Null arrays are gradients nobody wants.
    /// </summary>
    public static void Backward(float[] x, float[] dy, int rows, int d, float[] mean, float[] rstd, float[]? weight,
        float[]? dx, float[]? dw, float[]? db)
    {
        var blocks = RowBlocks.Count(rows);
        var wantAffine = dw is not null || db is not null;
        var partW = wantAffine ? new double[blocks * d] : null;
        var partB = wantAffine ? new double[blocks * d] : null;
        var w = weight ?? Ones(d);
        RowBlocks.For(rows, d, (block, start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                var xr = x.AsSpan(r * d, d);
                var gr = dy.AsSpan(r * d, d);
                if (dx is not null)
                {
                    var (sg, sgc) = NormSimd.RowWeightedSumDot(gr, w, xr, mean[r]);
                    var mg = (float)(sg / d);
                    var mgx = (float)(sgc * rstd[r] / d);
                    NormSimd.LayerNormDx(gr, w, xr, mean[r], rstd[r], mg, mgx, dx.AsSpan(r * d, d));
                }
                if (wantAffine)
                    NormSimd.LayerNormAffineGrads(gr, xr, mean[r], rstd[r], partW.AsSpan(block * d, d), partB.AsSpan(block * d, d));
            }
        });
        if (!wantAffine) return;
        var sumW = new double[d];
        var sumB = new double[d];
        RowBlocks.SumInOrder(partW!, blocks, d, sumW);
        RowBlocks.SumInOrder(partB!, blocks, d, sumB);
        if (dw is not null) for (var k = 0; k < d; k++) dw[k] += (float)sumW[k];
        if (db is not null) for (var k = 0; k < d; k++) db[k] += (float)sumB[k];
    }

    private static float[] Ones(int d)
    {
        var a = new float[d];
        Array.Fill(a, 1f);
        return a;
    }
}
