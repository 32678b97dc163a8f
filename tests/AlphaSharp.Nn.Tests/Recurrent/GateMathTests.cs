using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>
/// The vector gate functions against double-precision references, and the 256- and 512-bit versions against each
/// other bit for bit: a unit's gates must not depend on which width its slice of units was processed at.
/// </summary>
public class GateMathTests
{
    /// <summary>Every 1/64 from -100 to 100, the clamp edges, huge values, zeros of both signs and NaN.</summary>
    private static float[] Inputs()
    {
        var xs = new List<float>();
        for (var i = -6400; i <= 6400; i++) xs.Add(i / 64f);
        xs.AddRange([-87.3f, -87.2f, 88.2f, 88.3f, -1e30f, 1e30f, 0f, -0f, float.NaN, 1e-20f, -1e-20f]);
        while (xs.Count % 16 != 0) xs.Add(0.5f);
        return [.. xs];
    }

    private static float[] Apply256(float[] xs, Func<Vector256<float>, Vector256<float>> f)
    {
        var y = new float[xs.Length];
        for (var i = 0; i < xs.Length; i += 8) f(Vector256.Create(xs, i)).CopyTo(y, i);
        return y;
    }

    private static float[] Apply512(float[] xs, Func<Vector512<float>, Vector512<float>> f)
    {
        var y = new float[xs.Length];
        for (var i = 0; i < xs.Length; i += 16) f(Vector512.Create(xs, i)).CopyTo(y, i);
        return y;
    }

    [Fact]
    public void Exp_sigmoid_and_tanh_match_double_precision()
    {
        var xs = Inputs();
        var exp = Apply256(xs, GateMath.Exp);
        var sig = Apply256(xs, GateMath.Sigmoid);
        var tanh = Apply256(xs, GateMath.Tanh);
        for (var i = 0; i < xs.Length; i++)
        {
            double x = xs[i];
            if (double.IsNaN(x))
            {
                Assert.True(float.IsNaN(exp[i]) && float.IsNaN(sig[i]) && float.IsNaN(tanh[i]));
                continue;
            }
            if (x > -87 && x < 88)
                Assert.True(Math.Abs(exp[i] / Math.Exp(x) - 1) < 3e-7, $"exp({x}) = {exp[i]}, want {Math.Exp(x)}");
            Assert.True(Math.Abs(sig[i] - 1 / (1 + Math.Exp(-x))) < 2e-7, $"sigmoid({x}) = {sig[i]}");
            Assert.True(Math.Abs(tanh[i] - Math.Tanh(x)) < 2e-7, $"tanh({x}) = {tanh[i]}");
        }
        Assert.Equal(0f, tanh[Array.IndexOf(xs, 0f)]);
        Assert.True(float.IsNegative(tanh[Array.IndexOf(xs, -0f)]) || tanh[Array.IndexOf(xs, -0f)] == 0f);
    }

    [Fact]
    public void The_512_bit_functions_give_the_256_bit_bits()
    {
        if (!Avx512F.IsSupported) return; // nothing to compare: the 512-bit versions never run on this machine
        var xs = Inputs();
        Assert.Equal(Apply256(xs, GateMath.Exp), Apply512(xs, GateMath.Exp));
        Assert.Equal(Apply256(xs, GateMath.Sigmoid), Apply512(xs, GateMath.Sigmoid));
        Assert.Equal(Apply256(xs, GateMath.Tanh), Apply512(xs, GateMath.Tanh));
    }

    [Fact]
    public void Scaling_by_exponent_bits_is_exact_for_every_exponent_exp_can_produce()
    {
        var y = new float[] { 1f, 1.0000001f, 1.5f, 1.9999999f, 0.70710677f, 1.4142135f, 1.2345678f, 1.9f };
        for (var n = -126; n <= 127; n++)
        {
            var got = GateMath.ScaleByShift(Vector256.Create(y), Vector256.Create((float)n));
            for (var i = 0; i < 8; i++)
                Assert.Equal((float)(y[i] * Math.Pow(2, n)), got[i]);
        }
    }
}
