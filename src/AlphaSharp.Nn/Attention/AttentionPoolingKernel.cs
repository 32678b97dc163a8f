namespace AlphaSharp.Nn.Attention;

/// <summary>
/// Attention pooling over time for x [N, T, D]: s_t = w . x_t + b, a = softmax_t(s + mask), y = sum_t a_t x_t.
/// Backward: da_t = dy . x_t, ds_t = a_t (da_t - sum_u a_u da_u), dx_t = a_t dy + ds_t w, dw = sum ds_t x_t,
/// db = sum ds_t. One pass per sample each way; parameter sums in double in sample order.
/// </summary>
internal static class AttentionPoolingKernel
{
    public static void Forward(ReadOnlySpan<float> x, int n, int t, int d, ReadOnlySpan<float> w, float b,
        ReadOnlySpan<float> mask, Span<float> alpha, Span<float> y)
    {
        for (var s = 0; s < n; s++)
        {
            var a = alpha.Slice(s * t, t);
            var max = float.NegativeInfinity;
            for (var u = 0; u < t; u++)
            {
                var xt = x.Slice((s * t + u) * d, d);
                double acc = b;
                for (var k = 0; k < d; k++) acc += (double)w[k] * xt[k];
                a[u] = (float)acc + (mask.IsEmpty ? 0f : mask[s * t + u]);
                if (a[u] > max) max = a[u];
            }
            double z = 0;
            for (var u = 0; u < t; u++) { a[u] = MathF.Exp(a[u] - max); z += a[u]; }
            var inv = (float)(1.0 / z);
            var ys = y.Slice(s * d, d);
            ys.Clear();
            for (var u = 0; u < t; u++)
            {
                a[u] *= inv;
                var xt = x.Slice((s * t + u) * d, d);
                for (var k = 0; k < d; k++) ys[k] += a[u] * xt[k];
            }
        }
    }

    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int n, int t, int d, ReadOnlySpan<float> w,
        ReadOnlySpan<float> alpha, Span<float> dx, Span<float> dw, Span<float> db)
    {
        var sumW = new double[d];
        double sumB = 0;
        Span<float> ds = t <= 1024 ? stackalloc float[t] : new float[t];
        for (var s = 0; s < n; s++)
        {
            var a = alpha.Slice(s * t, t);
            var g = dy.Slice(s * d, d);
            double mean = 0;
            for (var u = 0; u < t; u++)
            {
                var xt = x.Slice((s * t + u) * d, d);
                double da = 0;
                for (var k = 0; k < d; k++) da += (double)g[k] * xt[k];
                ds[u] = (float)da;
                mean += a[u] * da;
            }
            for (var u = 0; u < t; u++) ds[u] = a[u] * (ds[u] - (float)mean);
            for (var u = 0; u < t; u++)
            {
                var xt = x.Slice((s * t + u) * d, d);
                if (!dx.IsEmpty)
                {
                    var dxt = dx.Slice((s * t + u) * d, d);
                    for (var k = 0; k < d; k++) dxt[k] += a[u] * g[k] + ds[u] * w[k];
                }
                for (var k = 0; k < d; k++) sumW[k] += (double)ds[u] * xt[k];
                sumB += ds[u];
            }
        }
        if (!dw.IsEmpty) for (var k = 0; k < d; k++) dw[k] += (float)sumW[k];
        if (!db.IsEmpty) db[0] += (float)sumB;
    }
}
