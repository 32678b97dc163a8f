using AlphaSharp.Nn.Kernels;
using AlphaSharp.Nn.Norm;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn.Attention;

/// <summary>
/// Multi-head attention up to (not including) the output projection, as one tape entry: the packed input
/// projection (one GEMM when query, key and value are the same tensor, two when key is value), the fused
/// per-head attention reading the projections in place, and the concatenated heads written in the query's own
/// row order. Backward runs the same pieces in reverse with no intermediate tensors on the tape.
/// </summary>
internal static class AttentionCore
{
    /// <summary>One input projection: rows of <see cref="X"/> times weight rows [Row0, Row0 + Width), into Buffer.</summary>
    private sealed record Projection(Tensor X, int Row0, int Width, float[] Buffer)
    {
        public int Rows => X.Numel / (X.Shape[^1]);
        /// <summary>Values in use: the pooled <see cref="Buffer"/> may be longer.</summary>
        public int Length => Rows * Width;
    }

    /// <summary><paramref name="NeedWeights"/> false: the caller discards the probabilities, so their dropped copy is not made.</summary>
    public sealed record Options(int Heads, bool BatchFirst, float[]? AttnMask, bool AttnMaskPerHead, float[]? KeyMask,
        float DropoutP, Rng? DropoutRng, bool NeedWeights = true);

    /// <summary>
    /// query (N, L, E) / (L, N, E) / unbatched (L, E); key and value likewise with S rows. Returns the concatenated
    /// heads shaped like query and the attention probabilities [N*H, L, S] after dropout (empty unless
    /// <see cref="Options.NeedWeights"/>).
    /// </summary>
    public static Tensor Apply(Tensor query, Tensor key, Tensor value, Tensor inProjWeight, Tensor? inProjBias,
        Options opt, out float[] weights)
    {
        var e = query.Shape[^1];
        var batched = query.Rank == 3;
        var batchFirst = opt.BatchFirst || !batched;
        var n = batched ? query.Shape[batchFirst ? 0 : 1] : 1;
        var l = query.Shape[batched && batchFirst ? 1 : 0];
        var s = key.Shape[batched && batchFirst ? 1 : 0];
        var heads = opt.Heads;
        var dh = e / heads;

        // Projection buffers and their gradients come from the pool and go back once backward has run (or at once
        // when nothing is recorded); every use passes explicit lengths and writes before it reads.
        var pool = new RentedBuffers();
        Projection[] projections;
        (int Group, int Column) qAt, kAt, vAt;
        if (ReferenceEquals(query, key) && ReferenceEquals(key, value))
        {
            projections = [new Projection(query, 0, 3 * e, pool.Rent(n * l * 3 * e))];
            (qAt, kAt, vAt) = ((0, 0), (0, e), (0, 2 * e));
        }
        else if (ReferenceEquals(key, value))
        {
            projections = [new Projection(query, 0, e, pool.Rent(n * l * e)), new Projection(key, e, 2 * e, pool.Rent(n * s * 2 * e))];
            (qAt, kAt, vAt) = ((0, 0), (1, 0), (1, e));
        }
        else
        {
            projections = [new Projection(query, 0, e, pool.Rent(n * l * e)), new Projection(key, e, e, pool.Rent(n * s * e)),
                new Projection(value, 2 * e, e, pool.Rent(n * s * e))];
            (qAt, kAt, vAt) = ((0, 0), (1, 0), (2, 0));
        }
        foreach (var p in projections) Project(p, inProjWeight, inProjBias, e);

        var kernel = new SdpaKernel
        {
            Batch = n, Heads = heads, QueryLength = l, KeyLength = s, HeadDim = dh,
            Scale = (float)(1.0 / Math.Sqrt(dh)),
            Q = HeadLayout.Of(batchFirst, n, l, projections[qAt.Group].Width, qAt.Column, dh),
            K = HeadLayout.Of(batchFirst, n, s, projections[kAt.Group].Width, kAt.Column, dh),
            V = HeadLayout.Of(batchFirst, n, s, projections[vAt.Group].Width, vAt.Column, dh),
            O = HeadLayout.Of(batchFirst, n, l, e, 0, dh),
            AttnMask = opt.AttnMask, AttnMaskPerHead = opt.AttnMaskPerHead, KeyMask = opt.KeyMask,
        };
        // The kernel writes every probability and output value, except with no keys at all.
        Func<int, float[]> rent = s > 0 ? TensorArena.OutputToOverwrite : TensorArena.Output;
        var probs = rent(n * heads * l * s);
        var keep = DrawKeep(probs.Length, opt.DropoutP, opt.DropoutRng);
        var output = new Tensor(rent(query.Numel), query.Shape);
        var qb = projections[qAt.Group].Buffer;
        var kb = projections[kAt.Group].Buffer;
        var vb = projections[vAt.Group].Buffer;
        kernel.Forward(qb, kb, vb, output.Data, probs, keep, Gemm.MaxThreads);
        weights = !opt.NeedWeights ? [] : keep is null ? probs : Dropped(probs, keep);

        Tensor[] inputs = inProjBias is null ? [query, key, value, inProjWeight] : [query, key, value, inProjWeight, inProjBias];
        if (!Autograd.Needs(inputs))
        {
            pool.ReturnAll();
            return output;
        }
        return Autograd.Record(output, inputs, o =>
        {
            // The kernel adds into these, so the used part starts from zero.
            var grads = projections.Select(p =>
            {
                var g = pool.Rent(p.Length);
                Elementwise.Clear(g, p.Length);
                return g;
            }).ToArray();
            kernel.Backward(qb, kb, vb, o.Grad!, probs, keep, grads[qAt.Group], grads[kAt.Group], grads[vAt.Group], Gemm.MaxThreads);
            for (var g = 0; g < projections.Length; g++) ProjectBackward(projections[g], grads[g], inProjWeight, inProjBias, e);
            pool.ReturnAll();
        }, "multihead_attention_core");
    }

