using AlphaSharp.Nn.Attention;

namespace AlphaSharp.Nn;

/// <summary>
/// PyTorch's nn.TransformerEncoderLayer: self-attention then a feed-forward block (linear1 -> activation ->
/// dropout -> linear2), each with a residual connection and a LayerNorm, after the residual (norm_first false,
/// the default) or before the block (norm_first true). State keys self_attn.*, linear1.*, linear2.*, norm1.*,
/// norm2.*; the dropout modules hold no state and draw from <see cref="DropoutRng"/> in training mode.
/// </summary>
public sealed class TransformerEncoderLayer : Module
{
    public TransformerEncoderLayer(int dModel, int nhead, Rng rng, int dimFeedforward = 2048, float dropout = 0.1f,
        Activation activation = Activation.Relu, double layerNormEps = 1e-5, bool batchFirst = false, bool normFirst = false)
    {
        if (dimFeedforward <= 0) throw new ArgumentException($"TransformerEncoderLayer: dim_feedforward must be positive, got {dimFeedforward}");
        if (!(dropout >= 0f && dropout < 1f)) throw new ArgumentException($"TransformerEncoderLayer: dropout must lie in [0, 1), got {dropout}");
        DModel = dModel;
        NHead = nhead;
        DimFeedforward = dimFeedforward;
        Dropout = dropout;
        ActivationKind = activation;
        LayerNormEps = layerNormEps;
        BatchFirst = batchFirst;
        NormFirst = normFirst;
        SelfAttn = RegisterModule("self_attn", new MultiheadAttention(dModel, nhead, rng, dropout, bias: true, batchFirst));
        Linear1 = RegisterModule("linear1", new Linear(dModel, dimFeedforward, rng));
        Linear2 = RegisterModule("linear2", new Linear(dimFeedforward, dModel, rng));
        Norm1 = RegisterModule("norm1", new LayerNorm(dModel, layerNormEps));
        Norm2 = RegisterModule("norm2", new LayerNorm(dModel, layerNormEps));
        DropoutRng = rng.Split();
    }

    public enum Activation { Relu, Gelu }

    public int DModel { get; }
    public int NHead { get; }
    public int DimFeedforward { get; }
    public float Dropout { get; }
    public Activation ActivationKind { get; }
    public double LayerNormEps { get; }
    public bool BatchFirst { get; }
    public bool NormFirst { get; }
    public MultiheadAttention SelfAttn { get; }
    public Linear Linear1 { get; }
    public Linear Linear2 { get; }
    public LayerNorm Norm1 { get; }
    public LayerNorm Norm2 { get; }

    /// <summary>Draws the masks of the three dropouts (after attention, inside and after the feed-forward block).</summary>
    public Rng DropoutRng { get; set; }

    /// <summary>
    /// src (S, N, E), or (N, S, E) with batch_first, or unbatched (S, E). Masks are additive float tensors
    /// (<see cref="AttentionMasks"/>): src_mask (S, S) or (N*H, S, S), src_key_padding_mask (N, S).
    /// </summary>
    public Tensor Forward(Tensor src, Tensor? srcMask = null, Tensor? srcKeyPaddingMask = null)
    {
        var x = src;
        if (NormFirst)
        {
            x = Residual(x, SelfAttentionBlock(Norm1.Forward(x), srcMask, srcKeyPaddingMask));
            return Residual(x, FeedForwardBlock(Norm2.Forward(x)));
        }
        x = Norm1.Forward(Residual(x, SelfAttentionBlock(x, srcMask, srcKeyPaddingMask)));
        return Norm2.Forward(Residual(x, FeedForwardBlock(x)));
    }

    /// <summary>x + dropout(block): PyTorch's dropout1 / dropout2 fused with the residual add.</summary>
    private Tensor Residual(Tensor x, Tensor block) => ResidualDropout.Apply(x, block, Dropout, DropoutRng, Training);

    private Tensor SelfAttentionBlock(Tensor x, Tensor? mask, Tensor? keyPaddingMask)
        => SelfAttn.SelfAttention(x, keyPaddingMask, mask);

    /// <summary>linear2(dropout(activation(linear1(x)))) as one fused tape entry.</summary>
    private Tensor FeedForwardBlock(Tensor x)
        => FeedForward.Apply(x, Linear1, Linear2, ActivationKind == Activation.Gelu, Dropout, DropoutRng, Training);

    /// <summary>A layer with the same configuration and a copy of this one's state (PyTorch's deepcopy).</summary>
    public TransformerEncoderLayer Clone(Rng rng)
    {
        var copy = new TransformerEncoderLayer(DModel, NHead, rng, DimFeedforward, Dropout, ActivationKind, LayerNormEps, BatchFirst, NormFirst);
        copy.LoadStateDict(StateDict());
        copy.Train(Training);
        return copy;
    }
}
