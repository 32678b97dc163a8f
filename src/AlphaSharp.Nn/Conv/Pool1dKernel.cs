namespace AlphaSharp.Nn.Conv;

/// <summary>
/// Max and average pooling over the last axis of a [rows, L] buffer (rows = N*C), one window per output, zero or
/// -inf padding implied by skipping out-of-range taps. ceil_mode is false, so every window starts inside
/// [-pad, L + pad - k] and the average's divisor is always k (PyTorch's count_include_pad=true).
/// </summary>
internal static class Pool1dKernel
{
    /// <summary>y = window max; <paramref name="argmax"/> receives each window's input index (first on ties, as PyTorch).</summary>
    public static void MaxForward(ReadOnlySpan<float> x, int rows, int length, Conv1dGeometry g, int lout, Span<float> y, Span<int> argmax)
    {
        for (var r = 0; r < rows; r++)
        {
            var src = x.Slice(r * length, length);
            for (var t = 0; t < lout; t++)
            {
                var best = float.NegativeInfinity;
                var at = -1;
                for (var kk = 0; kk < g.Kernel; kk++)
                {
                    var p = t * g.Stride - g.PadLeft + kk * g.Dilation;
                    if ((uint)p >= (uint)length) continue;
                    var v = src[p];
                    // NaN wins, as in PyTorch, so a NaN input is not silently dropped.
                    if (v > best || float.IsNaN(v) || at < 0) { best = v; at = p; if (float.IsNaN(v)) break; }
                }
                y[r * lout + t] = best;
                argmax[r * lout + t] = at;
            }
        }
    }

    public static void MaxBackward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, int rows, int length, int lout, Span<float> dx)
    {
        for (var r = 0; r < rows; r++)
            for (var t = 0; t < lout; t++)
                dx[r * length + argmax[r * lout + t]] += dy[r * lout + t];
    }

    public static void AvgForward(ReadOnlySpan<float> x, int rows, int length, Conv1dGeometry g, int lout, Span<float> y)
    {
        var inv = 1.0 / g.Kernel;
        for (var r = 0; r < rows; r++)
        {
            var src = x.Slice(r * length, length);
            for (var t = 0; t < lout; t++)
            {
                double s = 0;
                for (var kk = 0; kk < g.Kernel; kk++)
                {
                    var p = t * g.Stride - g.PadLeft + kk;
                    if ((uint)p < (uint)length) s += src[p];
                }
                y[r * lout + t] = (float)(s * inv);
            }
        }
    }

    public static void AvgBackward(ReadOnlySpan<float> dy, int rows, int length, Conv1dGeometry g, int lout, Span<float> dx)
    {
        var inv = 1f / g.Kernel;
        for (var r = 0; r < rows; r++)
            for (var t = 0; t < lout; t++)
            {
                var share = dy[r * lout + t] * inv;
                for (var kk = 0; kk < g.Kernel; kk++)
                {
                    var p = t * g.Stride - g.PadLeft + kk;
                    if ((uint)p < (uint)length) dx[r * length + p] += share;
                }
            }
    }
}
