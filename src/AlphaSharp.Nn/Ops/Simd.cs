using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlphaSharp.Nn;

/// <summary>An element-wise map y = f(x), in vector and scalar form (a struct, so the JIT inlines it into the loop).</summary>
internal interface IMap
{
    Vector<float> Vec(Vector<float> x);
    float One(float x);
}

/// <summary>A gradient term gx += f(x, y, g) of an element-wise op with input x, output y, output gradient g.</summary>
internal interface IGradMap
{
    Vector<float> Vec(Vector<float> x, Vector<float> y, Vector<float> g);
    float One(float x, float y, float g);
}

/// <summary>
/// Branch-free vector loops for the element-wise ops. A data-dependent branch per element (relu's x &gt; 0 on random
/// signs) mispredicts half the time and costs ten times the arithmetic; a vector select costs nothing extra.
/// </summary>
internal static class Simd
{
    public static void Map<T>(T op, ReadOnlySpan<float> x, Span<float> y) where T : struct, IMap
    {
        var n = x.Length;
        var w = Vector<float>.Count;
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        for (var k = 0; k < vx.Length; k++) vy[k] = op.Vec(vx[k]);
        for (var k = vx.Length * w; k < n; k++) y[k] = op.One(x[k]);
    }

    public static void AddGrad<T>(T op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> gx)
        where T : struct, IGradMap
    {
        var n = gx.Length;
        var w = Vector<float>.Count;
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var vg = MemoryMarshal.Cast<float, Vector<float>>(g);
        var vgx = MemoryMarshal.Cast<float, Vector<float>>(gx);
        for (var k = 0; k < vgx.Length; k++) vgx[k] += op.Vec(vx[k], vy[k], vg[k]);
        for (var k = vgx.Length * w; k < n; k++) gx[k] += op.One(x[k], y[k], g[k]);
    }

    /// <summary>Sum of floats in double (vector partial sums widened to double, then a fixed-order total).</summary>
    public static double SumDouble(ReadOnlySpan<float> x)
    {
        var w = Vector<float>.Count;
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        Vector<double> a0 = Vector<double>.Zero, a1 = Vector<double>.Zero;
        for (var k = 0; k < vx.Length; k++)
        {
            Vector.Widen(vx[k], out var lo, out var hi);
            a0 += lo;
            a1 += hi;
        }
        var s = Vector.Sum(a0 + a1);
        for (var k = vx.Length * w; k < x.Length; k++) s += x[k];
        return s;
    }

    /// <summary>acc[i] += x[i] in double, vectorised.</summary>
    public static void AccumulateDouble(ReadOnlySpan<float> x, Span<double> acc)
    {
        var w = Vector<float>.Count;
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var va = MemoryMarshal.Cast<double, Vector<double>>(acc);
        for (var k = 0; k < vx.Length; k++)
        {
            Vector.Widen(vx[k], out var lo, out var hi);
            va[2 * k] += lo;
            va[2 * k + 1] += hi;
        }
        for (var k = vx.Length * w; k < x.Length; k++) acc[k] += x[k];
    }

    /// <summary>Sum of squared deviations from <paramref name="mean"/>, in double.</summary>
    public static double SumSquaredDeviations(ReadOnlySpan<float> x, double mean)
    {
        var w = Vector<float>.Count;
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var m = new Vector<double>(mean);
        Vector<double> a0 = Vector<double>.Zero, a1 = Vector<double>.Zero;
        for (var k = 0; k < vx.Length; k++)
        {
            Vector.Widen(vx[k], out var lo, out var hi);
            lo -= m;
            hi -= m;
            a0 += lo * lo;
            a1 += hi * hi;
        }
        var s = Vector.Sum(a0 + a1);
        for (var k = vx.Length * w; k < x.Length; k++) { var d = x[k] - mean; s += d * d; }
        return s;
    }
}

internal readonly struct LeakyMap(float slope) : IMap
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Vec(Vector<float> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, x * slope);
    public float One(float x) => x > 0f ? x : slope * x;
}

internal readonly struct ReluGrad : IGradMap
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Vec(Vector<float> x, Vector<float> y, Vector<float> g) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), g, Vector<float>.Zero);
    public float One(float x, float y, float g) => x > 0f ? g : 0f;
}

internal readonly struct LeakyGrad(float slope) : IGradMap
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Vec(Vector<float> x, Vector<float> y, Vector<float> g) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), g, g * slope);
    public float One(float x, float y, float g) => x > 0f ? g : slope * g;
}

internal readonly struct TanhGrad : IGradMap
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Vec(Vector<float> x, Vector<float> y, Vector<float> g) => g * (Vector<float>.One - y * y);
    public float One(float x, float y, float g) => g * (1f - y * y);
}

internal readonly struct SigmoidGrad : IGradMap
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Vec(Vector<float> x, Vector<float> y, Vector<float> g) => g * y * (Vector<float>.One - y);
    public float One(float x, float y, float g) => g * y * (1f - y);
}
