using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Attention;

/// <summary>
/// Fused scaled dot-product attention over every (batch, head) pair: scores = scale * Q K^T + mask, a row softmax,
/// optional dropout of the probabilities, O = P V; and the matching backward. Each pair owns disjoint rows and
/// columns of every output, so pairs run in parallel with no reduction and the bits do not depend on threads.
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

    private void Run(int threads, Action<int, float[]> body)
    {
        var pairs = Batch * Heads;
        var workers = Math.Max(1, Math.Min(threads, pairs));
        if (workers == 1)
        {
            var scratch = new float[PairSize];
            for (var p = 0; p < pairs; p++) body(p, scratch);
            return;
        }
        // Static contiguous chunks: which pairs a worker takes never changes the arithmetic of any pair.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var scratch = new float[PairSize];
            int lo = (int)((long)pairs * w / workers), hi = (int)((long)pairs * (w + 1) / workers);
            for (var p = lo; p < hi; p++) body(p, scratch);
        });
    }

    private void ForwardPair(int pair, float[] q, float[] k, float[] v, float[] o, float[] probs, float[]? keep, float[] scratch)
    {
        int n = pair / Heads, h = pair % Heads, l = QueryLength, s = KeyLength, d = HeadDim;
        var p = probs.AsSpan(pair * PairSize, PairSize);
        Gemm.Sgemm(false, true, l, s, d, Scale, q.AsSpan(Q.Base(n, h)), Q.RowStride, k.AsSpan(K.Base(n, h)), K.RowStride,
            0f, p, s, 1);
        AddMasks(p, pair, n);
        for (var r = 0; r < l; r++) SoftmaxRow(p.Slice(r * s, s));
        ReadOnlySpan<float> weights = p;
        if (keep is not null)
        {
            var kp = keep.AsSpan(pair * PairSize, PairSize);
            for (var i = 0; i < PairSize; i++) scratch[i] = p[i] * kp[i];
            weights = scratch.AsSpan(0, PairSize);
        }
        Gemm.Sgemm(false, false, l, d, s, 1f, weights, s, v.AsSpan(V.Base(n, h)), V.RowStride,
            0f, o.AsSpan(O.Base(n, h)), O.RowStride, 1);
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
            Gemm.Sgemm(true, false, s, d, l, 1f, p, s, dOBlock, O.RowStride, 1f, dv.AsSpan(V.Base(n, h)), V.RowStride, 1);
        else
        {
            // dV needs the dropped probabilities; build them in ds first, it is overwritten right after.
            var kp = keep.AsSpan(pair * PairSize, PairSize);
            for (var i = 0; i < PairSize; i++) ds[i] = p[i] * kp[i];
            Gemm.Sgemm(true, false, s, d, l, 1f, ds, s, dOBlock, O.RowStride, 1f, dv.AsSpan(V.Base(n, h)), V.RowStride, 1);
        }
        // dP = dO V^T (then through dropout), dS = P * (dP - rowsum(P * dP)).
        Gemm.Sgemm(false, true, l, s, d, 1f, dOBlock, O.RowStride, v.AsSpan(V.Base(n, h)), V.RowStride, 0f, ds, s, 1);
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
        Gemm.Sgemm(false, false, l, d, s, Scale, ds, s, k.AsSpan(K.Base(n, h)), K.RowStride, 1f, dq.AsSpan(Q.Base(n, h)), Q.RowStride, 1);
        Gemm.Sgemm(true, false, s, d, l, Scale, ds, s, q.AsSpan(Q.Base(n, h)), Q.RowStride, 1f, dk.AsSpan(K.Base(n, h)), K.RowStride, 1);
    }
}
