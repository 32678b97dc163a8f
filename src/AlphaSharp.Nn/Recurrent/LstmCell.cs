using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// PyTorch's LSTM cell over a block of batch rows for a whole sequence: gates i, f, g, o;
/// c' = f c + i g; h' = o tanh(c'). Each step is one Gemm (h W_hh^T added onto the precomputed input projection)
/// and one fused pass for the nonlinearities and the cell update. Nothing is allocated inside the time loop.
/// </summary>
internal static unsafe class LstmCell
{
    /// <summary>
    /// Rows [b0, b0 + m) through all steps. On entry <paramref name="gates"/> (T x B x 4H) holds x W_ih^T, unless
    /// <paramref name="wIhT"/> (W_ih^T packed) is given: then each step first writes its rows of x W_ih^T from
    /// <paramref name="x"/> (T x B x inputs). The step adds h W_hh^T and <paramref name="bias"/> (b_ih + b_hh, or
    /// empty) and leaves the activated gates i, f, g, o. <paramref name="hs"/> and <paramref name="cs"/>
    /// ((T + 1) x B x H, see <see cref="StepShape"/>) hold the initial state on entry and every state on exit.
    /// <paramref name="pass"/> other than tanh (the default) runs <see cref="LstmActivatedCell"/>'s cell instead.
    /// </summary>
    public static void Forward(StepShape sh, int b0, int m, bool hasInitialState, LstmPass pass, PackedMatrix wHhT,
        ReadOnlySpan<float> bias, Span<float> gates, Span<float> hs, Span<float> cs,
        ReadOnlySpan<float> x = default, PackedMatrix? wIhT = null)
    {
        int B = sh.B, H = sh.H, G = 4 * H, inputs = wIhT?.K ?? 0;
        fixed (float* pg = gates, ph = hs, pc = cs, pb = bias)
        {
            for (var s = 0; s < sh.T; s++)
            {
                var t = sh.TimeAt(s);
                var g = (t * B + b0) * G;
                var prev = (sh.PrevBlock(t) * B + b0) * H;
                var next = (sh.NextBlock(t) * B + b0) * H;
                if (wIhT is not null)
                    Gemm.Sgemm(false, m, 1f, x[((t * B + b0) * inputs)..], inputs, wIhT, 0f, gates[g..], G, 1);
                // A zero initial state contributes nothing: skip the product rather than multiply zeros.
                if (s > 0 || hasInitialState)
                    Gemm.Sgemm(false, m, 1f, hs[prev..], H, wHhT, 1f, gates[g..], G, 1);
                var gNext = s + 1 < sh.T ? pg + (sh.TimeAt(s + 1) * B + b0) * G : null;
                for (var r = 0; r < m; r++)
                {
                    if (pass.IsTanh)
                        PointwiseForward(H, H, pg + g + r * G, null, 0, pb, pc + prev + r * H, pc + next + r * H, ph + next + r * H);
                    else
                        LstmActivatedCell.PointwiseForward(pass, H, H, pg + g + r * G, null, 0, pb, pc + prev + r * H,
                            pc + next + r * H, ph + next + r * H);
                    if (gNext != null) Prefetch.Floats(gNext + r * G, G);
                }
            }
        }
    }

