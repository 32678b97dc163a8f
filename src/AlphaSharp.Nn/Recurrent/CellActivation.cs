namespace AlphaSharp.Nn;

/// <summary>
/// The function an LSTM applies to its candidate and to its cell state on the way out (Keras's
/// <c>LSTM(units, activation=...)</c>): g = act(W_ig x + b_ig + W_hg h + b_hg) and h' = o act(c'). The gates i, f, o
/// keep the sigmoid. PyTorch's nn.LSTM knows only <see cref="Tanh"/>.
/// </summary>
public enum CellActivation
{
    /// <summary>tanh, PyTorch's and Keras's default.</summary>
    Tanh,
    /// <summary>max(x, 0); its derivative is 1 where x &gt; 0 and 0 elsewhere (0 at 0, as PyTorch's relu backward).</summary>
    Relu,
    /// <summary>The identity (Keras's <c>activation=None</c> or <c>'linear'</c>).</summary>
    Linear,
}
