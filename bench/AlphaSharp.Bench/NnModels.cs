using AlphaSharp.Models.Nets;
using AlphaSharp.Nn.Recurrent;
using AlphaSharp.Nn;

namespace AlphaSharp.Bench;

/// <summary>
/// The benchmark models, the same layers, sizes, batch_first and dropout as bench/reference/torch_nn.py builds
/// in PyTorch, so samples per second compare like for like. Where AlphaSharp.Models has the network (qlib-lstm,
/// lstm-gru, seed001) the bench builds that one (<see cref="ModelsNet"/>); the others are built from AlphaSharp.Nn
/// modules here.
/// </summary>
internal abstract class BenchModel : Module
{
    public abstract int SeqLen { get; }
    public abstract int Features { get; }
    public virtual bool Classification => false;
    public abstract Tensor Forward(Tensor x);

    /// <summary>
    /// Multiply-add FLOPs of one sample's forward pass in its matrix products (2 per multiply-add; elementwise work,
    /// which both engines also do, is left out). A training step does about three times this: the forward
    /// products, then the input-gradient and the weight-gradient products of the same sizes.
    /// </summary>
    public abstract double ForwardFlops { get; }

    public static BenchModel Create(string name, Rng rng) => name switch
    {
        "qlib-lstm" => ModelsNet.QlibLstm(rng),
        "seed000" => new Seed000(rng),
        "lstm-gru" => ModelsNet.LstmGru(rng),
        "seed001" => ModelsNet.Seed001(rng),
        "alphanet-v4" => new AlphaNetV4(rng),
        "alphanet-v4-full" => ModelsNet.AlphaNetV4Full(rng),
        _ => throw new ArgumentException($"nn bench: unknown configuration '{name}'"),
    };

    public static readonly (string Name, int[] Batches)[] Configurations =
    [
        ("qlib-lstm", [800]), ("seed000", [256, 1024]), ("lstm-gru", [256, 1024]),
        ("seed001", [20, 256]), ("alphanet-v4", [256, 1024]), ("alphanet-v4-full", [256, 1024]),
    ];
}

/// <summary>
/// A benchmark configuration that is one of AlphaSharp.Models' networks, built by NetCatalog from its NetConfig, so the
/// bench times the very network a workflow trains (one definition). Its initial weights come from a seed drawn from
/// the bench's generator.
/// </summary>
internal sealed class ModelsNet : BenchModel
{
    private readonly Net _net;

    public ModelsNet(NetConfig config, double forwardFlops, Rng rng)
    {
        _net = RegisterModule("net", NetCatalog.Create(config, rng.NextULong()));
        ForwardFlops = forwardFlops;
    }

    public override double ForwardFlops { get; }
    public override int SeqLen => _net.Config.Window;
    public override int Features => _net.Config.Features;
    public override bool Classification => _net.Config.Classifier;
    public override Tensor Forward(Tensor x) => _net.Forward(x);

    /// <summary>Qlib's benchmark LSTM: Models' lstm, LSTM(6, 64, 2 layers) -> last step -> Linear(64, 1).</summary>
    public static ModelsNet QlibLstm(Rng rng) =>
        new(new NetConfig { Kind = "lstm", Features = 6, Window = 60, Hidden = 64, Layers = 2 },
            Flops.Lstm(6, 64, 60) + Flops.Lstm(64, 64, 60) + Flops.Linear(64, 1), rng);

    /// <summary>Paper 000's LSTM-GRU: Models' lstm_gru, LSTM(10, 128) -> GRU(128, 64) -> last -> Linear(64, 1).</summary>
    public static ModelsNet LstmGru(Rng rng) =>
        new(new NetConfig { Kind = "lstm_gru", Features = 10, Window = 20, Hidden = 128, Layers = 1 },
            Flops.Lstm(10, 128, 20) + Flops.Gru(128, 64, 20) + Flops.Linear(64, 1), rng);

    /// <summary>
    /// Paper 003's AlphaNetV4 whole, as a workflow trains it: Models' alphanet_v4 on 11 inputs x 39 days, its four
    /// images (d = 10, 2, 5, 20, 20 steps each) of 154 operator channels of which the first 103 kept (the paper's
    /// count after Spearman dropout; the bench fixes them, the network's cost is the same for any 103), Bi-LSTM(103),
    /// three Transformer branches of width 206, attention, LeakyReLU.
    /// </summary>
    public static ModelsNet AlphaNetV4Full(Rng rng) =>
        new(new NetConfig
            {
                Kind = "alphanet_v4", Features = 11, Window = 39, Dropout = 0.2f,
                AlphaNet = new AlphaSharp.Models.Nets.AlphaNet.AlphaNetSettings { Kept = [.. Enumerable.Range(0, 103)] },
            },
            2 * Flops.Lstm(103, 103, 20) + 3 * (20 * Flops.Linear(103, 206) + 2 * Flops.EncoderLayer(206, 412, 20))
            + 20 * Flops.Linear(206, 1) + Flops.Linear(206, 1), rng);

