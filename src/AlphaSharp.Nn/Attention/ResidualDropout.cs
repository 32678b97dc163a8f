using System.Numerics.Tensors;

namespace AlphaSharp.Nn.Attention;

/// <summary>
/// x + dropout(y) as one tape entry (the residual connections of a Transformer layer): one pass forward,
/// one pass per input backward, the mask drawn by <see cref="DropoutMask"/>.
/// </summary>
internal static class ResidualDropout
{
    /// <summary>x + y when not training or p is 0 (plain add); otherwise x + y * keep.</summary>
    public static Tensor Apply(Tensor x, Tensor y, float p, Rng rng, bool training)
    {
        if (!x.SameShape(y)) throw new ArgumentException($"residual: shapes {x.ShapeString} and {y.ShapeString} differ");
        if (!training || p == 0f) return x.Add(y);
        var keep = new float[y.Numel];
        DropoutMask.Fill(keep, p, rng.NextULong());
        var output = new float[x.Numel];
        TensorPrimitives.FusedMultiplyAdd(y.Data, keep, x.Data, output);
        return Autograd.Record(new Tensor(output, x.Shape), [x, y], o =>
        {
            var g = o.Grad!;
            if (x.RequiresGrad)
            {
                var gx = Autograd.GradOf(x);
                TensorPrimitives.Add(gx, g, gx);
            }
            if (y.RequiresGrad)
            {
                var gy = Autograd.GradOf(y);
                TensorPrimitives.FusedMultiplyAdd(g, keep, gy, gy);
            }
        }, "residual_dropout");
    }
}
