using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn;

/// <summary>
/// PyTorch's nn.GRU: gates r, z, n (in that order in the weights), n = tanh(W_in x + b_in + r (W_hn h + b_hn)),
/// h' = (1 - z) n + z h. Shapes as <see cref="RNN"/>.
/// </summary>
public sealed class GRU : RecurrentBase
{
    public GRU(int inputSize, int hiddenSize, Rng rng, int numLayers = 1, bool bias = true, bool batchFirst = false,
        float dropout = 0f, bool bidirectional = false)
        : base(new RecurrentSpec("GRU", CellKind.Gru, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout,
            bidirectional), rng)
    {
    }

    /// <summary>Runs the sequence from <paramref name="h0"/> (zeros when null).</summary>
    public (Tensor Output, Tensor HN) Forward(Tensor x, Tensor? h0 = null)
    {
        var (y, hn, _) = RunStack(x, h0, null);
        return (y, hn);
    }
}
