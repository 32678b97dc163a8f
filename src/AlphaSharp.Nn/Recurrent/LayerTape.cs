namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// What one layer-direction's forward pass keeps for its backward pass, allocated once per call (never per step):
/// the gates (T x B x gates*H; overwritten in backward by the pre-activation gradients), every hidden state and,
/// for an LSTM, every cell state ((T + 1) x B x H each, see <see cref="StepShape"/>), and for a GRU the h-side
/// n term W_hn h + b_hn (T x B x H). The arrays are rented, so they can be longer than these sizes.
/// </summary>
internal sealed class LayerTape
{
    public LayerTape(CellKind kind, StepShape shape, RentedBuffers buffers, CellActivation activation = CellActivation.Tanh)
    {
        Kind = kind;
        Activation = activation;
        Shape = shape;
        var rows = shape.T * shape.B;
        var states = (shape.T + 1) * shape.B * shape.H;
        Gates = buffers.Rent(rows * kind.Gates() * shape.H);
        Hs = buffers.Rent(states);
        Cs = kind == CellKind.Lstm ? buffers.Rent(states) : [];
        Aux = kind == CellKind.Gru ? buffers.Rent(rows * shape.H) : [];
    }

    public CellKind Kind { get; }

    /// <summary>An LSTM's candidate and cell-output function (tanh for every other kind).</summary>
    public CellActivation Activation { get; }
    public StepShape Shape { get; }
    public float[] Gates { get; }
    public float[] Hs { get; }
    public float[] Cs { get; }
    public float[] Aux { get; }

    /// <summary>h_t of time t (B x H) starts here in <see cref="Hs"/> (and c_t in <see cref="Cs"/>).</summary>
    public int OutputOffset(int t) => Shape.NextBlock(t) * Shape.B * Shape.H;

    public int FinalOffset => Shape.FinalBlock * Shape.B * Shape.H;
    public int InitialOffset => Shape.InitialBlock * Shape.B * Shape.H;
}
