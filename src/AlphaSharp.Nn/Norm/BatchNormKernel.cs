namespace AlphaSharp.Nn.Norm;

/// <summary>
/// Fused batch-norm kernels over a [N, C, L] buffer (L = 1 for 2-D input): statistics in double from one pass of
/// sums and squares, then normalisation and affine folded into one per-channel scale and shift. With L = 1 every
/// loop runs along the channels of a row (vectorised across channels); otherwise along each channel's contiguous
/// run x[(n*C + c)*L .. +L]. Samples run in parallel blocks (<see cref="RowBlocks"/>); channel sums keep one
/// partial per block, added in block order, so the bits do not depend on the thread count.
/// </summary>
internal static class BatchNormKernel
{
    /// <summary>
    /// Training forward: per-channel batch mean and biased variance, y = (x - mean) * invStd * w + b.
    /// Writes <paramref name="mean"/>, <paramref name="invStd"/> (for backward) and the biased variance.
    /// </summary>
    public static void ForwardTrain(float[] x, int n, int c, int l, float[]? weight, float[]? bias, double eps, float[] y,
        double[] mean, double[] biasedVar, float[] invStd)
    {
        var count = (double)n * l;
        var sum = new double[c];
        var sq = new double[c];
        ChannelReduce(n, c, l, sum, sq, (off, partA, partB) =>
        {
            if (l == 1) NormSimd.ColumnSumSq(x.AsSpan(off, c), partA, partB);
            else
                for (var ch = 0; ch < c; ch++)
                {
                    var (s, q) = NormSimd.RowSumSq(x.AsSpan(off + ch * l, l));
                    partA[ch] += s;
                    partB[ch] += q;
                }
        });
        for (var ch = 0; ch < c; ch++)
        {
            var m = sum[ch] / count;
            // Double sums of float data: E[x^2] - E[x]^2 loses nothing that float could have kept.
            biasedVar[ch] = Math.Max(sq[ch] / count - m * m, 0.0);
            mean[ch] = m;
            invStd[ch] = (float)(1.0 / Math.Sqrt(biasedVar[ch] + eps));
        }
        Normalise(x, n, c, l, mean, invStd, weight, bias, y);
    }

