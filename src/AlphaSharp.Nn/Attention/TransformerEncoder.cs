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
        var x = src;
        foreach (var layer in _layers) x = layer.Forward(x, mask, srcKeyPaddingMask);
        return Norm is null ? x : Norm.Forward(x);
    }

    /// <summary>The "layers" container: children named 0, 1, ... like PyTorch's ModuleList.</summary>
    private sealed class LayerList : Module
    {
        private int _count;
        public TransformerEncoderLayer Add(TransformerEncoderLayer layer) => RegisterModule((_count++).ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
    }
}
