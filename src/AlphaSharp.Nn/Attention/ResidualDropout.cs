using System.Numerics.Tensors;
using AlphaSharp.Nn.Kernels;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn.Attention;

/// <summary>
/// x + dropout(y) as one tape entry (the residual connections of a Transformer layer): one pass forward,
/// one pass per input backward, the mask drawn by <see cref="DropoutMask"/> (forward, and again from its seed in backward).
/// </summary>
internal static class ResidualDropout
{
    /// <summary>x + y when not training or p is 0 (plain add); otherwise x + y * keep.</summary>
    public static Tensor Apply(Tensor x, Tensor y, float p, Rng rng, bool training)
    {
        if (!x.SameShape(y)) throw new ArgumentException($"residual: shapes {x.ShapeString} and {y.ShapeString} differ");
        if (!training || p == 0f) return x.Add(y);
        // The mask is counter-based: backward draws it again from the same seed rather than keeping n floats alive
        // from here to there (a Transformer layer has two of these per step).
        var n = y.Numel;
        var seed = rng.NextULong();
        var pool = new RentedBuffers();
        var keepBuffer = pool.Rent(n);
        DropoutMask.Fill(keepBuffer, n, p, seed);
        var output = TensorArena.OutputToOverwrite(x.Numel);
        Elementwise.For(n, (from, to) => TensorPrimitives.FusedMultiplyAdd(y.Data.AsSpan(from, to - from),
            keepBuffer.AsSpan(from, to - from), x.Data.AsSpan(from, to - from), output.AsSpan(from, to - from)));
        pool.ReturnAll();
        if (!Autograd.Needs(x, y)) return new Tensor(output, x.Shape);
        return Autograd.Record(new Tensor(output, x.Shape), [x, y], o =>
        {
            var g = o.Grad!;
            var gx = x.RequiresGrad ? Autograd.GradOf(x) : null;
            var gy = y.RequiresGrad ? Autograd.GradOf(y) : null;
            var keep = gy is null ? null : pool.Rent(n);
            if (keep is not null) DropoutMask.Fill(keep, n, p, seed);
            Elementwise.For(n, (from, to) =>
            {
                var len = to - from;
                if (gx is not null) TensorPrimitives.Add(gx.AsSpan(from, len), g.AsSpan(from, len), gx.AsSpan(from, len));
                if (gy is not null)
                    TensorPrimitives.FusedMultiplyAdd(g.AsSpan(from, len), keep!.AsSpan(from, len), gy.AsSpan(from, len), gy.AsSpan(from, len));
            });
            pool.ReturnAll();
        }, "residual_dropout");
    }
}
