namespace AlphaSharp.Nn.Norm;

/// <summary>
/// Fused batch-norm kernels over a [N, C, L] buffer (L = 1 for 2-D input): statistics in double from one pass of
/// sums and squares, then normalisation and affine folded into one per-channel scale and shift. With L = 1 every
/// loop runs along the channels of a row (vectorised across channels); otherwise along each channel's contiguous
/// run x[(n*C + c)*L .. +L].
/// </summary>
internal static class BatchNormKernel
{
    /// <summary>
    /// Training forward: per-channel batch mean and biased variance, y = (x - mean) * invStd * w + b.
    /// Writes <paramref name="mean"/>, <paramref name="invStd"/> (for backward) and the biased variance.
    /// </summary>
    public static void ForwardTrain(ReadOnlySpan<float> x, int n, int c, int l, ReadOnlySpan<float> weight,
        ReadOnlySpan<float> bias, double eps, Span<float> y, Span<double> mean, Span<double> biasedVar, Span<float> invStd)
    {
        var count = (double)n * l;
        var sum = mean;
        var sq = biasedVar;
        sum.Clear();
        sq.Clear();
        if (l == 1)
            for (var i = 0; i < n; i++) NormSimd.ColumnSumSq(x.Slice(i * c, c), sum, sq);
        else
            for (var i = 0; i < n; i++)
                for (var ch = 0; ch < c; ch++)
                {
                    var (s, q) = NormSimd.RowSumSq(x.Slice((i * c + ch) * l, l));
                    sum[ch] += s;
                    sq[ch] += q;
                }
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
    public static void Normalise(ReadOnlySpan<float> x, int n, int c, int l, ReadOnlySpan<double> mean,
        ReadOnlySpan<float> invStd, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y)
    {
        var scale = new float[c];
        var shift = new float[c];
        for (var ch = 0; ch < c; ch++)
        {
            scale[ch] = invStd[ch] * (weight.IsEmpty ? 1f : weight[ch]);
            shift[ch] = (weight.IsEmpty ? 0f : bias[ch]) - (float)mean[ch] * scale[ch];
        }
        if (l == 1)
            for (var i = 0; i < n; i++) NormSimd.ScaleShift(x.Slice(i * c, c), scale, shift, y.Slice(i * c, c));
        else
            for (var i = 0; i < n; i++)
                for (var ch = 0; ch < c; ch++)
                {
                    var off = (i * c + ch) * l;
                    NormSimd.ScaleShift(x.Slice(off, l), scale[ch], shift[ch], y.Slice(off, l));
                }
    }

    /// <summary>
    /// Backward through batch statistics: with xhat = (x - mean) * invStd and M = N*L,
    /// dx = w * invStd / M * (M*dy - sum(dy) - xhat * sum(dy*xhat)); dw += sum(dy*xhat); db += sum(dy).
    /// Any of <paramref name="dx"/>, <paramref name="dw"/>, <paramref name="db"/> may be empty (not wanted).
    /// </summary>
    public static void BackwardTrain(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int n, int c, int l,
        ReadOnlySpan<double> mean, ReadOnlySpan<float> invStd, ReadOnlySpan<float> weight,
        Span<float> dx, Span<float> dw, Span<float> db)
    {
        var sumDy = new double[c];
        var sumDyXhat = new double[c];
        ChannelSums(x, dy, n, c, l, mean, invStd, sumDy, sumDyXhat);
        var count = (double)n * l;
        if (!dx.IsEmpty)
        {
            // dx = k*dy - k*mean(dy) - k*invStd*mean(dy*xhat)*(x - mean): per channel a*dy + b*x + c.
            var a = new float[c];
            var b = new float[c];
            var cc = new float[c];
            for (var ch = 0; ch < c; ch++)
            {
                var k = (double)invStd[ch] * (weight.IsEmpty ? 1f : weight[ch]);
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
    public static void BackwardEval(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int n, int c, int l,
        ReadOnlySpan<double> mean, ReadOnlySpan<float> invStd, ReadOnlySpan<float> weight,
        Span<float> dx, Span<float> dw, Span<float> db)
    {
        if (!dx.IsEmpty)
        {
            var a = new float[c];
            for (var ch = 0; ch < c; ch++) a[ch] = invStd[ch] * (weight.IsEmpty ? 1f : weight[ch]);
            AddAffine2(dy, x, n, c, l, a, new float[c], new float[c], dx);
        }
        if (dw.IsEmpty && db.IsEmpty) return;
        var sumDy = new double[c];
        var sumDyXhat = new double[c];
        ChannelSums(x, dy, n, c, l, mean, invStd, sumDy, sumDyXhat);
        AddAffineGrads(sumDy, sumDyXhat, dw, db);
    }

    private static void AddAffine2(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, int n, int c, int l,
        float[] a, float[] b, float[] cc, Span<float> dx)
    {
        if (l == 1)
            for (var i = 0; i < n; i++) NormSimd.AddAffine2(dy.Slice(i * c, c), x.Slice(i * c, c), a, b, cc, dx.Slice(i * c, c));
        else
            for (var i = 0; i < n; i++)
                for (var ch = 0; ch < c; ch++)
                {
                    var off = (i * c + ch) * l;
                    NormSimd.AddAffine2(dy.Slice(off, l), x.Slice(off, l), a[ch], b[ch], cc[ch], dx.Slice(off, l));
                }
    }

    private static void ChannelSums(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int n, int c, int l,
        ReadOnlySpan<double> mean, ReadOnlySpan<float> invStd, Span<double> sumDy, Span<double> sumDyXhat)
    {
        var meanF = new float[c];
        for (var ch = 0; ch < c; ch++) meanF[ch] = (float)mean[ch];
        if (l == 1)
            for (var i = 0; i < n; i++) NormSimd.ColumnSumDot(dy.Slice(i * c, c), x.Slice(i * c, c), meanF, sumDy, sumDyXhat);
        else
            for (var i = 0; i < n; i++)
                for (var ch = 0; ch < c; ch++)
                {
                    var off = (i * c + ch) * l;
                    var (s, d) = NormSimd.RowSumDot(dy.Slice(off, l), x.Slice(off, l), meanF[ch]);
                    sumDy[ch] += s;
                    sumDyXhat[ch] += d;
                }
        for (var ch = 0; ch < c; ch++) sumDyXhat[ch] *= invStd[ch];
    }

    private static void AddAffineGrads(ReadOnlySpan<double> sumDy, ReadOnlySpan<double> sumDyXhat, Span<float> dw, Span<float> db)
    {
        if (!dw.IsEmpty) for (var ch = 0; ch < sumDyXhat.Length; ch++) dw[ch] += (float)sumDyXhat[ch];
        if (!db.IsEmpty) for (var ch = 0; ch < sumDy.Length; ch++) db[ch] += (float)sumDy[ch];
    }
}
