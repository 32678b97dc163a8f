using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// Qlib's ALSTM (qlib/contrib/model/pytorch_alstm.py, ALSTMModel): an input projection <c>net</c> (fc_in: Linear
/// features -> hidden, act: Tanh), a recurrent stack <c>rnn</c> (GRU by default, LSTM with <c>rnn_type</c>; hidden ->
/// hidden, <c>num_layers</c>, dropout between layers, batch first), temporal attention <c>att_net</c> (att_fc_in:
/// Linear hidden -> hidden/2, att_dropout, att_act: Tanh, att_fc_out: Linear hidden/2 -> 1 without bias, softmax over
/// time) and <c>fc_out</c>: Linear 2 * hidden -> outputs on concat(last step's output, attention-weighted sum of the
/// outputs). State keys net.fc_in.*, rnn.*, att_net.att_fc_in.*, att_net.att_fc_out.weight, fc_out.*, as the PyTorch
/// module names them. Qlib reads a flat [N, F*T] row; this reads the sampler's [B, T, F], which is what Qlib's
/// view/permute makes of it.
/// </summary>
public sealed class AttentionLstm : Net
{
    private readonly Linear _fcIn;
    private readonly RecurrentBase _rnn;
    private readonly Linear _attIn;
    private readonly Dropout _attDropout;
    private readonly Linear _attOut;
    private readonly Linear _out;

    public AttentionLstm(NetConfig config, ulong seed) : base(config, seed)
    {
        if (config.Hidden < 2) throw new SettingException($"{new SettingName("hidden_size")}: an attention LSTM needs a width of 2 or more (its attention is hidden/2 wide), got {config.Hidden}");
        var h = config.Hidden;
        var input = RegisterModule("net", new Block());
        _fcIn = input.Add("fc_in", new Linear(config.Features, h, InitStream));
        input.Add("act", new Tanh());
        _rnn = config.RnnType.Equals("LSTM", StringComparison.OrdinalIgnoreCase)
            ? new LSTM(h, h, InitStream, config.Layers, batchFirst: true, dropout: config.Dropout)
            : new GRU(h, h, InitStream, config.Layers, batchFirst: true, dropout: config.Dropout);
        _rnn.DropoutRng = DropoutStream;
        RegisterModule("rnn", _rnn);
        // PyTorch's constructor order: rnn, fc_out, then att_net; the initial draws follow it.
        _out = RegisterModule("fc_out", new Linear(2 * h, config.Outputs, InitStream));
        var att = RegisterModule("att_net", new Block());
        _attIn = att.Add("att_fc_in", new Linear(h, h / 2, InitStream));
        _attDropout = att.Add("att_dropout", new Dropout(config.Dropout, DropoutStream));
        _attOut = att.Add("att_fc_out", new Linear(h / 2, 1, InitStream, bias: false));
    }

    public override SampleShape Shape => SampleShape.Sequence;

    public override Tensor Forward(Tensor x)
    {
        var projected = _fcIn.Forward(x).Tanh();
        var output = _rnn switch
        {
            LSTM lstm => lstm.Forward(projected).Output,
            GRU gru => gru.Forward(projected).Output,
            _ => throw new InvalidOperationException("unreachable"),
        };
        var score = _attOut.Forward(_attDropout.Forward(_attIn.Forward(output)).Tanh()).Softmax(1); // [B, T, 1]
        var attended = output.Mul(score).Sum(1);                                                   // [B, H]
        return _out.Forward(Ops.Concat([Sequence.LastTimeStep(output, batchFirst: true), attended], 1));
    }

    /// <summary>A named container (PyTorch's nn.Sequential with add_module), so the keys carry Qlib's names.</summary>
    private sealed class Block : Module
    {
        public T Add<T>(string name, T module) where T : Module => RegisterModule(name, module);
    }
}
