namespace AlphaSharp.Nn;

/// <summary>Joining and cutting along a dim: concat, stack, narrow, select.</summary>
public static partial class Ops
{
    /// <summary>Joins tensors along an existing dim; all other dims must match (torch.cat).</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> xs, int dim)
    {
        if (xs.Count == 0) throw new ArgumentException("concat: no tensors given");
        var first = xs[0];
        var d = Shapes.Dim(dim, first.Rank, "concat");
        var total = 0;
        foreach (var t in xs)
        {
            if (t.Rank != first.Rank) throw new ArgumentException($"concat: ranks differ: {first.ShapeString} and {t.ShapeString}");
            for (var k = 0; k < t.Rank; k++)
                if (k != d && t.Shape[k] != first.Shape[k])
                    throw new ArgumentException($"concat: shapes {first.ShapeString} and {t.ShapeString} differ outside dim {dim}");
            total += t.Shape[d];
        }
        var outShape = (int[])first.Shape.Clone();
        outShape[d] = total;
        var (outer, _, inner) = Shapes.Around(outShape, d);
        var y = TensorArena.Output(Tensor.NumelOf(outShape));
        var at = 0;
        foreach (var t in xs)
        {
            var block = t.Shape[d] * inner;
            for (var o = 0; o < outer; o++) Array.Copy(t.Data, o * block, y, o * total * inner + at, block);
            at += block;
        }
        var output = new Tensor(y, outShape);
        var inputs = xs.ToArray();
        if (!Autograd.Needs(inputs)) return output;
        return Autograd.Record(output, inputs, o =>
        {
            var g = o.Grad!;
            var pos = 0;
            foreach (var t in inputs)
            {
                var block = t.Shape[d] * inner;
                if (t.RequiresGrad)
                {
                    var gt = Autograd.GradOf(t);
                    for (var r = 0; r < outer; r++)
                    {
                        var src = g.AsSpan(r * total * inner + pos, block);
                        var dst = gt.AsSpan(r * block, block);
                        System.Numerics.Tensors.TensorPrimitives.Add(dst, src, dst);
                    }
                }
                pos += block;
            }
        }, "concat");
    }

    /// <summary>Joins same-shaped tensors along a new dim (torch.stack).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> xs, int dim)
    {
        if (xs.Count == 0) throw new ArgumentException("stack: no tensors given");
        var first = xs[0];
        foreach (var t in xs)
            if (!t.SameShape(first)) throw new ArgumentException($"stack: shapes differ: {first.ShapeString} and {t.ShapeString}");
        var d = Shapes.Dim(dim, first.Rank + 1, "stack");
        return Concat(xs.Select(t => t.Unsqueeze(d)).ToList(), d);
    }

    /// <summary>The slice [start, start + length) of dim <paramref name="dim"/> (torch.narrow); start may be negative.</summary>
    public static Tensor Narrow(this Tensor x, int dim, int start, int length)
    {
        var d = Shapes.Dim(dim, x.Rank, "narrow");
        var size = x.Shape[d];
        var s = start < 0 ? start + size : start;
        if (s < 0 || length < 0 || s + length > size)
            throw new ArgumentException($"narrow: [{start}, {start} + {length}) is outside dim {dim} of size {size} in {x.ShapeString}");
        var (outer, n, inner) = Shapes.Around(x.Shape, d);
        var outShape = (int[])x.Shape.Clone();
        outShape[d] = length;
        var y = TensorArena.Output(outer * length * inner);
        for (var o = 0; o < outer; o++) Array.Copy(x.Data, (o * n + s) * inner, y, o * length * inner, length * inner);
        var output = new Tensor(y, outShape);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            var g = t.Grad!;
            var gx = Autograd.GradOf(x);
            for (var o = 0; o < outer; o++)
            {
                var dst = gx.AsSpan((o * n + s) * inner, length * inner);
                System.Numerics.Tensors.TensorPrimitives.Add(dst, g.AsSpan(o * length * inner, length * inner), dst);
            }
        }, "narrow");
    }

    /// <summary>Python-style slice [start, end) of one dim; negative indices count from the end.</summary>
    public static Tensor Slice(this Tensor x, int dim, int start, int end)
    {
        var size = x.Shape[Shapes.Dim(dim, x.Rank, "slice")];
        var s = start < 0 ? start + size : start;
        var e = end < 0 ? end + size : end;
        if (s < 0 || e > size || e < s) throw new ArgumentException($"slice: [{start}, {end}) is outside dim {dim} of size {size} in {x.ShapeString}");
        return x.Narrow(dim, s, e - s);
    }

    /// <summary>Index <paramref name="index"/> of dim <paramref name="dim"/>, removing that dim (x[:, -1] is Select(1, -1)).</summary>
    public static Tensor Select(this Tensor x, int dim, int index)
    {
        var d = Shapes.Dim(dim, x.Rank, "select");
        return x.Narrow(d, index, 1).Squeeze(d);
    }
}
