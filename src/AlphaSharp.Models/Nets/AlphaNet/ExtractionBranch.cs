using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>
/// An operator layer followed by its batch norm (every AlphaNet), optionally reading only the channels Spearman
/// dropout kept. Selecting before the norm equals selecting after it: the norm works channel by channel.
/// </summary>
public sealed class ExtractionBranch : Module
{
    private readonly int[]? _kept;

    public ExtractionBranch(OperatorLayer layer, IReadOnlyList<int>? kept = null)
    {
        Layer = layer;
        if (kept is not null)
        {
            if (kept.Count == 0) throw new ArgumentException("extraction branch: no channel kept");
            if (kept.Any(c => c < 0 || c >= layer.Channels)) throw new ArgumentException($"extraction branch: a kept channel lies outside the layer's {layer.Channels}");
            _kept = [.. kept];
        }
        Norm = RegisterModule("bn", new BatchNorm1d(Channels));
    }

    public OperatorLayer Layer { get; }
    public BatchNorm1d Norm { get; }
    public int Channels => _kept?.Length ?? Layer.Channels;

    /// <summary>[batch, days, inputs] -> [batch, steps, channels], normalised.</summary>
    public Tensor Forward(Tensor x)
    {
        var y = Layer.Forward(x);
        if (_kept is not null) y = y.IndexSelect(2, _kept);
        return Norm.ForwardChannelsLast(y);
    }
}
