using System.Numerics.Tensors;

namespace AlphaSharp.Nn;

/// <summary>Element-wise functions of one tensor, and tensor-with-scalar arithmetic.</summary>
public static partial class Ops
{
    /// <summary>Wraps a fresh result of the same shape as <paramref name="x"/> and records its backward when needed.</summary>
    private static Tensor Finish(Tensor x, float[] y, string name, Action<float[], float[], float[]> addGrad)
    {
        var output = new Tensor(y, x.Shape);
        if (!Autograd.Needs(x)) return output;
        // addGrad(g, yData, gx): gx += dL/dx given the output gradient g.
        return Autograd.Record(output, [x], o => addGrad(o.Grad!, o.Data, Autograd.GradOf(x)), name);
    }

    public static Tensor Neg(this Tensor x)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Negate(x.Data, y);
        return Finish(x, y, "neg", (g, _, gx) => TensorPrimitives.Subtract(gx, g, gx));
    }

    public static Tensor Add(this Tensor x, float s)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Add(x.Data, s, y);
        return Finish(x, y, "add_scalar", (g, _, gx) => TensorPrimitives.Add(gx, g, gx));
    }

    public static Tensor Sub(this Tensor x, float s) => x.Add(-s);

    /// <summary>s - x.</summary>
    public static Tensor RSub(this Tensor x, float s)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Subtract(s, x.Data, y);
        return Finish(x, y, "rsub_scalar", (g, _, gx) => TensorPrimitives.Subtract(gx, g, gx));
    }

    public static Tensor Mul(this Tensor x, float s)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Multiply(x.Data, s, y);
        return Finish(x, y, "mul_scalar", (g, _, gx) => TensorPrimitives.MultiplyAdd(g, s, gx, gx));
    }

    public static Tensor Div(this Tensor x, float s)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Divide(x.Data, s, y);
        return Finish(x, y, "div_scalar", (g, _, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) gx[k] += g[k] / s;
        });
    }

    /// <summary>s / x.</summary>
    public static Tensor RDiv(this Tensor x, float s)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Divide(s, x.Data, y);
        var xd = x.Data;
        return Finish(x, y, "rdiv_scalar", (g, yd, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) gx[k] -= g[k] * yd[k] / xd[k];
        });
    }

    public static Tensor Exp(this Tensor x)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Exp(x.Data, y);
        return Finish(x, y, "exp", (g, yd, gx) => TensorPrimitives.FusedMultiplyAdd(g, yd, gx, gx));
    }

    public static Tensor Log(this Tensor x)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Log(x.Data, y);
        var xd = x.Data;
        return Finish(x, y, "log", (g, _, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) gx[k] += g[k] / xd[k];
        });
    }

    public static Tensor Sqrt(this Tensor x)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Sqrt(x.Data, y);
        return Finish(x, y, "sqrt", (g, yd, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) gx[k] += g[k] / (2f * yd[k]);
        });
    }

    /// <summary>x to a fixed power p; gradient p * x^(p-1), as PyTorch (p = 0 has gradient 0).</summary>
    public static Tensor Pow(this Tensor x, float p)
    {
        var xd = x.Data;
        var y = TensorArena.Output(x.Numel);
        if (p == 2f) TensorPrimitives.Multiply(xd, xd, y);
        else for (var k = 0; k < y.Length; k++) y[k] = MathF.Pow(xd[k], p);
        return Finish(x, y, "pow", (g, _, gx) =>
        {
            if (p == 0f) return;
            for (var k = 0; k < gx.Length; k++)
                gx[k] += g[k] * (p == 2f ? 2f * xd[k] : p * MathF.Pow(xd[k], p - 1f));
        });
    }

    /// <summary>|x|; the gradient at 0 is 0 (sign(0)), as PyTorch.</summary>
    public static Tensor Abs(this Tensor x)
    {
        var y = TensorArena.Output(x.Numel);
        TensorPrimitives.Abs(x.Data, y);
        var xd = x.Data;
        return Finish(x, y, "abs", (g, _, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) gx[k] += xd[k] > 0 ? g[k] : xd[k] < 0 ? -g[k] : 0f;
        });
    }

    /// <summary>Limits x to [min, max] (either bound optional); the gradient passes where min &lt;= x &lt;= max, as PyTorch.</summary>
    public static Tensor Clamp(this Tensor x, float? min = null, float? max = null)
    {
        if (min is null && max is null) throw new ArgumentException("clamp: give at least one of min and max");
        if (min > max) throw new ArgumentException($"clamp: min {min} is greater than max {max}");
        var lo = min ?? float.NegativeInfinity;
        var hi = max ?? float.PositiveInfinity;
        var xd = x.Data;
        var y = TensorArena.Output(x.Numel);
        for (var k = 0; k < y.Length; k++) y[k] = Math.Min(Math.Max(xd[k], lo), hi);
        return Finish(x, y, "clamp", (g, _, gx) =>
        {
            for (var k = 0; k < gx.Length; k++) if (xd[k] >= lo && xd[k] <= hi) gx[k] += g[k];
        });
    }
}
