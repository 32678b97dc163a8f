using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// Qlib's Transformer (qlib/contrib/model/pytorch_transformer.py, class Transformer): feature_layer (Linear features
/// -> d_model = <c>hidden_size</c>), pos_encoder (the sinusoidal table pe [1000, 1, d_model] of "Attention Is All You
/// Need", added), transformer_encoder (<c>num_layers</c> copies of nn.TransformerEncoderLayer(d_model, <c>nhead</c>,
/// <c>dim_feedforward</c>, <c>dropout</c>, ReLU, post-norm)), then the last step -> decoder_layer (Linear d_model ->
/// outputs). State keys feature_layer.*, pos_encoder.pe, encoder_layer.* (the prototype layer Qlib keeps as an
/// attribute: in its state_dict, never run, so it gets no gradient and Adam leaves it alone, as in PyTorch),
/// transformer_encoder.layers.{i}.*, decoder_layer.*. Qlib runs sequence-first; this runs batch-first, the same numbers.
/// </summary>
public sealed class TransformerNet : Net
{
    /// <summary>Rows of Qlib's positional table (PositionalEncoding's max_len).</summary>
    public const int MaxLength = 1000;

    private readonly Linear _features;
    private readonly Tensor _pe;
    private readonly TransformerEncoder _encoder;
    private readonly Linear _decoder;

    public TransformerNet(NetConfig config, ulong seed) : base(config, seed)
    {
        var d = config.Hidden;
        if (d % 2 != 0) throw new SettingException($"{new SettingName("hidden_size")}: the transformer's d_model must be even (sine and cosine columns pair up), got {d}");
        if (d % config.Heads != 0) throw new SettingException($"{new SettingName("nhead")}: d_model (hidden_size) {d} does not split into {config.Heads} heads");
        if (config.Window > MaxLength) throw new SettingException($"{new SettingName("window")}: {config.Window} days exceed the transformer's positional table of {MaxLength}");
        _features = RegisterModule("feature_layer", new Linear(config.Features, d, InitStream));
        var position = RegisterModule("pos_encoder", new Positions(d));
        _pe = position.Pe;
        var layer = new TransformerEncoderLayer(d, config.Heads, InitStream, config.FeedForward, config.Dropout, batchFirst: true);
        RegisterModule("encoder_layer", layer);
        _encoder = RegisterModule("transformer_encoder", new TransformerEncoder(layer, config.Layers, InitStream));
        foreach (var l in _encoder.Layers.Append(layer))
        {
            l.DropoutRng = DropoutStream;
            l.SelfAttn.DropoutRng = DropoutStream;
        }
        _decoder = RegisterModule("decoder_layer", new Linear(d, config.Outputs, InitStream));
    }

    public override SampleShape Shape => SampleShape.Sequence;

    public override Tensor Forward(Tensor x)
    {
        var t = x.Shape[1];
        var d = Config.Hidden;
        var src = _features.Forward(x).Add(_pe.Narrow(0, 0, t).Reshape(1, t, d));
        return _decoder.Forward(Sequence.LastTimeStep(_encoder.Forward(src), batchFirst: true));
    }

    /// <summary>
    /// Qlib's PositionalEncoding: pe[p, 0, 2j] = sin(p * w_j), pe[p, 0, 2j+1] = cos(p * w_j), w_j = exp(2j * -ln(10000) /
    /// d), in float32 as PyTorch computes it. A buffer, so it is saved (Qlib's state_dict holds it).
    /// </summary>
    private sealed class Positions : Module
    {
        public Positions(int d)
        {
            var pe = new float[MaxLength * d];
            var scale = (float)(-Math.Log(10000.0) / d);
            for (var j = 0; j < d / 2; j++)
            {
                var w = MathF.Exp(2 * j * scale);
                for (var p = 0; p < MaxLength; p++)
                {
                    var angle = p * w;
                    pe[p * d + 2 * j] = MathF.Sin(angle);
                    pe[p * d + 2 * j + 1] = MathF.Cos(angle);
                }
            }
            Pe = RegisterBuffer("pe", new Tensor(pe, MaxLength, 1, d));
        }

        public Tensor Pe { get; }
    }
}
