using System.Numerics.Tensors;
using AlphaSharp.Nn.Recurrent;

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
        // The mask goes back to the pool once backward has read it (or at once when nothing is recorded).
        var n = y.Numel;
        var pool = new RentedBuffers();
        var keepBuffer = pool.Rent(n);
        DropoutMask.Fill(keepBuffer, n, p, rng.NextULong());
        var output = TensorArena.Output(x.Numel);
        TensorPrimitives.FusedMultiplyAdd(y.Data, keepBuffer.AsSpan(0, n), x.Data, output);
        if (!Autograd.Needs(x, y))
        {
            pool.ReturnAll();
            return new Tensor(output, x.Shape);
        }
        return Autograd.Record(new Tensor(output, x.Shape), [x, y], o =>
        {
            var g = o.Grad!;
            var keep = keepBuffer.AsSpan(0, n);
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
            pool.ReturnAll();
        }, "residual_dropout");
    }
}
