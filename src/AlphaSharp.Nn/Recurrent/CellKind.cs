namespace AlphaSharp.Nn.Recurrent;

/// <summary>The recurrent cell a layer runs, with PyTorch's equations and gate orders.</summary>
public enum CellKind
{
    /// <summary>h' = tanh(W_ih x + b_ih + W_hh h + b_hh).</summary>
    RnnTanh,
    /// <summary>h' = relu(W_ih x + b_ih + W_hh h + b_hh).</summary>
    RnnRelu,
    /// <summary>Gates i, f, g, o (in that order in the weights); c' = f c + i g, h' = o tanh(c'); tanh in g and h' is the spec's <see cref="CellActivation"/>.</summary>
    Lstm,
    /// <summary>Gates r, z, n; n = tanh(W_in x + b_in + r (W_hn h + b_hn)), h' = (1 - z) n + z h.</summary>
    Gru,
}

public static class CellKinds
{
    /// <summary>How many hidden-sized blocks the stacked weights hold: 4 for LSTM, 3 for GRU, 1 for a plain RNN.</summary>
    public static int Gates(this CellKind kind) => kind switch
    {
        CellKind.Lstm => 4,
        CellKind.Gru => 3,
        _ => 1,
    };
}
