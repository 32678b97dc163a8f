using System.Globalization;
using AlphaSharp.Nn.IO;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>
/// One fx_recurrent.py fixture: the configuration from its metadata, a module built from it with PyTorch's
/// weights loaded, and the reference tensors.
/// </summary>
internal sealed class RecurrentFixture
{
    private RecurrentFixture(Dictionary<string, Tensor> tensors, Dictionary<string, string> meta)
    {
        Tensors = tensors;
        Kind = meta["kind"];
        InputSize = Int(meta, "input_size");
        HiddenSize = Int(meta, "hidden_size");
        NumLayers = Int(meta, "num_layers");
        Bias = Int(meta, "bias") == 1;
        BatchFirst = Int(meta, "batch_first") == 1;
        Dropout = float.Parse(meta["dropout"], CultureInfo.InvariantCulture);
        Bidirectional = Int(meta, "bidirectional") == 1;
        HasH0 = Int(meta, "has_h0") == 1;
        // fx_lstm_activation.py's LSTMs name their candidate and cell-output function; fx_recurrent.py's are tanh.
        Activation = meta.TryGetValue("activation", out var act) ? act switch
        {
            "relu" => CellActivation.Relu,
            "linear" => CellActivation.Linear,
            "tanh" => CellActivation.Tanh,
            _ => throw new InvalidOperationException($"fixture activation '{act}' is not a cell activation"),
        } : CellActivation.Tanh;
    }

    public Dictionary<string, Tensor> Tensors { get; }
    public string Kind { get; }
    public int InputSize { get; }
    public int HiddenSize { get; }
    public int NumLayers { get; }
    public bool Bias { get; }
    public bool BatchFirst { get; }
    public float Dropout { get; }
    public bool Bidirectional { get; }
    public bool HasH0 { get; }
    public CellActivation Activation { get; }

    public static RecurrentFixture Load(string name)
    {
        var path = Path.Combine(Fixtures.Directory, name + ".safetensors");
        var tensors = SafeTensors.Load(path, out var meta);
        return new RecurrentFixture(tensors, meta);
    }

    private static int Int(Dictionary<string, string> meta, string key) => int.Parse(meta[key], CultureInfo.InvariantCulture);

    public Tensor this[string key] => Tensors.Get(key);

    /// <summary>The module the fixture describes, with PyTorch's parameters copied in; eval mode when it has dropout.</summary>
    public RecurrentBase BuildModule()
    {
        var rng = new Rng(7);
        RecurrentBase m = Kind switch
        {
            "lstm" => new LSTM(InputSize, HiddenSize, rng, NumLayers, Bias, BatchFirst, Dropout, Bidirectional, Activation),
            "gru" => new GRU(InputSize, HiddenSize, rng, NumLayers, Bias, BatchFirst, Dropout, Bidirectional),
            "rnn_tanh" => new RNN(InputSize, HiddenSize, rng, NumLayers, "tanh", Bias, BatchFirst, Dropout, Bidirectional),
            "rnn_relu" => new RNN(InputSize, HiddenSize, rng, NumLayers, "relu", Bias, BatchFirst, Dropout, Bidirectional),
            _ => throw new InvalidOperationException($"fixture kind '{Kind}' is not a recurrent module"),
        };
        var state = Tensors.Where(kv => kv.Key.StartsWith("param.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["param.".Length..], kv => kv.Value);
        m.LoadStateDict(state);
        if (Dropout > 0) m.Eval();
        return m;
    }

    /// <summary>Runs the module: output, h_n and (LSTM) c_n.</summary>
    public static (Tensor Y, Tensor Hn, Tensor? Cn) Run(RecurrentBase m, Tensor x, Tensor? h0, Tensor? c0) => m switch
    {
        LSTM lstm => Unpack(lstm.Forward(x, h0 is null ? null : (h0, c0!))),
        GRU gru => Append(gru.Forward(x, h0)),
        RNN rnn => Append(rnn.Forward(x, h0)),
        _ => throw new InvalidOperationException("not a recurrent module"),
    };

    private static (Tensor, Tensor, Tensor?) Unpack((Tensor Output, (Tensor H, Tensor C) State) r) => (r.Output, r.State.H, r.State.C);
    private static (Tensor, Tensor, Tensor?) Append((Tensor Output, Tensor HN) r) => (r.Output, r.HN, null);
}
