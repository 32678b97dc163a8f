using AlphaSharp.Nn;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>
/// V2's and V3's branch: extraction and batch norm, a recurrent layer over the steps, the last step's state and a
/// batch norm on it (Keras' LSTM/GRU(units=30) returns the last state; BatchNormalization follows it).
/// </summary>
internal sealed class RecurrentBranch : Module
{
    private readonly ExtractionBranch _extract;
    private readonly RecurrentBase _rnn;
    private readonly BatchNorm1d _norm;

    public RecurrentBranch(OperatorLayer layer, bool gru, int hidden, Rng init, Rng dropout)
    {
        _extract = RegisterModule("extract", new ExtractionBranch(layer));
        _rnn = gru
            ? new GRU(layer.Channels, hidden, init, batchFirst: true)
            : new LSTM(layer.Channels, hidden, init, batchFirst: true);
        _rnn.DropoutRng = dropout;
        RegisterModule("rnn", _rnn);
        _norm = RegisterModule("bn", new BatchNorm1d(hidden));
    }

    /// <summary>[batch, days, inputs] -> [batch, hidden].</summary>
    public Tensor Forward(Tensor x)
    {
        var steps = _extract.Forward(x);
        var output = _rnn is GRU g ? g.Forward(steps).Output : ((LSTM)_rnn).Forward(steps).Output;
        return _norm.Forward(Sequence.LastTimeStep(output, batchFirst: true));
    }
}
