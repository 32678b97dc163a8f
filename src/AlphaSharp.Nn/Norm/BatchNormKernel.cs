namespace AlphaSharp.Nn.Norm;

/// <summary>
/// Fused batch-norm kernels over a [N, C, L] buffer (L = 1 for 2-D input): statistics, normalisation and affine
/// in one pass each way, statistics summed in double. Channel c of sample n is the contiguous run
/// x[(n*C + c)*L .. +L].
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
        mean.Clear();
        biasedVar.Clear();
        for (var i = 0; i < n; i++)
            for (var ch = 0; ch < c; ch++)
            {
                var row = x.Slice((i * c + ch) * l, l);
                double s = 0;
                foreach (var v in row) s += v;
                mean[ch] += s;
            }
        for (var ch = 0; ch < c; ch++) mean[ch] /= count;
        // Second pass on centred values: exact enough in double and immune to the cancellation of E[x^2]-E[x]^2.
        for (var i = 0; i < n; i++)
            for (var ch = 0; ch < c; ch++)
            {
                var row = x.Slice((i * c + ch) * l, l);
                var m = mean[ch];
                double s = 0;
                foreach (var v in row) { var d = v - m; s += d * d; }
                biasedVar[ch] += s;
            }
        for (var ch = 0; ch < c; ch++)
        {
            biasedVar[ch] /= count;
            invStd[ch] = (float)(1.0 / Math.Sqrt(biasedVar[ch] + eps));
        }
        Normalise(x, n, c, l, mean, invStd, weight, bias, y);
    }

    /// <summary>Evaluation forward with given statistics: y = (x - mean) * invStd * w + b.</summary>
    public static void Normalise(ReadOnlySpan<float> x, int n, int c, int l, ReadOnlySpan<double> mean,
        ReadOnlySpan<float> invStd, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y)
    {
        var affine = !weight.IsEmpty;
        for (var i = 0; i < n; i++)
            for (var ch = 0; ch < c; ch++)
            {
                var off = (i * c + ch) * l;
                var scale = invStd[ch] * (affine ? weight[ch] : 1f);
                var shift = (affine ? bias[ch] : 0f) - (float)mean[ch] * scale;
                var src = x.Slice(off, l);
                var dst = y.Slice(off, l);
                for (var t = 0; t < l; t++) dst[t] = src[t] * scale + shift;
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
        Span<double> sumDy = c <= 256 ? stackalloc double[c] : new double[c];
        Span<double> sumDyXhat = c <= 256 ? stackalloc double[c] : new double[c];
        ChannelSums(x, dy, n, c, l, mean, invStd, sumDy, sumDyXhat);
        var count = (double)n * l;
        if (!dx.IsEmpty)
            for (var i = 0; i < n; i++)
                for (var ch = 0; ch < c; ch++)
                {
                    var off = (i * c + ch) * l;
                    var inv = invStd[ch];
                    var w = weight.IsEmpty ? 1f : weight[ch];
                    var k = w * inv;
                    var meanDy = (float)(sumDy[ch] / count);
                    var meanDyXhat = (float)(sumDyXhat[ch] / count);
                    var m = (float)mean[ch];
                    for (var t = 0; t < l; t++)
                    {
                        var xhat = (x[off + t] - m) * inv;
                        dx[off + t] += k * (dy[off + t] - meanDy - xhat * meanDyXhat);
                    }
                }
        AddAffineGrads(sumDy, sumDyXhat, dw, db);
    }

    /// <summary>Backward with fixed (running) statistics: dx = dy * w * invStd; dw, db as in training.</summary>
    public static void BackwardEval(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int n, int c, int l,
        ReadOnlySpan<double> mean, ReadOnlySpan<float> invStd, ReadOnlySpan<float> weight,
        Span<float> dx, Span<float> dw, Span<float> db)
    {
        if (!dx.IsEmpty)
            for (var i = 0; i < n; i++)
                for (var ch = 0; ch < c; ch++)
                {
                    var off = (i * c + ch) * l;
                    var k = invStd[ch] * (weight.IsEmpty ? 1f : weight[ch]);
                    for (var t = 0; t < l; t++) dx[off + t] += dy[off + t] * k;
                }
        if (dw.IsEmpty && db.IsEmpty) return;
        Span<double> sumDy = c <= 256 ? stackalloc double[c] : new double[c];
        Span<double> sumDyXhat = c <= 256 ? stackalloc double[c] : new double[c];
        ChannelSums(x, dy, n, c, l, mean, invStd, sumDy, sumDyXhat);
        AddAffineGrads(sumDy, sumDyXhat, dw, db);
    }

    private static void ChannelSums(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int n, int c, int l,
        ReadOnlySpan<double> mean, ReadOnlySpan<float> invStd, Span<double> sumDy, Span<double> sumDyXhat)
    {
        sumDy.Clear();
        sumDyXhat.Clear();
        for (var i = 0; i < n; i++)
            for (var ch = 0; ch < c; ch++)
            {
                var off = (i * c + ch) * l;
                var m = mean[ch];
                double s = 0, sx = 0;
                for (var t = 0; t < l; t++)
                {
                    double g = dy[off + t];
                    s += g;
                    sx += g * (x[off + t] - m);
                }
                sumDy[ch] += s;
                sumDyXhat[ch] += sx * invStd[ch];
            }
    }

    private static void AddAffineGrads(ReadOnlySpan<double> sumDy, ReadOnlySpan<double> sumDyXhat, Span<float> dw, Span<float> db)
    {
        if (!dw.IsEmpty) for (var ch = 0; ch < sumDyXhat.Length; ch++) dw[ch] += (float)sumDyXhat[ch];
        if (!db.IsEmpty) for (var ch = 0; ch < sumDy.Length; ch++) db[ch] += (float)sumDy[ch];
    }
}
