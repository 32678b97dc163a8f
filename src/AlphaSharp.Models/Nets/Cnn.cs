using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// A 1-D CNN over time: <c>num_layers</c> blocks of Conv1d (features, then <c>hidden_size</c> channels; kernel
/// <c>kernel_size</c>, zero padding kernel_size/2) -> ReLU -> MaxPool1d(2) -> Dropout, then the flattened [channels x
/// days] map -> Linear to the outputs. The flatten keeps where in the window a pattern was, which a global pool would
/// lose. The PyTorch module it mirrors: convs = nn.ModuleList of nn.Conv1d(c_in, H, k, padding=k // 2); forward
/// x.transpose(1, 2), then per block dropout(max_pool1d(relu(conv(x)), 2)), then fc_out(x.flatten(1)). State keys
/// convs.{i}.weight/bias, fc_out.*.
/// </summary>
public sealed class Cnn : Net
{
    private readonly Conv1d[] _convs;
    private readonly MaxPool1d _pool = new(2);
    private readonly Dropout _dropout;
    private readonly Linear _out;

    public Cnn(NetConfig config, ulong seed) : base(config, seed)
    {
        var convs = RegisterModule("convs", new Sequential());
        _convs = new Conv1d[config.Layers];
        var length = config.Window;
        var channels = config.Features;
        var padding = config.KernelSize / 2;
        for (var i = 0; i < config.Layers; i++)
        {
            length = length + 2 * padding - config.KernelSize + 1;
            length /= 2;
            if (length < 1)
                throw new SettingException($"{new SettingName("num_layers")}: {config.Layers} convolution blocks (each halving the days) leave nothing of a {config.Window}-day window; use fewer layers or a longer window");
            _convs[i] = new Conv1d(channels, config.Hidden, config.KernelSize, InitStream, padding: padding);
            convs.Append(_convs[i]);
            channels = config.Hidden;
        }
        _dropout = RegisterModule("dropout", new Dropout(config.Dropout, DropoutStream));
        _out = RegisterModule("fc_out", new Linear(channels * length, config.Outputs, InitStream));
    }

    public override SampleShape Shape => SampleShape.Sequence;

    public override Tensor Forward(Tensor x)
    {
        var y = x.Transpose(1, 2); // [B, T, F] -> [B, F, T]
        foreach (var conv in _convs) y = _dropout.Forward(_pool.Forward(conv.Forward(y).Relu()));
        return _out.Forward(y.Flatten(1));
    }
}