    /// <summary>Paper 001's classifier: Models' lstm with two outputs, LSTM(53, 150, 3 layers, dropout 0.2) -> last -> Linear(150, 2), cross-entropy.</summary>
    public static ModelsNet Seed001(Rng rng) =>
        new(new NetConfig { Kind = "lstm", Features = 53, Window = 120, Hidden = 150, Layers = 3, Dropout = 0.2f, Outputs = 2 },
            Flops.Lstm(53, 150, 120) + 2 * Flops.Lstm(150, 150, 120) + Flops.Linear(150, 2), rng);
}

/// <summary>Paper 000's LSTM baseline: LSTM(10, 256) -> last -> Dropout 0.2 -> Linear(256, 32) + ReLU -> Linear(32, 1).</summary>
internal sealed class Seed000 : BenchModel
{
    private readonly LSTM _lstm;
    private readonly Sequential _head;
    public Seed000(Rng rng)
    {
        _lstm = RegisterModule("rnn", new LSTM(10, 256, rng, batchFirst: true));
        _head = RegisterModule("head", new Sequential(new Dropout(0.2f, rng.Split()), new Linear(256, 32, rng), new ReLU(), new Linear(32, 1, rng)));
    }
    public override double ForwardFlops => Flops.Lstm(10, 256, 20) + Flops.Linear(256, 32) + Flops.Linear(32, 1);
    public override int SeqLen => 20;
    public override int Features => 10;
    public override Tensor Forward(Tensor x) => _head.Forward(Sequence.LastTimeStep(_lstm.Forward(x).Output, true));
}

/// <summary>
/// Paper 003's AlphaNetV4 body: BatchNorm over features -> Bi-LSTM(103, 103) (206 wide), plus two branches of
/// Linear(103, 206) -> 2-layer TransformerEncoder(206, 2 heads, ff 412, dropout 0.1) added to it -> BatchNorm(206)
/// -> attention pooling over time -> Linear(206, 1) -> LeakyReLU.
/// </summary>
internal sealed class AlphaNetV4 : BenchModel
{
    private readonly BatchNorm1d _bnIn;
    private readonly LSTM _bilstm;
    private readonly Linear[] _proj;
    private readonly TransformerEncoder[] _enc;
    private readonly BatchNorm1d _bnMid;
    private readonly AttentionPooling _pool;
    private readonly Linear _out;
    private readonly LeakyReLU _act = new();

    public AlphaNetV4(Rng rng)
    {
        const int f = 103, d = 206;
        _bnIn = RegisterModule("bn_in", new BatchNorm1d(f));
        _bilstm = RegisterModule("bilstm", new LSTM(f, f, rng, batchFirst: true, bidirectional: true));
        _proj = new Linear[2];
        _enc = new TransformerEncoder[2];
        for (var b = 0; b < 2; b++)
        {
            _proj[b] = RegisterModule($"proj{b}", new Linear(f, d, rng));
            var layer = new TransformerEncoderLayer(d, 2, rng, dimFeedforward: 412, dropout: 0.1f, batchFirst: true);
            _enc[b] = RegisterModule($"enc{b}", new TransformerEncoder(layer, 2, rng));
        }
        _bnMid = RegisterModule("bn_mid", new BatchNorm1d(d));
        _pool = RegisterModule("pool", new AttentionPooling(d, rng));
        _out = RegisterModule("out", new Linear(d, 1, rng));
    }

    public override double ForwardFlops => 2 * Flops.Lstm(103, 103, 20) + 2 * (20 * Flops.Linear(103, 206) + 2 * Flops.EncoderLayer(206, 412, 20))
        + 20 * Flops.Linear(206, 1) + Flops.Linear(206, 1);
    public override int SeqLen => 20;
    public override int Features => 103;

    public override Tensor Forward(Tensor x)
    {
        var xn = _bnIn.ForwardChannelsLast(x);
        var y = _bilstm.Forward(xn).Output;
        for (var b = 0; b < _proj.Length; b++) y = y.Add(_enc[b].Forward(_proj[b].Forward(xn)));
        y = _bnMid.ForwardChannelsLast(y);
        return _act.Forward(_out.Forward(_pool.Forward(y)));
    }
}

/// <summary>Forward multiply-add FLOPs per sample of the layers the bench models use (see <see cref="BenchModel.ForwardFlops"/>).</summary>
internal static class Flops
{
    /// <summary>One direction of one LSTM layer: T steps of x W_ih^T + h W_hh^T with 4H gate columns.</summary>
    public static double Lstm(int input, int hidden, int steps) => 2.0 * steps * 4 * hidden * (input + hidden);

    /// <summary>One GRU layer: T steps with 3H gate columns.</summary>
    public static double Gru(int input, int hidden, int steps) => 2.0 * steps * 3 * hidden * (input + hidden);

    public static double Linear(int input, int output) => 2.0 * input * output;

    /// <summary>A Transformer encoder layer over T tokens: QKV, output projection, QK^T and AV, and the two feed-forward products.</summary>
    public static double EncoderLayer(int d, int ff, int tokens) =>
        tokens * (Linear(d, 3 * d) + Linear(d, d) + 2.0 * 2 * tokens * d + Linear(d, ff) + Linear(ff, d));
}
