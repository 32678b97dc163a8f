using System.Runtime.Intrinsics;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// PyTorch's Elman cell over a block of batch rows for a whole sequence:
/// h' = act(W_ih x + b_ih + W_hh h + b_hh) with act tanh or relu.
/// </summary>
internal static unsafe class RnnCell
{
    /// <summary>
    /// Rows [b0, b0 + m) through all steps. On entry <paramref name="pre"/> (T x B x H) holds x W_ih^T; the step adds
    /// h W_hh^T and <paramref name="bias"/> (b_ih + b_hh, or empty). The backward pass reads the derivative off the outputs in
    /// <paramref name="hs"/>, so nothing else is kept.
    /// </summary>
    public static void Forward(StepShape sh, int b0, int m, bool hasInitialState, bool relu, PackedMatrix wHhT,
        ReadOnlySpan<float> bias, Span<float> pre, Span<float> hs)
    {
        int B = sh.B, H = sh.H;
        fixed (float* pp = pre, ph = hs, pb = bias)
        {
            for (var s = 0; s < sh.T; s++)
            {
                var t = sh.TimeAt(s);
                var g = (t * B + b0) * H;
                var prev = (sh.PrevBlock(t) * B + b0) * H;
                var next = (sh.NextBlock(t) * B + b0) * H;
                if (s > 0 || hasInitialState)
                    Gemm.Sgemm(false, m, 1f, hs[prev..], H, wHhT, 1f, pre[g..], H, 1);
                for (var r = 0; r < m; r++) Activate(H, relu, pp + g + r * H, pb, ph + next + r * H);
            }
        }
    }

    private static void Activate(int n, bool relu, float* x, float* b, float* y)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; j <= n - 8; j += 8)
            {
                var v = Vector256.Load(x + j);
                if (b != null) v += Vector256.Load(b + j);
                Vector256.Store(relu ? Vector256.Max(v, Vector256<float>.Zero) : GateMath.Tanh(v), y + j);
            }
        for (; j < n; j++)
        {
            var v = x[j] + (b != null ? b[j] : 0f);
            y[j] = relu ? MathF.Max(v, 0f) : GateMath.Tanh(v);
        }
    }

    /// <summary>
    /// Back through time for rows [b0, b0 + m); arguments as <see cref="LstmCell.Backward"/>. On exit
    /// <paramref name="pre"/> holds the pre-activation gradients.
    /// </summary>
    public static void Backward(StepShape sh, int b0, int m, bool relu, PackedMatrix wHh,
        ReadOnlySpan<float> dy, int dyStrideT, int dyStrideB, Span<float> pre, ReadOnlySpan<float> hs, Span<float> dh)
    {
        int B = sh.B, H = sh.H;
        var dhRows = dh.Slice(b0 * H, m * H);
        fixed (float* pp = pre, ph = hs, pdy = dy, pdh = dhRows)
        {
            for (var s = sh.T - 1; s >= 0; s--)
            {
                var t = sh.TimeAt(s);
                var g = (t * B + b0) * H;
                var next = (sh.NextBlock(t) * B + b0) * H;
                for (var r = 0; r < m; r++)
                {
                    var dyRow = dy.IsEmpty ? null : pdy + (long)t * dyStrideT + (long)(b0 + r) * dyStrideB;
                    PointwiseBackward(H, relu, ph + next + r * H, dyRow, pdh + r * H, pp + g + r * H);
                }
                Gemm.Sgemm(false, m, 1f, pre[g..], H, wHh, 0f, dhRows, H, 1);
            }
        }
    }

    private static void PointwiseBackward(int H, bool relu, float* h, float* dy, float* dh, float* da)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; j <= H - 8; j += 8)
            {
                var hv = Vector256.Load(h + j);
                var dhv = Vector256.Load(dh + j);
                if (dy != null) dhv += Vector256.Load(dy + j);
                var d = relu
                    ? dhv & Vector256.GreaterThan(hv, Vector256<float>.Zero)
                    : dhv * (Vector256<float>.One - hv * hv);
                Vector256.Store(d, da + j);
            }
        for (; j < H; j++)
        {
            var dhv = dh[j] + (dy != null ? dy[j] : 0f);
            da[j] = relu ? (h[j] > 0f ? dhv : 0f) : dhv * (1f - h[j] * h[j]);
        }
    }
}
