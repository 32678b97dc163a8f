using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Attention;

/// <summary>
/// Fused scaled dot-product attention over every (batch, head) pair: scores = scale * Q K^T + mask, a row softmax,
/// optional dropout of the probabilities, O = P V; and the matching backward. Each pair owns disjoint rows and
/// columns of every output, so pairs run in parallel with no reduction and the bits do not depend on threads.
/// Short sequences (the papers' 20 steps) take a direct path of SIMD dot products and row updates on data that
/// stays in L1; long ones call the GEMM, whose packing only pays off there.
/// </summary>
internal sealed class SdpaKernel
{
    public required int Batch { get; init; }
    public required int Heads { get; init; }
    public required int QueryLength { get; init; }
    public required int KeyLength { get; init; }
    public required int HeadDim { get; init; }
    public required float Scale { get; init; }
    public required HeadLayout Q { get; init; }
    public required HeadLayout K { get; init; }
    public required HeadLayout V { get; init; }
    public required HeadLayout O { get; init; }

    /// <summary>Additive mask [L, S] shared by all pairs, or [N*H, L, S]; null for none.</summary>
    public float[]? AttnMask { get; init; }
    public bool AttnMaskPerHead { get; init; }

    /// <summary>Additive mask [N, S] over keys; null for none.</summary>
    public float[]? KeyMask { get; init; }

    private int PairSize => QueryLength * KeyLength;

    /// <summary>Pairs with at most this many scores take the direct path.</summary>
    internal const int DirectMaxScores = 64 * 64;

    /// <summary>Test hook: the GEMM path whatever the size.</summary>
    public bool ForceGemm { get; init; }

    private bool Direct => !ForceGemm && PairSize <= DirectMaxScores;

    /// <summary>
    /// Writes O and the probabilities <paramref name="probs"/> [N*H, L, S] (before dropout). With a
    /// <paramref name="keep"/> buffer (same shape: 0 or 1/(1-p), drawn by the caller) the weighted sum uses the
    /// dropped probabilities, as PyTorch does.
    /// </summary>
    public void Forward(float[] q, float[] k, float[] v, float[] o, float[] probs, float[]? keep, int threads)
        => Run(threads, (pair, scratch) => ForwardPair(pair, q, k, v, o, probs, keep, scratch));

    /// <summary>Adds dQ, dK, dV (each in its own layout) given dO; the d-buffers may be the same packed array.</summary>
    public void Backward(float[] q, float[] k, float[] v, float[] dO, float[] probs, float[]? keep,
        float[] dq, float[] dk, float[] dv, int threads)
        => Run(threads, (pair, scratch) => BackwardPair(pair, q, k, v, dO, probs, keep, dq, dk, dv, scratch));

    /// <summary>Per-worker scratch: one pair's scores, then (direct path) a packed transposed key or value block.</summary>
    private int ScratchSize => PairSize + SmallProducts.PackedSize(KeyLength, HeadDim);

    private void Run(int threads, Action<int, float[]> body)
    {
        var pairs = Batch * Heads;
        var workers = Math.Max(1, Math.Min(threads, pairs));
        if (workers == 1)
        {
            var scratch = new float[ScratchSize];
            for (var p = 0; p < pairs; p++) body(p, scratch);
            return;
        }
        // Static contiguous chunks: which pairs a worker takes never changes the arithmetic of any pair.
        WorkerPool.Run(workers, w =>
        {
            var scratch = new float[ScratchSize];
            int lo = (int)((long)pairs * w / workers), hi = (int)((long)pairs * (w + 1) / workers);
            for (var p = lo; p < hi; p++) body(p, scratch);
        });
    }

    private void ForwardPair(int pair, float[] q, float[] k, float[] v, float[] o, float[] probs, float[]? keep, float[] scratch)
    {
        int n = pair / Heads, h = pair % Heads, l = QueryLength, s = KeyLength, d = HeadDim;
        var p = probs.AsSpan(pair * PairSize, PairSize);
        ProductNT(l, s, d, Scale, q.AsSpan(Q.Base(n, h)), Q.RowStride, k.AsSpan(K.Base(n, h)), K.RowStride, p, scratch.AsSpan(PairSize));
        AddMasks(p, pair, n);
        for (var r = 0; r < l; r++) SoftmaxRow(p.Slice(r * s, s));
        ReadOnlySpan<float> weights = p;
        if (keep is not null)
        {
            var kp = keep.AsSpan(pair * PairSize, PairSize);
            for (var i = 0; i < PairSize; i++) scratch[i] = p[i] * kp[i];
            weights = scratch.AsSpan(0, PairSize);
        }
        ProductNN(l, d, s, 1f, weights, v.AsSpan(V.Base(n, h)), V.RowStride, 0f, o.AsSpan(O.Base(n, h)), O.RowStride);
    }

