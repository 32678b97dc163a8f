using AlphaSharp.Nn.Attention;

namespace AlphaSharp.Nn;

/// <summary>
/// PyTorch's nn.MultiheadAttention (kdim = vdim = embed_dim): packed in_proj_weight [3E, E] (xavier-uniform),
/// in_proj_bias [3E] (zeros), out_proj.weight [E, E], out_proj.bias [E] (zeros). Input is (L, N, E), or
/// (N, L, E) with batch_first, or unbatched (L, E). Masks are additive float tensors (see
/// <see cref="AttentionMasks"/>): attn_mask (L, S) or (N*H, L, S), key_padding_mask (N, S) or (S) unbatched.
/// Dropout on the attention probabilities draws from <see cref="DropoutRng"/> in training mode.
/// </summary>
public sealed class MultiheadAttention : Module
{
    public MultiheadAttention(int embedDim, int numHeads, Rng rng, float dropout = 0f, bool bias = true, bool batchFirst = false)
    {
        if (embedDim <= 0 || numHeads <= 0 || embedDim % numHeads != 0)
            throw new ArgumentException($"MultiheadAttention: embed_dim {embedDim} must be a positive multiple of num_heads {numHeads}");
        if (!(dropout >= 0f && dropout < 1f))
            throw new ArgumentException($"MultiheadAttention: dropout must lie in [0, 1), got {dropout}");
        EmbedDim = embedDim;
        NumHeads = numHeads;
        Dropout = dropout;
        BatchFirst = batchFirst;
        var bound = (float)Math.Sqrt(6.0 / (embedDim + 3 * embedDim));
        InProjWeight = RegisterParameter("in_proj_weight", Tensor.Uniform(rng, -bound, bound, 3 * embedDim, embedDim));
        if (bias) InProjBias = RegisterParameter("in_proj_bias", Tensor.Zeros(3 * embedDim));
        OutProj = RegisterModule("out_proj", new Linear(embedDim, embedDim, rng, bias));
        if (OutProj.Bias is not null) Array.Clear(OutProj.Bias.Data);
        DropoutRng = rng.Split();
    }

    public int EmbedDim { get; }
    public int NumHeads { get; }
    public float Dropout { get; }
    public bool BatchFirst { get; }
    public Tensor InProjWeight { get; }
    public Tensor? InProjBias { get; }
    public Linear OutProj { get; }

    /// <summary>Draws the dropout masks of the attention probabilities (training mode, dropout &gt; 0).</summary>
    public Rng? DropoutRng { get; set; }

    /// <summary>
    /// Returns the attention output shaped like <paramref name="query"/> and, with <paramref name="needWeights"/>,
    /// the attention probabilities (after dropout, as PyTorch returns them), averaged over heads to (N, L, S) or per
    /// head (N, H, L, S); unbatched input drops the N. The weights are values only (not on the tape).
    /// </summary>
    public (Tensor Output, Tensor? Weights) Forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null,
        bool needWeights = true, Tensor? attnMask = null, bool averageAttnWeights = true)
    {
        var (n, l, s) = CheckShapes(query, key, value);
        var (mask, perHead) = CheckAttnMask(attnMask, n, l, s);
        var keyMask = CheckKeyPaddingMask(keyPaddingMask, query.Rank == 3, n, s);
        var p = Training ? Dropout : 0f;
        var options = new AttentionCore.Options(NumHeads, BatchFirst, mask, perHead, keyMask, p, DropoutRng, needWeights);
        var heads = AttentionCore.Apply(query, key, value, InProjWeight, InProjBias, options, out var probs);
        var output = OutProj.Forward(heads);
        return (output, needWeights ? Weights(probs, n, l, s, query.Rank == 3, averageAttnWeights) : null);
    }

    /// <summary>Self-attention: query, key and value are <paramref name="x"/> (one packed projection).</summary>
    public Tensor SelfAttention(Tensor x, Tensor? keyPaddingMask = null, Tensor? attnMask = null)
        => Forward(x, x, x, keyPaddingMask, needWeights: false, attnMask).Output;

    private (int N, int L, int S) CheckShapes(Tensor query, Tensor key, Tensor value)
    {
        string Shapes() => $"query {query.ShapeString}, key {key.ShapeString}, value {value.ShapeString}";
        if (query.Rank is not (2 or 3) || key.Rank != query.Rank || value.Rank != query.Rank)
            throw new ArgumentException($"MultiheadAttention: expected 3-D (batched) or 2-D (unbatched) query, key and value, got {Shapes()}");
        if (query.Shape[^1] != EmbedDim || key.Shape[^1] != EmbedDim || value.Shape[^1] != EmbedDim)
            throw new ArgumentException($"MultiheadAttention: the last dimension must be embed_dim {EmbedDim}: {Shapes()}");
        if (!key.SameShape(value))
            throw new ArgumentException($"MultiheadAttention: key and value shapes differ: {Shapes()}");
        if (query.Rank == 2) return (1, query.Shape[0], key.Shape[0]);
        int bi = BatchFirst ? 0 : 1, ti = BatchFirst ? 1 : 0;
        if (key.Shape[bi] != query.Shape[bi])
            throw new ArgumentException($"MultiheadAttention: query and key batch sizes differ ({(BatchFirst ? "batch_first" : "sequence first")}): {Shapes()}");
        return (query.Shape[bi], query.Shape[ti], key.Shape[ti]);
    }

    private (float[]? Mask, bool PerHead) CheckAttnMask(Tensor? mask, int n, int l, int s)
    {
        if (mask is null) return (null, false);
        if (mask.Rank == 2 && mask.Shape[0] == l && mask.Shape[1] == s) return (mask.Data, false);
        if (mask.Rank == 3 && mask.Shape[0] == n * NumHeads && mask.Shape[1] == l && mask.Shape[2] == s) return (mask.Data, true);
        throw new ArgumentException($"MultiheadAttention: attn_mask must be ({l}, {s}) or ({n * NumHeads}, {l}, {s}), got {mask.ShapeString}");
    }

    private static float[]? CheckKeyPaddingMask(Tensor? mask, bool batched, int n, int s)
    {
        if (mask is null) return null;
        var ok = batched ? mask.Rank == 2 && mask.Shape[0] == n && mask.Shape[1] == s : mask.Rank == 1 && mask.Shape[0] == s;
        if (!ok)
            throw new ArgumentException($"MultiheadAttention: key_padding_mask must be {(batched ? $"({n}, {s})" : $"({s})")}, got {mask.ShapeString}");
        return mask.Data;
    }

    private Tensor Weights(float[] probs, int n, int l, int s, bool batched, bool average)
    {
        if (!average)
        {
            var copy = (float[])probs.Clone(); // backward still reads probs
            return batched ? new Tensor(copy, n, NumHeads, l, s) : new Tensor(copy, NumHeads, l, s);
        }
        var w = batched ? Tensor.Zeros(n, l, s) : Tensor.Zeros(l, s);
        var block = l * s;
        for (var b = 0; b < n; b++)
            for (var i = 0; i < block; i++)
            {
                double sum = 0;
                for (var h = 0; h < NumHeads; h++) sum += probs[(b * NumHeads + h) * block + i];
                w.Data[b * block + i] = (float)(sum / NumHeads);
            }
        return w;
    }
}
