using AlphaSharp.Nn.Kernels;
using AlphaSharp.Nn.Norm;

namespace AlphaSharp.Nn;

/// <summary>Matrix products: torch.matmul semantics (1-D promotion, broadcast batch dims) and the fused linear layer.</summary>
public static partial class Ops
{
    /// <summary>
    /// torch.matmul: 1-D x 1-D is a dot product; a 1-D left operand is a row, a 1-D right operand a column (the
    /// promoted dim is removed again); otherwise [..., m, k] x [..., k, n] with broadcast batch dims.
    /// </summary>
    public static Tensor MatMul(this Tensor a, Tensor b)
    {
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException($"matmul: both operands need at least one dim, got {a.ShapeString} and {b.ShapeString}");
        if (a.Rank == 1 && b.Rank == 1)
            return MatMulCore(a.Reshape(1, a.Numel), b.Reshape(b.Numel, 1)).Reshape();
        if (a.Rank == 1)
        {
            var r = MatMulCore(a.Reshape(1, a.Numel), b);
            return r.Reshape([.. r.Shape[..^2], r.Shape[^1]]);
        }
        if (b.Rank == 1)
        {
            var r = MatMulCore(a, b.Reshape(b.Numel, 1));
            return r.Reshape(r.Shape[..^1]);
        }
        return MatMulCore(a, b);
    }

    private static Tensor MatMulCore(Tensor a, Tensor b)
    {
        int m = a.Shape[^2], k = a.Shape[^1], k2 = b.Shape[^2], n = b.Shape[^1];
        if (k != k2) throw new ArgumentException($"matmul: {a.ShapeString} x {b.ShapeString}: inner sizes {k} and {k2} differ");
        var aBatch = a.Shape[..^2];
        var bBatch = b.Shape[..^2];
        var batch = Shapes.Broadcast(aBatch, bBatch, "matmul (batch dims)");
        var outShape = (int[])[.. batch, m, n];
        var y = TensorArena.Output(Tensor.NumelOf(outShape));
        var output = new Tensor(y, outShape);

        // A batched left operand times one matrix is one tall product: fold the batch into rows.
        if (bBatch.Length == 0)
        {
            var rows = Tensor.NumelOf(aBatch) * m;
            Gemm.Sgemm(false, false, rows, n, k, 1f, a.Data, k, b.Data, n, 0f, y, n);
            if (!Autograd.Needs(a, b)) return output;
            return Autograd.Record(output, [a, b], o =>
            {
                var g = o.Grad!;
                if (a.RequiresGrad) Gemm.Sgemm(false, true, rows, k, n, 1f, g, n, b.Data, n, 1f, Autograd.GradOf(a), k);
                if (b.RequiresGrad) Gemm.Sgemm(true, false, k, n, rows, 1f, a.Data, k, g, n, 1f, Autograd.GradOf(b), n);
            }, "matmul");
        }

        var offsets = BatchOffsets(batch, aBatch, bBatch, m * k, k * n);
        for (var t = 0; t < offsets.Length; t++)
        {
            var (ao, bo) = offsets[t];
            Gemm.Sgemm(false, false, m, n, k, 1f, a.Data.AsSpan(ao), k, b.Data.AsSpan(bo), n, 0f, y.AsSpan(t * m * n, m * n), n);
        }
        if (!Autograd.Needs(a, b)) return output;
        return Autograd.Record(output, [a, b], o =>
        {
            var g = o.Grad!;
            var ga = a.RequiresGrad ? Autograd.GradOf(a) : null;
            var gb = b.RequiresGrad ? Autograd.GradOf(b) : null;
            for (var t = 0; t < offsets.Length; t++)
            {
                var (ao, bo) = offsets[t];
                var gt = g.AsSpan(t * m * n, m * n);
                // Broadcast operands share a slice; beta = 1 adds each batch's share in turn.
                if (ga is not null) Gemm.Sgemm(false, true, m, k, n, 1f, gt, n, b.Data.AsSpan(bo), n, 1f, ga.AsSpan(ao), k);
                if (gb is not null) Gemm.Sgemm(true, false, k, n, m, 1f, a.Data.AsSpan(ao), k, gt, n, 1f, gb.AsSpan(bo), n);
            }
        }, "bmm");
    }

    /// <summary>For each output batch index (row-major), the element offsets of the matching a and b matrices.</summary>
    private static (int A, int B)[] BatchOffsets(int[] batch, int[] aBatch, int[] bBatch, int aMat, int bMat)
    {
        var count = Tensor.NumelOf(batch);
        var result = new (int, int)[count];
        var sa = Shapes.BroadcastStrides(aBatch, batch);
        var sb = Shapes.BroadcastStrides(bBatch, batch);
        var idx = new int[batch.Length];
        for (var t = 0; t < count; t++)
        {
            int ao = 0, bo = 0;
            for (var d = 0; d < batch.Length; d++) { ao += idx[d] * sa[d]; bo += idx[d] * sb[d]; }
            result[t] = (ao * aMat, bo * bMat);
            for (var d = batch.Length - 1; d >= 0; d--)
            {
                if (++idx[d] < batch[d]) break;
                idx[d] = 0;
            }
        }
        return result;
    }

    /// <summary>
    /// y = x W^T + b for x [..., in], W [out, in], b [out]: one GEMM (bias rows written first, then accumulated
    /// into), and one GEMM per input gradient.
    /// </summary>
    public static Tensor Linear(this Tensor x, Tensor weight, Tensor? bias = null)
    {
        if (weight.Rank != 2) throw new ArgumentException($"linear: weight must be [out, in], got {weight.ShapeString}");
        int outF = weight.Shape[0], inF = weight.Shape[1];
        if (x.Rank == 0 || x.Shape[^1] != inF)
            throw new ArgumentException($"linear: input {x.ShapeString} does not end in in_features {inF} of weight {weight.ShapeString}");
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != outF))
            throw new ArgumentException($"linear: bias {bias.ShapeString} must be [{outF}] for weight {weight.ShapeString}");
        var rows = inF == 0 ? Tensor.NumelOf(x.Shape[..^1]) : x.Numel / inF;
        var y = TensorArena.OutputToOverwrite(rows * outF);
        if (bias is not null) Elementwise.BroadcastRows(bias.Data, 0, outF, rows, y);
        Gemm.Sgemm(false, true, rows, outF, inF, 1f, x.Data, inF, weight.Data, inF, bias is null ? 0f : 1f, y, outF);
        var output = new Tensor(y, [.. x.Shape[..^1], outF]);
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        if (!Autograd.Needs(inputs)) return output;
        return Autograd.Record(output, inputs, o =>
        {
            var g = o.Grad!;
            if (x.RequiresGrad) Gemm.Sgemm(false, false, rows, inF, outF, 1f, g, outF, weight.Data, inF, 1f, Autograd.GradOf(x), inF);
            if (weight.RequiresGrad) Gemm.Sgemm(true, false, outF, inF, rows, 1f, g, outF, x.Data, inF, 1f, Autograd.GradOf(weight), inF);
            if (bias is not null && bias.RequiresGrad) RowBlocks.AddColumnSums(g, rows, outF, Autograd.GradOf(bias));
        }, "linear");
    }
}
