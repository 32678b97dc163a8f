using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// PyTorch's GRU cell over a block of batch rows for a whole sequence: gates r, z, n;
/// r = sigma(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x + b_in + r (W_hn h + b_hn)),
/// h' = n + z (h - n) (ATen's form of (1 - z) n + z h). The h-side n term is kept apart because r multiplies it.
/// </summary>
internal static unsafe class GruCell
{
    /// <summary>
    /// Rows [b0, b0 + m) through all steps. On entry <paramref name="gates"/> (T x B x 3H) holds x W_ih^T; the
    /// step adds <paramref name="bias"/> ([b_ir + b_hr, b_iz + b_hz, b_in], or empty) and leaves r, z, n. <paramref name="hn"/> (T x B x H) receives
    /// W_hn h + b_hn per step, which the backward pass needs. <paramref name="scratch"/> holds m x 3H floats.
    /// Given <paramref name="wIhT"/> (W_ih^T packed), each step first writes its rows of x W_ih^T from
    /// <paramref name="x"/> into <paramref name="gates"/> (see <see cref="LstmCell.Forward"/>).
    /// </summary>
    public static void Forward(StepShape sh, int b0, int m, bool hasInitialState, PackedMatrix wHhT,
        ReadOnlySpan<float> bias, ReadOnlySpan<float> bHn, Span<float> gates, Span<float> hs, Span<float> hn,
        Span<float> scratch, ReadOnlySpan<float> x = default, PackedMatrix? wIhT = null)
    {
        int B = sh.B, H = sh.H, G = 3 * H, inputs = wIhT?.K ?? 0;
        var hh = scratch[..(m * G)];
        fixed (float* pg = gates, ph = hs, pn = hn, phh = hh, pb = bHn, px = bias)
        {
            for (var s = 0; s < sh.T; s++)
            {
                var t = sh.TimeAt(s);
                var g = (t * B + b0) * G;
                var a = (t * B + b0) * H;
                var prev = (sh.PrevBlock(t) * B + b0) * H;
                var next = (sh.NextBlock(t) * B + b0) * H;
                if (wIhT is not null)
                    Gemm.Sgemm(false, m, 1f, x[((t * B + b0) * inputs)..], inputs, wIhT, 0f, gates[g..], G, 1);
                if (s > 0 || hasInitialState)
                    Gemm.Sgemm(false, m, 1f, hs[prev..], H, wHhT, 0f, hh, G, 1);
                else hh.Clear();
                var gNext = s + 1 < sh.T ? pg + (sh.TimeAt(s + 1) * B + b0) * G : null;
                for (var r = 0; r < m; r++)
                {
                    PointwiseForward(H, pg + g + r * G, px, phh + r * G, pb, ph + prev + r * H, pn + a + r * H, ph + next + r * H);
                    if (gNext != null) Prefetch.Floats(gNext + r * G, G);
                }
            }
        }
    }

