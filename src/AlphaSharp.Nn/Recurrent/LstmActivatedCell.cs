using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// The LSTM cell's forward and backward passes with a candidate and cell-output function other than tanh
/// (Keras's <c>activation</c>): g = act(a_g), c' = f c + i g, h' = o act(c'); the gates i, f, o keep the sigmoid.
/// Same arguments, layout and tape as <see cref="LstmCell.PointwiseForward"/> and
/// <see cref="LstmCell.PointwiseBackward"/>, which stay the tanh path untouched. 16 units at a time when
/// <see cref="LstmPass.Wide"/>, then 8, then one; the 512- and 256-bit loops run the same operations in the same
/// order (the sigmoid through <see cref="GateMath"/>), so a unit's bits do not depend on the width.
/// </summary>
internal static unsafe class LstmActivatedCell
{
    public static void PointwiseForward(LstmPass pass, int H, int n, float* g, float* acc, int accStride, float* b,
        float* cPrev, float* cNext, float* hNext)
    {
        switch (pass.Activation)
        {
            case CellActivation.Relu:
                Forward<Relu>(pass.Wide, H, n, g, acc, accStride, b, cPrev, cNext, hNext);
                break;
            case CellActivation.Linear:
                Forward<Identity>(pass.Wide, H, n, g, acc, accStride, b, cPrev, cNext, hNext);
                break;
            default:
                throw new InvalidOperationException($"LstmActivatedCell: {pass.Activation} is not a non-tanh activation");
        }
    }

    public static void PointwiseBackward(LstmPass pass, int H, int n, float* g, float* cPrev, float* cNext, float* dy,
        float* dh, float* dc)
    {
        switch (pass.Activation)
        {
            case CellActivation.Relu:
                Backward<Relu>(pass.Wide, H, n, g, cPrev, cNext, dy, dh, dc);
                break;
            case CellActivation.Linear:
                Backward<Identity>(pass.Wide, H, n, g, cPrev, cNext, dy, dh, dc);
                break;
            default:
                throw new InvalidOperationException($"LstmActivatedCell: {pass.Activation} is not a non-tanh activation");
        }
    }

    // Vector code is many times slower before the tier-1 compile: skip straight to optimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Forward<TAct>(bool wide, int H, int n, float* g, float* acc, int accStride, float* b,
        float* cPrev, float* cNext, float* hNext) where TAct : struct, ICellFunction
    {
        var j = 0;
        if (wide)
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
                var gg = TAct.Apply(ag);
                var o = GateMath.Sigmoid(ao);
                var c = f * Vector512.Load(cPrev + j) + i * gg;
                Vector512.Store(i, g + j);
                Vector512.Store(f, g + H + j);
                Vector512.Store(gg, g + 2 * H + j);
                Vector512.Store(o, g + 3 * H + j);
                Vector512.Store(c, cNext + j);
                Vector512.Store(o * TAct.Apply(c), hNext + j);
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
                var gg = TAct.Apply(ag);
                var o = GateMath.Sigmoid(ao);
                var c = f * Vector256.Load(cPrev + j) + i * gg;
                Vector256.Store(i, g + j);
                Vector256.Store(f, g + H + j);
                Vector256.Store(gg, g + 2 * H + j);
                Vector256.Store(o, g + 3 * H + j);
                Vector256.Store(c, cNext + j);
                Vector256.Store(o * TAct.Apply(c), hNext + j);
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
            var gg = TAct.Apply(g[2 * H + j] + (b != null ? b[2 * H + j] : 0f));
            var o = GateMath.Sigmoid(g[3 * H + j] + (b != null ? b[3 * H + j] : 0f));
            var c = f * cPrev[j] + i * gg;
            g[j] = i; g[H + j] = f; g[2 * H + j] = gg; g[3 * H + j] = o;
            cNext[j] = c;
            hNext[j] = o * TAct.Apply(c);
        }
    }

    /// <summary>
    /// The derivatives come from the tape: act'(a_g) from g = act(a_g) (kept in the gate slot), act'(c') from
    /// act(c'), recomputed from c'. For relu both are 1 exactly where the activated value is positive, which is
    /// where the pre-activation is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Backward<TAct>(bool wide, int H, int n, float* g, float* cPrev, float* cNext, float* dy,
        float* dh, float* dc) where TAct : struct, ICellFunction
    {
        var j = 0;
        if (wide)
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
                var ac = TAct.Apply(Vector512.Load(cNext + j));
                var dcv = Vector512.Load(dc + j) + TAct.Backprop(dhv * o, ac);
                Vector512.Store(dcv * gg * i * (one - i), g + j);
                Vector512.Store(dcv * Vector512.Load(cPrev + j) * f * (one - f), g + H + j);
                Vector512.Store(TAct.Backprop(dcv * i, gg), g + 2 * H + j);
                Vector512.Store(dhv * ac * o * (one - o), g + 3 * H + j);
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
                var ac = TAct.Apply(Vector256.Load(cNext + j));
                var dcv = Vector256.Load(dc + j) + TAct.Backprop(dhv * o, ac);
                Vector256.Store(dcv * gg * i * (one - i), g + j);
                Vector256.Store(dcv * Vector256.Load(cPrev + j) * f * (one - f), g + H + j);
                Vector256.Store(TAct.Backprop(dcv * i, gg), g + 2 * H + j);
                Vector256.Store(dhv * ac * o * (one - o), g + 3 * H + j);
                Vector256.Store(dcv * f, dc + j);
            }
        }
        for (; j < n; j++)
        {
            float i = g[j], f = g[H + j], gg = g[2 * H + j], o = g[3 * H + j];
            var dhv = dh[j] + (dy != null ? dy[j] : 0f);
            var ac = TAct.Apply(cNext[j]);
            var dcv = dc[j] + TAct.Backprop(dhv * o, ac);
            g[j] = dcv * gg * i * (1f - i);
            g[H + j] = dcv * cPrev[j] * f * (1f - f);
            g[2 * H + j] = TAct.Backprop(dcv * i, gg);
            g[3 * H + j] = dhv * ac * o * (1f - o);
            dc[j] = dcv * f;
        }
    }

    /// <summary>A cell function at every width; <c>Backprop(grad, y)</c> is grad act'(x) given y = act(x).</summary>
    internal interface ICellFunction
    {
        static abstract Vector512<float> Apply(Vector512<float> x);
        static abstract Vector256<float> Apply(Vector256<float> x);
        static abstract float Apply(float x);
        static abstract Vector512<float> Backprop(Vector512<float> grad, Vector512<float> y);
        static abstract Vector256<float> Backprop(Vector256<float> grad, Vector256<float> y);
        static abstract float Backprop(float grad, float y);
    }

    /// <summary>max(x, 0), NaN passing through as in PyTorch; the gradient passes where y &gt; 0, so 0 at x = 0.</summary>
    internal readonly struct Relu : ICellFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float x) => MathF.Max(x, 0f);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Backprop(Vector512<float> grad, Vector512<float> y)
            => grad & Vector512.GreaterThan(y, Vector512<float>.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Backprop(Vector256<float> grad, Vector256<float> y)
            => grad & Vector256.GreaterThan(y, Vector256<float>.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Backprop(float grad, float y) => y > 0f ? grad : 0f;
    }

    internal readonly struct Identity : ICellFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> x) => x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> x) => x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float x) => x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Backprop(Vector512<float> grad, Vector512<float> y) => grad;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Backprop(Vector256<float> grad, Vector256<float> y) => grad;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Backprop(float grad, float y) => grad;
    }
}
