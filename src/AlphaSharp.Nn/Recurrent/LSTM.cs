using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn;

/// <summary>
/// PyTorch's nn.LSTM: gates i, f, g, o (in that order in the weights), c' = f c + i g, h' = o tanh(c').
/// Forward returns (output, (h_n, c_n)) with PyTorch's shapes; see <see cref="RNN"/> for the input layouts.
/// <c>activation</c> replaces tanh in g = tanh(W_ig x + b_ig + W_hg h + b_hg) and h' = o tanh(c') in every
/// layer and direction, as Keras's <c>LSTM(units, activation='relu')</c> does (the gates keep the sigmoid); the
/// parameters and their names do not change, so a checkpoint does not record it.
/// </summary>
public sealed class LSTM : RecurrentBase
{
    public LSTM(int inputSize, int hiddenSize, Rng rng, int numLayers = 1, bool bias = true, bool batchFirst = false,
        float dropout = 0f, bool bidirectional = false, CellActivation activation = CellActivation.Tanh)
        : base(new RecurrentSpec("LSTM", CellKind.Lstm, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout,
            bidirectional, activation), rng)
    {
    }

    /// <summary>The candidate's and the cell output's function (tanh unless asked otherwise).</summary>
    public CellActivation Activation => Spec.Activation;

    /// <summary>Runs the sequence from (h0, c0), zeros when <paramref name="state"/> is null.</summary>
    public (Tensor Output, (Tensor H, Tensor C) State) Forward(Tensor x, (Tensor H, Tensor C)? state = null)
    {
        var (y, hn, cn) = RunStack(x, state?.H, state?.C);
        return (y, (hn, cn!));
    }
}
