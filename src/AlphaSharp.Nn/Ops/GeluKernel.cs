using System.Numerics.Tensors;
using System.Numerics;
using System.Runtime.InteropServices;

namespace AlphaSharp.Nn;

/// <summary>
/// Vectorised GELU, forward and backward, in blocks small enough for the stack. The exact form uses erf by
/// Abramowitz and Stegun 7.1.26 (|error| &lt; 1.5e-7), the same approximation PyTorch's vectorised CPU kernel uses;
/// exp and tanh come from TensorPrimitives.
/// </summary>
internal static class GeluKernel
{
    private const int Block = 512;
    private const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    private const float InvSqrt2 = 0.70710678118654752f, InvSqrt2Pi = 0.39894228040143268f;
    private const float Sqrt2OverPi = 0.79788456080286536f, C = 0.044715f;

    /// <summary>y = x Phi(x); with <paramref name="gx"/> and <paramref name="g"/> given, instead gx += g dPhi-term.</summary>
    public static void Exact(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> g, Span<float> gx, bool backward)
    {
        Span<float> e = stackalloc float[Block];
        Span<float> erf = stackalloc float[Block];
        for (var s = 0; s < x.Length; s += Block)
        {
            var len = Math.Min(Block, x.Length - s);
            var xs = x.Slice(s, len);
            var es = e[..len];
            // e = exp(-x^2 / 2) = exp(-t^2) with t = x / sqrt 2: shared by erf(t) and the density phi(x).
            TensorPrimitives.Multiply(xs, xs, es);
            TensorPrimitives.Multiply(es, -0.5f, es);
            TensorPrimitives.Exp(es, es);
            Erf(xs, es, erf[..len]);
            if (!backward)
            {
                var ys = y.Slice(s, len);
                for (var k = 0; k < len; k++) ys[k] = 0.5f * xs[k] * (1f + erf[k]);
            }
            else
            {
                var gs = g.Slice(s, len);
                var gxs = gx.Slice(s, len);
                // d/dx x Phi(x) = Phi(x) + x phi(x)
                for (var k = 0; k < len; k++) gxs[k] += gs[k] * (0.5f * (1f + erf[k]) + xs[k] * es[k] * InvSqrt2Pi);
            }
        }
    }

    /// <summary>erf(x / sqrt 2) given e = exp(-x^2 / 2).</summary>
    private static void Erf(ReadOnlySpan<float> x, ReadOnlySpan<float> e, Span<float> result)
    {
        var w = Vector<float>.Count;
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var ve = MemoryMarshal.Cast<float, Vector<float>>(e);
        var vr = MemoryMarshal.Cast<float, Vector<float>>(result);
        for (var k = 0; k < vx.Length; k++)
        {
            var t = vx[k] * InvSqrt2;
            var u = Vector<float>.One / (Vector<float>.One + Vector.Abs(t) * P);
            var poly = ((((u * A5 + new Vector<float>(A4)) * u + new Vector<float>(A3)) * u + new Vector<float>(A2)) * u + new Vector<float>(A1)) * u;
            var mag = Vector<float>.One - poly * ve[k];
            vr[k] = Vector.ConditionalSelect(Vector.LessThan(t, Vector<float>.Zero), -mag, mag);
        }
        for (var k = vx.Length * w; k < x.Length; k++)
        {
            var t = x[k] * InvSqrt2;
            var u = 1f / (1f + MathF.Abs(t) * P);
            var poly = ((((A5 * u + A4) * u + A3) * u + A2) * u + A1) * u;
            var mag = 1f - poly * e[k];
            result[k] = t < 0 ? -mag : mag;
        }
    }

    /// <summary>The tanh approximation: y = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), or its gradient.</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> g, Span<float> gx, bool backward)
    {
        Span<float> th = stackalloc float[Block];
        for (var s = 0; s < x.Length; s += Block)
        {
            var len = Math.Min(Block, x.Length - s);
            var xs = x.Slice(s, len);
            var ts = th[..len];
            for (var k = 0; k < len; k++) ts[k] = Sqrt2OverPi * (xs[k] + C * xs[k] * xs[k] * xs[k]);
            TensorPrimitives.Tanh(ts, ts);
            if (!backward)
            {
                var ys = y.Slice(s, len);
                for (var k = 0; k < len; k++) ys[k] = 0.5f * xs[k] * (1f + ts[k]);
            }
            else
            {
                var gs = g.Slice(s, len);
                var gxs = gx.Slice(s, len);
                for (var k = 0; k < len; k++)
                {
                    var v = xs[k];
                    var t = ts[k];
                    gxs[k] += gs[k] * (0.5f * (1f + t) + 0.5f * v * (1f - t * t) * Sqrt2OverPi * (1f + 3f * C * v * v));
                }
            }
        }
    }
}
