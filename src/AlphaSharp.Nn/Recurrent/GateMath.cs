using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// The gate nonlinearities, eight lanes at a time. Vector256.Exp is accurate to about one ulp, so these stay far
/// inside the 1e-4 parity tolerance while costing a fraction of a scalar MathF.Exp per element.
/// </summary>
internal static class GateMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
        => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));

    /// <summary>tanh through exp(-2|x|), which never overflows; the sign is put back at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var e = Vector256.Exp(Vector256.Create(-2f) * Vector256.Abs(x));
        var t = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        return t | (x & Vector256.Create(-0f));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => MathF.Tanh(x);
}
