namespace AlphaSharp.Nn;

/// <summary>Indexing by integer lists: index_select, gather, and masking.</summary>
public static partial class Ops
{
    /// <summary>Rows <paramref name="index"/> of dim <paramref name="dim"/>, in that order (torch.index_select).</summary>
    public static Tensor IndexSelect(this Tensor x, int dim, IReadOnlyList<int> index)
    {
        var d = Shapes.Dim(dim, x.Rank, "index_select");
        var (outer, n, inner) = Shapes.Around(x.Shape, d);
        var idx = new int[index.Count];
        for (var k = 0; k < idx.Length; k++)
        {
            var v = index[k] < 0 ? index[k] + n : index[k];
            if (v < 0 || v >= n) throw new ArgumentException($"index_select: index {index[k]} is out of range for dim {dim} of size {n}");
            idx[k] = v;
        }
        var outShape = (int[])x.Shape.Clone();
        outShape[d] = idx.Length;
        var y = TensorArena.Output(outer * idx.Length * inner);
        for (var o = 0; o < outer; o++)
            for (var k = 0; k < idx.Length; k++)
                Array.Copy(x.Data, (o * n + idx[k]) * inner, y, (o * idx.Length + k) * inner, inner);
        var output = new Tensor(y, outShape);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            var g = t.Grad!;
            var gx = Autograd.GradOf(x);
            for (var o = 0; o < outer; o++)
                for (var k = 0; k < idx.Length; k++)
                {
                    var dst = gx.AsSpan((o * n + idx[k]) * inner, inner);
                    System.Numerics.Tensors.TensorPrimitives.Add(dst, g.AsSpan((o * idx.Length + k) * inner, inner), dst);
                }
        }, "index_select");
    }

    /// <summary>
    /// torch.gather: out[..., j, ...] = x[..., index[..., j, ...], ...] along <paramref name="dim"/>. The index
    /// tensor holds integers (as floats, the way fixtures and labels arrive) and has x's rank; its other dims may
    /// be smaller than x's.
    /// </summary>
    public static Tensor Gather(this Tensor x, int dim, Tensor index)
    {
        var d = Shapes.Dim(dim, x.Rank, "gather");
        if (index.Rank != x.Rank)
            throw new ArgumentException($"gather: index {index.ShapeString} must have the rank of input {x.ShapeString}");
        for (var k = 0; k < x.Rank; k++)
            if (k != d && index.Shape[k] > x.Shape[k])
                throw new ArgumentException($"gather: index {index.ShapeString} is larger than input {x.ShapeString} in dim {k}");
        var n = x.Shape[d];
        var rank = x.Rank;
        var xStrides = new int[rank];
        for (int k = rank - 1, s = 1; k >= 0; k--) { xStrides[k] = s; s *= x.Shape[k]; }
        // Source offset of every output element, computed once and reused by the backward.
        var src = new int[index.Numel];
        var pos = new int[rank];
        for (var e = 0; e < src.Length; e++)
        {
            var raw = index.Data[e];
            var v = (int)raw;
            if (v != raw || v < 0 || v >= n)
                throw new ArgumentException($"gather: index value {raw} is not an integer in [0, {n}) for dim {dim} of {x.ShapeString}");
            var off = 0;
            for (var k = 0; k < rank; k++) off += (k == d ? v : pos[k]) * xStrides[k];
            src[e] = off;
            for (var k = rank - 1; k >= 0; k--)
            {
                if (++pos[k] < index.Shape[k]) break;
                pos[k] = 0;
            }
        }
        var y = TensorArena.Output(src.Length);
        for (var e = 0; e < y.Length; e++) y[e] = x.Data[src[e]];
        var output = new Tensor(y, index.Shape);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            var g = t.Grad!;
            var gx = Autograd.GradOf(x);
            for (var e = 0; e < src.Length; e++) gx[src[e]] += g[e];
        }, "gather");
    }

    /// <summary>
    /// Copy of x with <paramref name="value"/> wherever <paramref name="mask"/> is non-zero; the mask broadcasts to
    /// x's shape (torch.masked_fill). No gradient flows through filled places.
    /// </summary>
    public static Tensor MaskedFill(this Tensor x, Tensor mask, float value)
    {
        var shape = Shapes.Broadcast(x.Shape, mask.Shape, "masked_fill");
        if (!shape.AsSpan().SequenceEqual(x.Shape))
            throw new ArgumentException($"masked_fill: mask {mask.ShapeString} does not broadcast to the input's shape {x.ShapeString}");
        var keep = new bool[x.Numel];
        var xd = x.Data;
        var md = mask.Data;
        var y = TensorArena.Output(x.Numel);
        BroadcastLoop.Run(shape, x.Shape, mask.Shape, (o, xo, _, mo, mStep, len) =>
        {
            for (var j = 0; j < len; j++)
            {
                var fill = md[mo + j * mStep] != 0f;
                keep[o + j] = !fill;
                y[o + j] = fill ? value : xd[xo + j];
            }
        });
        var output = new Tensor(y, x.Shape);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            var g = t.Grad!;
            var gx = Autograd.GradOf(x);
            for (var k = 0; k < gx.Length; k++) if (keep[k]) gx[k] += g[k];
        }, "masked_fill");
    }

    /// <summary>
    /// Inverted dropout: each value is zeroed with probability <paramref name="p"/> and the survivors scaled by
    /// 1 / (1 - p), so evaluation needs no rescaling. Identity when not training or p = 0. Draws one number per
    /// value from <paramref name="rng"/>.
    /// </summary>
    public static Tensor Dropout(this Tensor x, float p, Rng rng, bool training = true)
    {
        if (!(p >= 0f && p <= 1f)) throw new ArgumentException($"dropout: probability {p} is not in [0, 1]");
        if (!training || p == 0f) return x;
        var scale = p == 1f ? 0f : 1f / (1f - p);
        var mask = new float[x.Numel];
        for (var k = 0; k < mask.Length; k++) mask[k] = rng.NextFloat() >= p ? scale : 0f;
        var y = TensorArena.Output(x.Numel);
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.Data, mask, y);
        return Finish(x, y, "dropout", (g, _, gx) => System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd(g, mask, gx, gx));
    }
}
