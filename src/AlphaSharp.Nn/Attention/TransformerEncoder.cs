namespace AlphaSharp.Nn;

/// <summary>
/// PyTorch's nn.TransformerEncoder: <c>num_layers</c> copies of one layer (deep copies, so every layer starts from
/// the same weights, as in PyTorch), applied in turn, then an optional final norm. State keys layers.0.*,
/// layers.1.*, ..., norm.*. <c>rng</c> gives each copy its own dropout generators (PyTorch's copies
/// share the global one); the prototype itself is not part of the encoder.
/// </summary>
public sealed class TransformerEncoder : Module
{
    private readonly TransformerEncoderLayer[] _layers;

    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers, Rng rng, LayerNorm? norm = null)
    {
        if (numLayers <= 0) throw new ArgumentException($"TransformerEncoder: num_layers must be positive, got {numLayers}");
        var list = RegisterModule("layers", new LayerList());
        _layers = new TransformerEncoderLayer[numLayers];
        for (var i = 0; i < numLayers; i++) _layers[i] = list.Add(encoderLayer.Clone(rng.Split()));
        if (norm is not null) Norm = RegisterModule("norm", norm);
    }

    public IReadOnlyList<TransformerEncoderLayer> Layers => _layers;
    public LayerNorm? Norm { get; }

    /// <summary>Same input and masks as <see cref="TransformerEncoderLayer.Forward"/>, through every layer.</summary>
    public Tensor Forward(Tensor src, Tensor? mask = null, Tensor? srcKeyPaddingMask = null)
    {
        if (ChunkSamples(src, mask, srcKeyPaddingMask) is var per && per > 0) return ForwardInChunks(src, mask, srcKeyPaddingMask, per);
        return ForwardAll(src, mask, srcKeyPaddingMask);
    }

    private Tensor ForwardAll(Tensor src, Tensor? mask, Tensor? srcKeyPaddingMask)
    {
        var x = src;
        foreach (var layer in _layers) x = layer.Forward(x, mask, srcKeyPaddingMask);
        return Norm is null ? x : Norm.Forward(x);
    }

    /// <summary>
    /// Tokens per chunk of an inference pass. Every layer streams its whole input through memory between GEMMs, so a
    /// large batch (20,480 tokens of 206 floats is 17 MB a tensor) runs from DRAM; a chunk of about this many tokens
    /// keeps a layer's tensors in cache through all layers. Internal so tests can compare chunked with whole; a test's
    /// setting holds for calls on its own thread only, so it cannot change the chunking under a test running beside it.
    /// </summary>
    internal static int InferenceChunkTokens
    {
        get => _chunkTokensHere > 0 ? _chunkTokensHere : DefaultChunkTokens;
        set => _chunkTokensHere = value;
    }

    private const int DefaultChunkTokens = 2048;
    [ThreadStatic] private static int _chunkTokensHere;

    /// <summary>
    /// Samples per chunk when this call can run chunk by chunk, else 0: evaluation mode with nothing to record (no
    /// tape, and dropout off so no generator is drawn from in a different order), batch-first input of more samples
    /// than one chunk, no per-head attention mask (and a key padding mask of the right shape: a wrong one is reported
    /// by the layer on the whole call). Samples never attend to each other and every kernel computes
    /// a row the same way whatever else is in the call, so the result is the same bits as the whole batch at once.
    /// </summary>
    private int ChunkSamples(Tensor src, Tensor? mask, Tensor? keyPadding)
    {
        if (Training || src.Rank != 3 || !_layers[0].BatchFirst || (mask is not null && mask.Rank != 2)) return 0;
        if (keyPadding is not null && (keyPadding.Rank != 2 || keyPadding.Shape[0] != src.Shape[0] || keyPadding.Shape[1] != src.Shape[1])) return 0;
        if (Autograd.IsEnabled && (src.RequiresGrad || Parameters().Any(p => p.RequiresGrad))) return 0;
        var per = Math.Max(1, InferenceChunkTokens / Math.Max(1, src.Shape[1]));
        return src.Shape[0] > per ? per : 0;
    }

    private Tensor ForwardInChunks(Tensor src, Tensor? mask, Tensor? keyPadding, int per)
    {
        int n = src.Shape[0], s = src.Shape[1], e = src.Shape[2], rowFloats = s * e;
        var output = new Tensor(TensorArena.OutputToOverwrite(src.Numel), src.Shape);
        // Each chunk's intermediates are dead once its result is copied out: hand them back to the arena for the
        // next chunk (a private one when the caller has no step open).
        var arena = TensorArena.Current;
        var privateStep = arena is null ? (arena = new TensorArena()).Step() : null;
        try
        {
            using var _ = Autograd.NoGrad();
            for (var n0 = 0; n0 < n; n0 += per)
            {
                var nc = Math.Min(per, n - n0);
                var mark = arena.Mark();
                var xs = new Tensor(TensorArena.OutputToOverwrite(nc * rowFloats), nc, s, e);
                src.Data.AsSpan(n0 * rowFloats, nc * rowFloats).CopyTo(xs.Data);
                Tensor? kp = null;
                if (keyPadding is not null)
                {
                    kp = new Tensor(TensorArena.Output(nc * s), nc, s);
                    keyPadding.Data.AsSpan(n0 * s, nc * s).CopyTo(kp.Data);
                }
                var ys = ForwardAll(xs, mask, kp);
                ys.Data.AsSpan(0, nc * rowFloats).CopyTo(output.Data.AsSpan(n0 * rowFloats));
                arena.ReleaseTo(mark);
            }
            return output;
        }
        finally { privateStep?.Dispose(); }
    }

    /// <summary>The "layers" container: children named 0, 1, ... like PyTorch's ModuleList.</summary>
    private sealed class LayerList : Module
    {
        private int _count;
        public TransformerEncoderLayer Add(TransformerEncoderLayer layer) => RegisterModule((_count++).ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
    }
}