    private static void Project(Projection p, Tensor w, Tensor? b, int e)
    {
        // Bias rows first, then the GEMM accumulates onto them: one pass over the buffer fewer.
        if (b is not null) Elementwise.BroadcastRows(b.Data, p.Row0, p.Width, p.Rows, p.Buffer);
        Gemm.Sgemm(false, true, p.Rows, p.Width, e, 1f, p.X.Data, e, w.Data.AsSpan(p.Row0 * e, p.Width * e), e,
            b is null ? 0f : 1f, p.Buffer, p.Width);
    }

    private static void ProjectBackward(Projection p, float[] dBuf, Tensor w, Tensor? b, int e)
    {
        if (w.RequiresGrad)
            Gemm.Sgemm(true, false, p.Width, e, p.Rows, 1f, dBuf, p.Width, p.X.Data, e, 1f,
                Autograd.GradOf(w).AsSpan(p.Row0 * e, p.Width * e), e);
        if (b is { RequiresGrad: true }) RowBlocks.AddColumnSums(dBuf, p.Rows, p.Width, Autograd.GradOf(b).AsSpan(p.Row0, p.Width));
        if (p.X.RequiresGrad)
            Gemm.Sgemm(false, false, p.Rows, e, p.Width, 1f, dBuf, p.Width, w.Data.AsSpan(p.Row0 * e, p.Width * e), e, 1f,
                Autograd.GradOf(p.X), e);
    }

    /// <summary>Inverted-dropout multipliers (0 or 1/(1-p)) from one seed drawn from the generator; null when p is 0.</summary>
    private static float[]? DrawKeep(int count, float p, Rng? rng)
    {
        if (p <= 0f) return null;
        if (rng is null) throw new ArgumentException("attention: dropout needs a generator");
        var keep = new float[count];
        DropoutMask.Fill(keep, p, rng.NextULong());
        return keep;
    }

    private static float[] Dropped(float[] probs, float[] keep)
    {
        var w = new float[probs.Length];
        for (var i = 0; i < w.Length; i++) w[i] = probs[i] * keep[i];
        return w;
    }
}