    private void AddMasks(Span<float> scores, int pair, int n)
    {
        int l = QueryLength, s = KeyLength;
        if (AttnMask is not null)
        {
            var m = AttnMask.AsSpan(AttnMaskPerHead ? pair * PairSize : 0, PairSize);
            for (var i = 0; i < PairSize; i++) scores[i] += m[i];
        }
        if (KeyMask is not null)
        {
            var km = KeyMask.AsSpan(n * s, s);
            for (var r = 0; r < l; r++)
            {
                var row = scores.Slice(r * s, s);
                for (var j = 0; j < s; j++) row[j] += km[j];
            }
        }
    }

    /// <summary>Stable softmax; a row masked everywhere (all -inf) becomes NaN, as in PyTorch.</summary>
    private static void SoftmaxRow(Span<float> row)
    {
        var max = float.NegativeInfinity;
        foreach (var x in row) if (x > max) max = x;
        double sum = 0;
        for (var j = 0; j < row.Length; j++)
        {
            var e = MathF.Exp(row[j] - max);
            row[j] = e;
            sum += e;
        }
        var inv = (float)(1.0 / sum);
        for (var j = 0; j < row.Length; j++) row[j] *= inv;
    }

    private void BackwardPair(int pair, float[] q, float[] k, float[] v, float[] dO, float[] probs, float[]? keep,
        float[] dq, float[] dk, float[] dv, float[] scratch)
    {
        int n = pair / Heads, h = pair % Heads, l = QueryLength, s = KeyLength, d = HeadDim;
        var p = probs.AsSpan(pair * PairSize, PairSize);
        var ds = scratch.AsSpan(0, PairSize);
        var dOBlock = dO.AsSpan(O.Base(n, h));
        if (keep is null)
            ProductTN(s, d, l, 1f, p, dOBlock, O.RowStride, dv.AsSpan(V.Base(n, h)), V.RowStride);
        else
        {
            // dV needs the dropped probabilities; build them in ds first, it is overwritten right after.
            var kp = keep.AsSpan(pair * PairSize, PairSize);
            for (var i = 0; i < PairSize; i++) ds[i] = p[i] * kp[i];
            ProductTN(s, d, l, 1f, ds, dOBlock, O.RowStride, dv.AsSpan(V.Base(n, h)), V.RowStride);
        }
        // dP = dO V^T (then through dropout), dS = P * (dP - rowsum(P * dP)).
        ProductNT(l, s, d, 1f, dOBlock, O.RowStride, v.AsSpan(V.Base(n, h)), V.RowStride, ds, scratch.AsSpan(PairSize));
        if (keep is not null)
        {
            var kp = keep.AsSpan(pair * PairSize, PairSize);
            for (var i = 0; i < PairSize; i++) ds[i] *= kp[i];
        }
        for (var r = 0; r < l; r++)
        {
            var pr = p.Slice(r * s, s);
            var dr = ds.Slice(r * s, s);
            double dot = 0;
            for (var j = 0; j < s; j++) dot += pr[j] * dr[j];
            var df = (float)dot;
            for (var j = 0; j < s; j++) dr[j] = pr[j] * (dr[j] - df);
        }
        ProductNN(l, d, s, Scale, ds, k.AsSpan(K.Base(n, h)), K.RowStride, 1f, dq.AsSpan(Q.Base(n, h)), Q.RowStride);
        ProductTN(s, d, l, Scale, ds, q.AsSpan(Q.Base(n, h)), Q.RowStride, dk.AsSpan(K.Base(n, h)), K.RowStride);
    }

    /// <summary>C [m, n] = alpha A B^T for A [m, k] and B [n, k] (row strides lda, ldb); C is dense.</summary>
    private void ProductNT(int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        Span<float> c, Span<float> pack)
    {
        if (!Direct)
        {
            Gemm.Sgemm(false, true, m, n, k, alpha, a, lda, b, ldb, 0f, c, n, 1);
            return;
        }
        SmallProducts.PackTransposed(b, ldb, n, k, pack);
        SmallProducts.ProductNTPacked(a, lda, m, k, pack, n, alpha, c);
    }

    /// <summary>C [m, n] = beta C + alpha P B for dense P [m, k] and B [k, n] (row stride ldb), C row stride ldc; beta 0 or 1.</summary>
    private void ProductNN(int m, int n, int k, float alpha, ReadOnlySpan<float> p, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        if (!Direct)
        {
            Gemm.Sgemm(false, false, m, n, k, alpha, p, k, b, ldb, beta, c, ldc, 1);
            return;
        }
        for (var i = 0; i < m; i++)
            SmallProducts.WeightedRowSum(p.Slice(i * k, k), 1, k, b, ldb, n, alpha, beta != 0f, c.Slice(i * ldc));
    }

    /// <summary>C [m, n] += alpha P^T B for dense P [k, m] and B [k, n] (row stride ldb), C row stride ldc.</summary>
    private void ProductTN(int m, int n, int k, float alpha, ReadOnlySpan<float> p, ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc)
    {
        if (!Direct)
        {
            Gemm.Sgemm(true, false, m, n, k, alpha, p, m, b, ldb, 1f, c, ldc, 1);
            return;
        }
        // Row j of C gathers column j of P: weights at stride m.
        for (var j = 0; j < m; j++) SmallProducts.WeightedRowSum(p.Slice(j), m, k, b, ldb, n, alpha, true, c.Slice(j * ldc));
    }
}
