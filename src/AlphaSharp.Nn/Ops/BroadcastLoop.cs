using System.Numerics.Tensors;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn;

/// <summary>
/// Walks two broadcast operands against an output shape one contiguous output row at a time. Dimensions are first
/// merged wherever both operands step through them the same way, so [B, T, D] + [D] becomes rows of D and a
/// same-shape pair is one long row: the per-row work is then a single vectorised span call.
/// </summary>
internal static class BroadcastLoop
{
    /// <summary>Called per output row: output offset, operand offsets, each operand's inner stride (0 or 1), row length.</summary>
    public delegate void Row(int outOff, int aOff, int aStep, int bOff, int bStep, int len);

    public static void Run(int[] outShape, int[] aShape, int[] bShape, Row row)
    {
        var (dims, sa, sb) = Collapse(outShape, Shapes.BroadcastStrides(aShape, outShape), Shapes.BroadcastStrides(bShape, outShape));
        var rank = dims.Length;
        var total = Tensor.NumelOf(outShape);
        if (total == 0) return;
        var len = dims[rank - 1];
        int aStep = sa[rank - 1], bStep = sb[rank - 1];
        var idx = new int[rank];
        int aOff = 0, bOff = 0;
        for (var outOff = 0; outOff < total; outOff += len)
        {
            row(outOff, aOff, aStep, bOff, bStep, len);
            // Odometer over every dim but the last.
            for (var d = rank - 2; d >= 0; d--)
            {
                idx[d]++;
                aOff += sa[d];
                bOff += sb[d];
                if (idx[d] < dims[d]) break;
                aOff -= sa[d] * dims[d];
                bOff -= sb[d] * dims[d];
                idx[d] = 0;
            }
        }
    }

    /// <summary>Drops size-1 dims and merges neighbours that are contiguous in both operands or broadcast alike.</summary>
    private static (int[] Dims, int[] Sa, int[] Sb) Collapse(int[] shape, int[] sa, int[] sb)
    {
        var dims = new List<int>();
        var la = new List<int>();
        var lb = new List<int>();
        for (var k = 0; k < shape.Length; k++)
        {
            if (shape[k] == 1) continue;
            if (dims.Count > 0)
            {
                var last = dims.Count - 1;
                // Merge when the previous dim's stride equals this dim's stride times this dim's size, for both.
                if (la[last] == sa[k] * shape[k] && lb[last] == sb[k] * shape[k])
                {
                    dims[last] *= shape[k];
                    la[last] = sa[k];
                    lb[last] = sb[k];
                    continue;
                }
            }
            dims.Add(shape[k]);
            la.Add(sa[k]);
            lb.Add(sb[k]);
        }
        if (dims.Count == 0) return ([1], [0], [0]);
        return (dims.ToArray(), la.ToArray(), lb.ToArray());
    }

    /// <summary>
    /// dst (shape <paramref name="dstShape"/>) += g (shape <paramref name="gShape"/>) summed over the dims dst was
    /// broadcast along: the gradient of a broadcast.
    /// </summary>
    public static void AccumulateReduced(float[] g, int[] gShape, float[] dst, int[] dstShape)
    {
        if (gShape.AsSpan().SequenceEqual(dstShape) || g.Length == dst.Length)
        {
            Elementwise.For(dst.Length, (from, to) => TensorPrimitives.Add(dst.AsSpan(from, to - from), g.AsSpan(from, to - from), dst.AsSpan(from, to - from)));
            return;
        }
        Run(gShape, dstShape, dstShape, (o, d, step, _, _, len) =>
        {
            var src = g.AsSpan(o, len);
            if (step == 1) TensorPrimitives.Add(dst.AsSpan(d, len), src, dst.AsSpan(d, len));
            else dst[d] += TensorPrimitives.Sum(src);
        });
    }
}
