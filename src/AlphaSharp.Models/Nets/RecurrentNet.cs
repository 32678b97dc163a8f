using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// Qlib's recurrent benchmark models (LSTM, GRU) and a plain RNN: a stack of <c>num_layers</c> recurrent layers of
/// <c>hidden_size</c> units (dropout between layers) over the window, the last step's hidden state, then Linear to the
/// outputs. State keys <c>rnn.*</c> and <c>fc_out.*</c>, as Qlib's LSTMModel / GRUModel name them.
/// </summary>
public sealed class RecurrentNet : Net
{
    private readonly RecurrentBase _rnn;
    private readonly Linear _out;

    public RecurrentNet(NetConfig config, ulong seed) : base(config, seed)
    {
        _rnn = config.Kind switch
        {
            "lstm" => new LSTM(config.Features, config.Hidden, InitStream, config.Layers, batchFirst: true, dropout: config.Dropout),
            "gru" => new GRU(config.Features, config.Hidden, InitStream, config.Layers, batchFirst: true, dropout: config.Dropout),
            "rnn" => new RNN(config.Features, config.Hidden, InitStream, config.Layers, batchFirst: true, dropout: config.Dropout),
            _ => throw new SettingException($"{new SettingName("model")}: '{config.Kind}' is not a recurrent kind (lstm, gru, rnn)"),
        };
        _rnn.DropoutRng = DropoutStream;
        RegisterModule("rnn", _rnn);
        _out = RegisterModule("fc_out", new Linear(config.Hidden, config.Outputs, InitStream));
    }

    public override SampleShape Shape => SampleShape.Sequence;

    public override Tensor Forward(Tensor x)
    {
        var output = _rnn switch
        {
            LSTM lstm => lstm.Forward(x).Output,
            GRU gru => gru.Forward(x).Output,
            RNN rnn => rnn.Forward(x).Output,
            _ => throw new InvalidOperationException("unreachable"),
        };
        return _out.Forward(Sequence.LastTimeStep(output, batchFirst: true));
    }
}
