using System.Numerics.Tensors;

namespace AlphaSharp.Nn;

/// <summary>Activation functions, element-wise, with PyTorch's definitions and subgradients.</summary>
public static partial class Ops
{
    /// <summary>max(x, 0); gradient 0 at x = 0, as PyTorch.</summary>
    public static Tensor Relu(this Tensor x)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Max(x.Data, 0f, y);
        var xd = x.Data;
        return Finish(x, y, "relu", (g, yd, gx) => Simd.AddGrad(new ReluGrad(), xd, yd, g, gx));
    }

    /// <summary>x for x &gt; 0, slope * x otherwise (PyTorch's default slope 0.01).</summary>
    public static Tensor LeakyRelu(this Tensor x, float negativeSlope = 0.01f)
    {
        var xd = x.Data;
        var y = TensorArena.Output(x.Numel);
        Simd.Map(new LeakyMap(negativeSlope), xd, y);
        return Finish(x, y, "leaky_relu", (g, yd, gx) => Simd.AddGrad(new LeakyGrad(negativeSlope), xd, yd, g, gx));
    }

    public static Tensor Tanh(this Tensor x)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Tanh(x.Data, y);
        var xd = x.Data;
        return Finish(x, y, "tanh", (g, yd, gx) => Simd.AddGrad(new TanhGrad(), xd, yd, g, gx));
    }

    public static Tensor Sigmoid(this Tensor x)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Sigmoid(x.Data, y);
        var xd = x.Data;
        return Finish(x, y, "sigmoid", (g, yd, gx) => Simd.AddGrad(new SigmoidGrad(), xd, yd, g, gx));
    }

    /// <summary>x for x &gt; 0, alpha * (exp(x) - 1) otherwise.</summary>
    public static Tensor Elu(this Tensor x, float alpha = 1f)
    {
        var xd = x.Data;
        var y = TensorArena.Output(x.Numel);
        for (var k = 0; k < y.Length; k++) y[k] = xd[k] > 0f ? xd[k] : alpha * (MathF.Exp(xd[k]) - 1f);
        return Finish(x, y, "elu", (g, yd, gx) =>
        {
            // For x <= 0, d/dx alpha (e^x - 1) = alpha e^x = y + alpha.
            for (var k = 0; k < gx.Length; k++) gx[k] += xd[k] > 0f ? g[k] : g[k] * (yd[k] + alpha);
        });
    }

    /// <summary>
    /// GELU. Exact: x Phi(x) = 0.5 x (1 + erf(x / sqrt 2)). With <paramref name="tanhApproximation"/>:
    /// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), PyTorch's approximate='tanh'.
    /// </summary>
    public static Tensor Gelu(this Tensor x, bool tanhApproximation = false)
    {
        var xd = x.Data;
        var y = TensorArena.Output(x.Numel);
        if (tanhApproximation)
        {
            GeluKernel.Tanh(xd, y, default, default, backward: false);
            return Finish(x, y, "gelu_tanh", (g, _, gx) => GeluKernel.Tanh(xd, default, g, gx, backward: true));
        }
        GeluKernel.Exact(xd, y, default, default, backward: false);
        return Finish(x, y, "gelu", (g, _, gx) => GeluKernel.Exact(xd, default, g, gx, backward: true));
    }
}
