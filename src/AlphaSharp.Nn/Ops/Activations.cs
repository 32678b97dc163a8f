using System.Numerics.Tensors;

namespace AlphaSharp.Nn;

/// <summary>Activation functions, element-wise, with PyTorch's definitions and subgradients.</summary>
public static partial class Ops
{
    /// <summary>max(x, 0); gradient 0 at x = 0, as PyTorch.</summary>
    public static Tensor Relu(this Tensor x)
    {
        var y = new float[x.Numel];
        TensorPrimitives.Max(x.Data, 0f, y);
        var xd = x.Data;
        return Finish(x, y, "relu", (g, _, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) if (xd[k] > 0f) gx[k] += g[k];
        });
    }

    /// <summary>x for x &gt; 0, slope * x otherwise (PyTorch's default slope 0.01).</summary>
    public static Tensor LeakyRelu(this Tensor x, float negativeSlope = 0.01f)
    {
        var xd = x.Data;
        var y = new float[x.Numel];
        for (var k = 0; k < y.Length; k++) y[k] = xd[k] > 0f ? xd[k] : negativeSlope * xd[k];
        return Finish(x, y, "leaky_relu", (g, _, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) gx[k] += xd[k] > 0f ? g[k] : negativeSlope * g[k];
        });
    }

    public static Tensor Tanh(this Tensor x)
    {
        var y = new float[x.Numel];
        TensorPrimitives.Tanh(x.Data, y);
        return Finish(x, y, "tanh", (g, yd, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) gx[k] += g[k] * (1f - yd[k] * yd[k]);
        });
    }

    public static Tensor Sigmoid(this Tensor x)
    {
        var y = new float[x.Numel];
        TensorPrimitives.Sigmoid(x.Data, y);
        return Finish(x, y, "sigmoid", (g, yd, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) gx[k] += g[k] * yd[k] * (1f - yd[k]);
        });
    }

    /// <summary>x for x &gt; 0, alpha * (exp(x) - 1) otherwise.</summary>
    public static Tensor Elu(this Tensor x, float alpha = 1f)
    {
        var xd = x.Data;
        var y = new float[x.Numel];
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
        var y = new float[x.Numel];
        if (tanhApproximation)
        {
            for (var k = 0; k < y.Length; k++)
            {
                double v = xd[k];
                y[k] = (float)(0.5 * v * (1 + Math.Tanh(Sqrt2OverPi * (v + 0.044715 * v * v * v))));
            }
            return Finish(x, y, "gelu_tanh", (g, _, gx) =>
            {
                for (var k = 0; k < gx.Length; k++)
                {
                    double v = xd[k];
                    var t = Math.Tanh(Sqrt2OverPi * (v + 0.044715 * v * v * v));
                    var d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * Sqrt2OverPi * (1 + 3 * 0.044715 * v * v);
                    gx[k] += (float)(g[k] * d);
                }
            });
        }
        for (var k = 0; k < y.Length; k++)
        {
            double v = xd[k];
            y[k] = (float)(v * SpecialFunctions.NormalCdf(v));
        }
        return Finish(x, y, "gelu", (g, _, gx) =>
        {
            for (var k = 0; k < gx.Length; k++)
            {
                double v = xd[k];
                // d/dx x Phi(x) = Phi(x) + x phi(x).
                var d = SpecialFunctions.NormalCdf(v) + v * Math.Exp(-0.5 * v * v) * InvSqrt2Pi;
                gx[k] += (float)(g[k] * d);
            }
        });
    }

    private const double Sqrt2OverPi = 0.79788456080286535588;
    private const double InvSqrt2Pi = 0.39894228040143267794;
}
