using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>
/// AlphaNet V1 (Huatai's AlphaNet report, 2020; the layout below as its public PyTorch reimplementations build it):
/// the seven extraction operators (ts_corr, ts_cov, ts_stddev, ts_zscore, ts_return, ts_decaylinear, ts_mean) over a
/// 30-day image with window 10 and stride 10 (3 steps), batch norm; a pooling layer (ts_mean, ts_max, ts_min, window
/// 3, stride 3) over those steps, batch norm; both flattened side by side; Linear to <c>hidden_size</c> (30),
/// dropout (0.5), ReLU; a truncated-normal output layer. <see cref="AlphaNetSettings.Windows"/> and
/// <see cref="AlphaNetSettings.Strides"/> change the extraction's window and stride.
/// </summary>
public sealed class AlphaNetV1 : Net
{
    public const int PoolWindow = 3;

    private readonly ExtractionBranch _extract;
    private readonly ExtractionBranch _pool;
    private readonly Linear _hidden;
    private readonly Dropout _dropout;
    private readonly Linear _out;

    public AlphaNetV1(NetConfig config, ulong seed) : base(config, seed)
    {
        var window = AlphaNetHead.Or(config.AlphaNet.Windows, 10)[0];
        var stride = AlphaNetHead.Or(config.AlphaNet.Strides, 10)[0];
        var ops = ImageOperators.Extraction.Append(ImageOperator.Mean).ToArray();
        var layer = new OperatorLayer(ops, config.Features, window, stride);
        var steps = config.Window >= window ? layer.Positions(config.Window) : 0;
        if (steps < PoolWindow)
            throw new SettingException($"{new SettingName("window")}: AlphaNet V1 pools {PoolWindow} steps of its extraction, but {config.Window} days at window {window} and stride {stride} give {steps}");
        _extract = RegisterModule("extract", new ExtractionBranch(layer));
        _pool = RegisterModule("pool", new ExtractionBranch(new OperatorLayer(ImageOperators.Pooling, layer.Channels, PoolWindow, PoolWindow)));
        var flat = steps * layer.Channels + _pool.Layer.Positions(steps) * _pool.Channels;
        _hidden = RegisterModule("hidden", new Linear(flat, config.Hidden, InitStream));
        _dropout = RegisterModule("dropout", new Dropout(config.Dropout, DropoutStream));
        _out = RegisterModule("out", AlphaNetHead.Output(config.Hidden, config.Outputs, InitStream));
    }

    public override SampleShape Shape => SampleShape.Sequence;

    public override Tensor Forward(Tensor x)
    {
        var extracted = _extract.Forward(x);       // [B, steps, C]
        var pooled = _pool.Forward(extracted);     // [B, steps / 3, 3C]
        var batch = x.Shape[0];
        var flat = Ops.Concat([extracted.Reshape(batch, -1), pooled.Reshape(batch, -1)], 1);
        return _out.Forward(_dropout.Forward(_hidden.Forward(flat)).Relu());
    }
}