    /// <summary>
    /// The cell for <paramref name="n"/> units of one row. Gate q of unit j is at g[q * H + j] (H, the gate
    /// stride, is the full hidden size, so a caller handling a slice of units passes pointers offset to it). When
    /// <paramref name="acc"/> is not null it holds h W_hh^T for those units (gate q at acc[q * accStride + j]) and is
    /// added to g first: acc + g rounds exactly as the Gemm's acc + C would.
    /// </summary>
    // Vector code is many times slower before the tier-1 compile: skip straight to optimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PointwiseForward(int H, int n, float* g, float* acc, int accStride, float* b,
        float* cPrev, float* cNext, float* hNext)
    {
        var j = 0;
        // 16 units at a time where 512-bit vectors are fast (half the instructions: the pass is bound by them),
        // then 8, then one; every width computes a unit's bits identically (see GateMath).
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            for (; j <= n - 16; j += 16)
            {
                Vector512<float> ai = Vector512.Load(g + j), af = Vector512.Load(g + H + j);
                Vector512<float> ag = Vector512.Load(g + 2 * H + j), ao = Vector512.Load(g + 3 * H + j);
                if (acc != null)
                {
                    ai = Vector512.Load(acc + j) + ai; af = Vector512.Load(acc + accStride + j) + af;
                    ag = Vector512.Load(acc + 2 * accStride + j) + ag; ao = Vector512.Load(acc + 3 * accStride + j) + ao;
                }
                if (b != null)
                {
                    ai += Vector512.Load(b + j); af += Vector512.Load(b + H + j);
                    ag += Vector512.Load(b + 2 * H + j); ao += Vector512.Load(b + 3 * H + j);
                }
                var i = GateMath.Sigmoid(ai);
                var f = GateMath.Sigmoid(af);
                var gg = GateMath.Tanh(ag);
                var o = GateMath.Sigmoid(ao);
                var c = f * Vector512.Load(cPrev + j) + i * gg;
                Vector512.Store(i, g + j);
                Vector512.Store(f, g + H + j);
                Vector512.Store(gg, g + 2 * H + j);
                Vector512.Store(o, g + 3 * H + j);
                Vector512.Store(c, cNext + j);
                Vector512.Store(o * GateMath.Tanh(c), hNext + j);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= n - 8; j += 8)
            {
                Vector256<float> ai = Vector256.Load(g + j), af = Vector256.Load(g + H + j);
                Vector256<float> ag = Vector256.Load(g + 2 * H + j), ao = Vector256.Load(g + 3 * H + j);
                if (acc != null)
                {
                    ai = Vector256.Load(acc + j) + ai; af = Vector256.Load(acc + accStride + j) + af;
                    ag = Vector256.Load(acc + 2 * accStride + j) + ag; ao = Vector256.Load(acc + 3 * accStride + j) + ao;
                }
                if (b != null)
                {
                    ai += Vector256.Load(b + j); af += Vector256.Load(b + H + j);
                    ag += Vector256.Load(b + 2 * H + j); ao += Vector256.Load(b + 3 * H + j);
                }
                var i = GateMath.Sigmoid(ai);
                var f = GateMath.Sigmoid(af);
                var gg = GateMath.Tanh(ag);
                var o = GateMath.Sigmoid(ao);
                var c = f * Vector256.Load(cPrev + j) + i * gg;
                Vector256.Store(i, g + j);
                Vector256.Store(f, g + H + j);
                Vector256.Store(gg, g + 2 * H + j);
                Vector256.Store(o, g + 3 * H + j);
                Vector256.Store(c, cNext + j);
                Vector256.Store(o * GateMath.Tanh(c), hNext + j);
            }
        }
        for (; j < n; j++)
        {
            if (acc != null)
            {
                g[j] = acc[j] + g[j]; g[H + j] = acc[accStride + j] + g[H + j];
                g[2 * H + j] = acc[2 * accStride + j] + g[2 * H + j]; g[3 * H + j] = acc[3 * accStride + j] + g[3 * H + j];
            }
            var i = GateMath.Sigmoid(g[j] + (b != null ? b[j] : 0f));
            var f = GateMath.Sigmoid(g[H + j] + (b != null ? b[H + j] : 0f));
            var gg = GateMath.Tanh(g[2 * H + j] + (b != null ? b[2 * H + j] : 0f));
            var o = GateMath.Sigmoid(g[3 * H + j] + (b != null ? b[3 * H + j] : 0f));
            var c = f * cPrev[j] + i * gg;
            g[j] = i; g[H + j] = f; g[2 * H + j] = gg; g[3 * H + j] = o;
            cNext[j] = c;
            hNext[j] = o * GateMath.Tanh(c);
        }
    }

    /// <summary>
    /// Back through time for rows [b0, b0 + m). <paramref name="dy"/> is the gradient of this direction's outputs,
    /// element (t, b, j) at t * dyStrideT + b * dyStrideB + j, or empty when the outputs were not used.
    /// <paramref name="dh"/> and <paramref name="dc"/> (B x H, this block's rows used) hold the gradients of the
    /// final state on entry and of the initial state on exit. The activated gates are overwritten with the
    /// gradients of the gate pre-activations, which is what the weight-gradient Gemms read afterwards.
    /// </summary>
    public static void Backward(StepShape sh, int b0, int m, LstmPass pass, PackedMatrix wHh,
        ReadOnlySpan<float> dy, int dyStrideT, int dyStrideB, Span<float> gates, ReadOnlySpan<float> cs,
        Span<float> dh, Span<float> dc)
    {
        int B = sh.B, H = sh.H, G = 4 * H;
        var dhRows = dh.Slice(b0 * H, m * H);
        fixed (float* pg = gates, pc = cs, pdy = dy, pdh = dhRows, pdc = dc.Slice(b0 * H, m * H))
        {
            for (var s = sh.T - 1; s >= 0; s--)
            {
                var t = sh.TimeAt(s);
                var g = (t * B + b0) * G;
                var prev = (sh.PrevBlock(t) * B + b0) * H;
                var next = (sh.NextBlock(t) * B + b0) * H;
                // The step before reads its gates and its previous cell state from the tape, long out of cache.
                var tEarlier = s > 0 ? sh.TimeAt(s - 1) : -1;
                var gEarlier = tEarlier >= 0 ? pg + (tEarlier * B + b0) * G : null;
                var cEarlier = tEarlier >= 0 ? pc + (sh.PrevBlock(tEarlier) * B + b0) * H : null;
                for (var r = 0; r < m; r++)
                {
                    var dyRow = dy.IsEmpty ? null : pdy + (long)t * dyStrideT + (long)(b0 + r) * dyStrideB;
                    if (pass.IsTanh)
                        PointwiseBackward(H, H, pg + g + r * G, pc + prev + r * H, pc + next + r * H, dyRow,
                            pdh + r * H, pdc + r * H);
                    else
                        LstmActivatedCell.PointwiseBackward(pass, H, H, pg + g + r * G, pc + prev + r * H,
                            pc + next + r * H, dyRow, pdh + r * H, pdc + r * H);
                    if (gEarlier != null)
                    {
                        Prefetch.Floats(gEarlier + r * G, G);
                        Prefetch.Floats(cEarlier + r * H, H);
                        if (!dy.IsEmpty) Prefetch.Floats(pdy + (long)tEarlier * dyStrideT + (long)(b0 + r) * dyStrideB, H);
                    }
                }
                Gemm.Sgemm(false, m, 1f, gates[g..], G, wHh, 0f, dhRows, H, 1);
            }
        }
    }

    /// <summary>The cell's backward for <paramref name="n"/> units of one row, gate stride <paramref name="H"/>.</summary>
    // Vector code is many times slower before the tier-1 compile: skip straight to optimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PointwiseBackward(int H, int n, float* g, float* cPrev, float* cNext, float* dy, float* dh, float* dc)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            var one = Vector512<float>.One;
            for (; j <= n - 16; j += 16)
            {
                var i = Vector512.Load(g + j);
                var f = Vector512.Load(g + H + j);
                var gg = Vector512.Load(g + 2 * H + j);
                var o = Vector512.Load(g + 3 * H + j);
                var dhv = Vector512.Load(dh + j);
                if (dy != null) dhv += Vector512.Load(dy + j);
                var tc = GateMath.Tanh(Vector512.Load(cNext + j));
                var dcv = Vector512.Load(dc + j) + dhv * o * (one - tc * tc);
                Vector512.Store(dcv * gg * i * (one - i), g + j);
                Vector512.Store(dcv * Vector512.Load(cPrev + j) * f * (one - f), g + H + j);
                Vector512.Store(dcv * i * (one - gg * gg), g + 2 * H + j);
                Vector512.Store(dhv * tc * o * (one - o), g + 3 * H + j);
                Vector512.Store(dcv * f, dc + j);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256<float>.One;
            for (; j <= n - 8; j += 8)
            {
                var i = Vector256.Load(g + j);
                var f = Vector256.Load(g + H + j);
                var gg = Vector256.Load(g + 2 * H + j);
                var o = Vector256.Load(g + 3 * H + j);
                var dhv = Vector256.Load(dh + j);
                if (dy != null) dhv += Vector256.Load(dy + j);
                var tc = GateMath.Tanh(Vector256.Load(cNext + j));
                var dcv = Vector256.Load(dc + j) + dhv * o * (one - tc * tc);
                Vector256.Store(dcv * gg * i * (one - i), g + j);
                Vector256.Store(dcv * Vector256.Load(cPrev + j) * f * (one - f), g + H + j);
                Vector256.Store(dcv * i * (one - gg * gg), g + 2 * H + j);
                Vector256.Store(dhv * tc * o * (one - o), g + 3 * H + j);
                Vector256.Store(dcv * f, dc + j);
            }
        }
        for (; j < n; j++)
        {
            float i = g[j], f = g[H + j], gg = g[2 * H + j], o = g[3 * H + j];
            var dhv = dh[j] + (dy != null ? dy[j] : 0f);
            var tc = GateMath.Tanh(cNext[j]);
            var dcv = dc[j] + dhv * o * (1f - tc * tc);
            g[j] = dcv * gg * i * (1f - i);
            g[H + j] = dcv * cPrev[j] * f * (1f - f);
            g[2 * H + j] = dcv * i * (1f - gg * gg);
            g[3 * H + j] = dhv * tc * o * (1f - o);
            dc[j] = dcv * f;
        }
    }
}
