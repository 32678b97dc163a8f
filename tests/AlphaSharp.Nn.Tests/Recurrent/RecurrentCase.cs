namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>A module configuration for tests that build their own modules and inputs from a seed.</summary>
public sealed record RecurrentCase(string Kind, int Input, int Hidden, int Layers, bool Bidirectional,
    bool BatchFirst, bool Bias, bool WithState, int T, int B, float Dropout = 0f,
    CellActivation Activation = CellActivation.Tanh)
{
    public RecurrentBase Build(Rng rng) => Kind switch
    {
        "lstm" => new LSTM(Input, Hidden, rng, Layers, Bias, BatchFirst, Dropout, Bidirectional, Activation),
        "gru" => new GRU(Input, Hidden, rng, Layers, Bias, BatchFirst, Dropout, Bidirectional),
        "rnn_tanh" => new RNN(Input, Hidden, rng, Layers, "tanh", Bias, BatchFirst, Dropout, Bidirectional),
        "rnn_relu" => new RNN(Input, Hidden, rng, Layers, "relu", Bias, BatchFirst, Dropout, Bidirectional),
        _ => throw new ArgumentException($"unknown kind {Kind}"),
    };

    public int[] InputShape => BatchFirst ? [B, T, Input] : [T, B, Input];
    public int[] StateShape => [Layers * (Bidirectional ? 2 : 1), B, Hidden];

    public override string ToString()
        => $"{Kind} in{Input} h{Hidden} L{Layers}{(Bidirectional ? " bi" : "")}{(BatchFirst ? " bf" : "")}{(Bias ? "" : " nobias")}{(WithState ? " h0" : "")} T{T} B{B}{(Dropout > 0 ? $" p{Dropout}" : "")}{(Activation != CellActivation.Tanh ? $" {Activation}" : "")}";
}
