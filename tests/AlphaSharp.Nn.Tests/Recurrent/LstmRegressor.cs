using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>The qlib-style model, child names as in fx_recurrent.py: lstm -> last time step -> fc, one score per row.</summary>
internal sealed class LstmRegressor : Module
{
    public LstmRegressor(int input, int hidden, int layers, Rng rng)
    {
        Lstm = RegisterModule("lstm", new LSTM(input, hidden, rng, numLayers: layers, batchFirst: true));
        Fc = RegisterModule("fc", new Linear(hidden, 1, rng));
    }

    public LSTM Lstm { get; }
    public Linear Fc { get; }

    /// <summary>x (B, T, input) to (B).</summary>
    public Tensor Forward(Tensor x)
    {
        var (y, _) = Lstm.Forward(x);
        return Fc.Forward(Sequence.LastTimeStep(y, batchFirst: true)).Squeeze(-1);
    }
}