    // Vector code is many times slower before the tier-1 compile: skip straight to optimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PointwiseForward(int H, float* g, float* b, float* hh, float* bHn, float* hPrev, float* nhOut, float* hNext)
    {
        var j = 0;
        // 16 units at a time where 512-bit vectors are fast, then 8, then one (same bits at every width).
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            for (; j <= H - 16; j += 16)
            {
                Vector512<float> ar = Vector512.Load(g + j), az = Vector512.Load(g + H + j), an = Vector512.Load(g + 2 * H + j);
                if (b != null)
                {
                    ar += Vector512.Load(b + j); az += Vector512.Load(b + H + j); an += Vector512.Load(b + 2 * H + j);
                }
                var r = GateMath.Sigmoid(ar + Vector512.Load(hh + j));
                var z = GateMath.Sigmoid(az + Vector512.Load(hh + H + j));
                var nh = Vector512.Load(hh + 2 * H + j);
                if (bHn != null) nh += Vector512.Load(bHn + j);
                var n = GateMath.Tanh(an + r * nh);
                Vector512.Store(r, g + j);
                Vector512.Store(z, g + H + j);
                Vector512.Store(n, g + 2 * H + j);
                Vector512.Store(nh, nhOut + j);
                Vector512.Store(n + z * (Vector512.Load(hPrev + j) - n), hNext + j);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= H - 8; j += 8)
            {
                Vector256<float> ar = Vector256.Load(g + j), az = Vector256.Load(g + H + j), an = Vector256.Load(g + 2 * H + j);
                if (b != null)
                {
                    ar += Vector256.Load(b + j); az += Vector256.Load(b + H + j); an += Vector256.Load(b + 2 * H + j);
                }
                var r = GateMath.Sigmoid(ar + Vector256.Load(hh + j));
                var z = GateMath.Sigmoid(az + Vector256.Load(hh + H + j));
                var nh = Vector256.Load(hh + 2 * H + j);
                if (bHn != null) nh += Vector256.Load(bHn + j);
                var n = GateMath.Tanh(an + r * nh);
                Vector256.Store(r, g + j);
                Vector256.Store(z, g + H + j);
                Vector256.Store(n, g + 2 * H + j);
                Vector256.Store(nh, nhOut + j);
                Vector256.Store(n + z * (Vector256.Load(hPrev + j) - n), hNext + j);
            }
        }
        for (; j < H; j++)
        {
            float ar = g[j], az = g[H + j], an = g[2 * H + j];
            if (b != null)
            {
                ar += b[j]; az += b[H + j]; an += b[2 * H + j];
            }
            var r = GateMath.Sigmoid(ar + hh[j]);
            var z = GateMath.Sigmoid(az + hh[H + j]);
            var nh = hh[2 * H + j] + (bHn != null ? bHn[j] : 0f);
            var n = GateMath.Tanh(an + r * nh);
            g[j] = r; g[H + j] = z; g[2 * H + j] = n;
            nhOut[j] = nh;
            hNext[j] = n + z * (hPrev[j] - n);
        }
    }

    /// <summary>
    /// Back through time for rows [b0, b0 + m); arguments as <see cref="LstmCell.Backward"/>. On exit
    /// <paramref name="gates"/> holds the input-side pre-activation gradients (r, z, n) and <paramref name="hn"/> the
    /// gradient of W_hn h + b_hn, which together with the r and z columns are the hidden-side ones.
    /// </summary>
    public static void Backward(StepShape sh, int b0, int m, PackedMatrix wHh,
        ReadOnlySpan<float> dy, int dyStrideT, int dyStrideB, Span<float> gates, ReadOnlySpan<float> hs,
        Span<float> hn, Span<float> dh, Span<float> scratch)
    {
        int B = sh.B, H = sh.H, G = 3 * H;
        var dhRows = dh.Slice(b0 * H, m * H);
        var dhg = scratch[..(m * G)];
        fixed (float* pg = gates, ph = hs, pn = hn, pdy = dy, pdh = dhRows, pdhg = dhg)
        {
            for (var s = sh.T - 1; s >= 0; s--)
            {
                var t = sh.TimeAt(s);
                var g = (t * B + b0) * G;
                var a = (t * B + b0) * H;
                var prev = (sh.PrevBlock(t) * B + b0) * H;
                // The step before reads its gates, its h-side n term and its previous state from the tape.
                var tEarlier = s > 0 ? sh.TimeAt(s - 1) : -1;
                for (var r = 0; r < m; r++)
                {
                    var dyRow = dy.IsEmpty ? null : pdy + (long)t * dyStrideT + (long)(b0 + r) * dyStrideB;
                    PointwiseBackward(H, pg + g + r * G, pn + a + r * H, ph + prev + r * H, dyRow, pdh + r * H, pdhg + r * G);
                    if (tEarlier < 0) continue;
                    Prefetch.Floats(pg + (tEarlier * B + b0 + r) * G, G);
                    Prefetch.Floats(pn + (tEarlier * B + b0 + r) * H, H);
                    Prefetch.Floats(ph + (sh.PrevBlock(tEarlier) * B + b0 + r) * H, H);
                }
                Gemm.Sgemm(false, m, 1f, dhg, G, wHh, 1f, dhRows, H, 1);
            }
        }
    }

    // Vector code is many times slower before the tier-1 compile: skip straight to optimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PointwiseBackward(int H, float* g, float* nh, float* hPrev, float* dy, float* dh, float* dhg)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256<float>.One;
            for (; j <= H - 8; j += 8)
            {
                var r = Vector256.Load(g + j);
                var z = Vector256.Load(g + H + j);
                var n = Vector256.Load(g + 2 * H + j);
                var dhv = Vector256.Load(dh + j);
                if (dy != null) dhv += Vector256.Load(dy + j);
                var dan = dhv * (one - z) * (one - n * n);
                var dar = dan * Vector256.Load(nh + j) * r * (one - r);
                var daz = dhv * (Vector256.Load(hPrev + j) - n) * z * (one - z);
                var dnh = dan * r;
                Vector256.Store(dar, g + j);
                Vector256.Store(daz, g + H + j);
                Vector256.Store(dan, g + 2 * H + j);
                Vector256.Store(dnh, nh + j);
                Vector256.Store(dar, dhg + j);
                Vector256.Store(daz, dhg + H + j);
                Vector256.Store(dnh, dhg + 2 * H + j);
                Vector256.Store(dhv * z, dh + j);
            }
        }
        for (; j < H; j++)
        {
            float r = g[j], z = g[H + j], n = g[2 * H + j];
            var dhv = dh[j] + (dy != null ? dy[j] : 0f);
            var dan = dhv * (1f - z) * (1f - n * n);
            var dar = dan * nh[j] * r * (1f - r);
            var daz = dhv * (hPrev[j] - n) * z * (1f - z);
            var dnh = dan * r;
            g[j] = dar; g[H + j] = daz; g[2 * H + j] = dan;
            nh[j] = dnh;
            dhg[j] = dar; dhg[H + j] = daz; dhg[2 * H + j] = dnh;
            dh[j] = dhv * z;
        }
    }
}
