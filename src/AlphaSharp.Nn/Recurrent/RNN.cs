using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn;

/// <summary>
/// PyTorch's nn.RNN: an Elman network with tanh or relu, h_t = act(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh).
/// Input (T, B, input_size), or (B, T, input_size) with batch_first, or (T, input_size) unbatched.
/// Forward returns (output, h_n): output (.., D * hidden_size) and h_n (num_layers * D, B, hidden_size).
/// </summary>
public sealed class RNN : RecurrentBase
{
    public RNN(int inputSize, int hiddenSize, Rng rng, int numLayers = 1, string nonlinearity = "tanh",
        bool bias = true, bool batchFirst = false, float dropout = 0f, bool bidirectional = false)
        : base(new RecurrentSpec("RNN", KindOf(nonlinearity), inputSize, hiddenSize, numLayers, bias, batchFirst,
            dropout, bidirectional), rng)
    {
        Nonlinearity = nonlinearity;
    }

    public string Nonlinearity { get; }

    private static CellKind KindOf(string nonlinearity) => nonlinearity switch
    {
        "tanh" => CellKind.RnnTanh,
        "relu" => CellKind.RnnRelu,
        _ => throw new ArgumentException($"RNN: unknown nonlinearity '{nonlinearity}'; use \"tanh\" or \"relu\""),
    };

    /// <summary>Runs the sequence from <paramref name="h0"/> (zeros when null).</summary>
    public (Tensor Output, Tensor HN) Forward(Tensor x, Tensor? h0 = null)
    {
        var (y, hn, _) = RunStack(x, h0, null);
        return (y, hn);
    }
}