    /// <summary>y = (x - mean) * invStd * w + b, as one scale and shift per channel.</summary>
    public static void Normalise(float[] x, int n, int c, int l, double[] mean, float[] invStd, float[]? weight, float[]? bias, float[] y)
    {
        var scale = new float[c];
        var shift = new float[c];
        for (var ch = 0; ch < c; ch++)
        {
            scale[ch] = invStd[ch] * (weight is null ? 1f : weight[ch]);
            shift[ch] = (bias is null ? 0f : bias[ch]) - (float)mean[ch] * scale[ch];
        }
        RowBlocks.For(n, c * l, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var off = i * c * l;
                if (l == 1) NormSimd.ScaleShift(x.AsSpan(off, c), scale, shift, y.AsSpan(off, c));
                else
                    for (var ch = 0; ch < c; ch++)
                        NormSimd.ScaleShift(x.AsSpan(off + ch * l, l), scale[ch], shift[ch], y.AsSpan(off + ch * l, l));
            }
        });
    }

    /// <summary>
    /// Backward through batch statistics: with xhat = (x - mean) * invStd and M = N*L,
    /// dx = w * invStd / M * (M*dy - sum(dy) - xhat * sum(dy*xhat)); dw += sum(dy*xhat); db += sum(dy).
    /// Null arrays are gradients nobody wants.
    /// </summary>
    public static void BackwardTrain(float[] x, float[] dy, int n, int c, int l, double[] mean, float[] invStd, float[]? weight,
        float[]? dx, float[]? dw, float[]? db)
    {
        var (sumDy, sumDyXhat) = ChannelSums(x, dy, n, c, l, mean, invStd);
        var count = (double)n * l;
        if (dx is not null)
        {
            // dx = k*dy - k*mean(dy) - k*invStd*mean(dy*xhat)*(x - mean): per channel a*dy + b*x + c.
            var a = new float[c];
            var b = new float[c];
            var cc = new float[c];
            for (var ch = 0; ch < c; ch++)
            {
                var k = (double)invStd[ch] * (weight is null ? 1f : weight[ch]);
                var slope = k * invStd[ch] * (sumDyXhat[ch] / count);
                a[ch] = (float)k;
                b[ch] = (float)-slope;
                cc[ch] = (float)(-k * (sumDy[ch] / count) + slope * mean[ch]);
            }
            AddAffine2(dy, x, n, c, l, a, b, cc, dx);
        }
        AddAffineGrads(sumDy, sumDyXhat, dw, db);
    }

    /// <summary>Backward with fixed (running) statistics: dx = dy * w * invStd; dw, db as in training.</summary>
    public static void BackwardEval(float[] x, float[] dy, int n, int c, int l, double[] mean, float[] invStd, float[]? weight,
        float[]? dx, float[]? dw, float[]? db)
    {
        if (dx is not null)
        {
            var a = new float[c];
            for (var ch = 0; ch < c; ch++) a[ch] = invStd[ch] * (weight is null ? 1f : weight[ch]);
            AddAffine2(dy, x, n, c, l, a, new float[c], new float[c], dx);
        }
        if (dw is null && db is null) return;
        var (sumDy, sumDyXhat) = ChannelSums(x, dy, n, c, l, mean, invStd);
        AddAffineGrads(sumDy, sumDyXhat, dw, db);
    }

    private static void AddAffine2(float[] dy, float[] x, int n, int c, int l, float[] a, float[] b, float[] cc, float[] dx)
    {
        RowBlocks.For(n, c * l, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var off = i * c * l;
                if (l == 1) NormSimd.AddAffine2(dy.AsSpan(off, c), x.AsSpan(off, c), a, b, cc, dx.AsSpan(off, c));
                else
                    for (var ch = 0; ch < c; ch++)
                    {
                        var o = off + ch * l;
                        NormSimd.AddAffine2(dy.AsSpan(o, l), x.AsSpan(o, l), a[ch], b[ch], cc[ch], dx.AsSpan(o, l));
                    }
            }
        });
    }

    /// <summary>Per-channel sum(dy) and sum(dy * xhat).</summary>
    private static (double[] SumDy, double[] SumDyXhat) ChannelSums(float[] x, float[] dy, int n, int c, int l,
        double[] mean, float[] invStd)
    {
        var meanF = new float[c];
        for (var ch = 0; ch < c; ch++) meanF[ch] = (float)mean[ch];
        var sumDy = new double[c];
        var sumDyX = new double[c];
        ChannelReduce(n, c, l, sumDy, sumDyX, (off, partA, partB) =>
        {
            if (l == 1) NormSimd.ColumnSumDot(dy.AsSpan(off, c), x.AsSpan(off, c), meanF, partA, partB);
            else
                for (var ch = 0; ch < c; ch++)
                {
                    var (s, d) = NormSimd.RowSumDot(dy.AsSpan(off + ch * l, l), x.AsSpan(off + ch * l, l), meanF[ch]);
                    partA[ch] += s;
                    partB[ch] += d;
                }
        });
        for (var ch = 0; ch < c; ch++) sumDyX[ch] *= invStd[ch];
        return (sumDy, sumDyX);
    }

    /// <summary>Two per-channel sums over all samples: sample(offset, partialA, partialB) adds one sample's share.</summary>
    private static void ChannelReduce(int n, int c, int l, double[] totalA, double[] totalB, SampleReducer sample)
    {
        var blocks = RowBlocks.Count(n);
        var partA = new double[blocks * c];
        var partB = new double[blocks * c];
        RowBlocks.For(n, c * l, (block, start, end) =>
        {
            var a = partA.AsSpan(block * c, c);
            var b = partB.AsSpan(block * c, c);
            for (var i = start; i < end; i++) sample(i * c * l, a, b);
        });
        RowBlocks.SumInOrder(partA, blocks, c, totalA);
        RowBlocks.SumInOrder(partB, blocks, c, totalB);
    }

    private delegate void SampleReducer(int offset, Span<double> partialA, Span<double> partialB);

    private static void AddAffineGrads(double[] sumDy, double[] sumDyXhat, float[]? dw, float[]? db)
    {
        if (dw is not null) for (var ch = 0; ch < sumDyXhat.Length; ch++) dw[ch] += (float)sumDyXhat[ch];
        if (db is not null) for (var ch = 0; ch < sumDy.Length; ch++) db[ch] += (float)sumDy[ch];
    }
}
