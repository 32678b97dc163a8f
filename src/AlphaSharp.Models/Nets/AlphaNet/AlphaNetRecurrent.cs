using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>
/// AlphaNet V2 and V3, the layout of Congyu Wang's public reimplementation of Huatai's reports (AlphaNetV3 on
/// GitHub): the six extraction operators (ts_corr, ts_cov, ts_stddev, ts_zscore, ts_return, ts_decaylinear) on a
/// 30-day image, batch norm, a recurrent layer of <c>hidden_size</c> (30) units, its last state batch-normed, and a
/// truncated-normal linear output. V2: one LSTM branch at stride 5. V3: two GRU branches at strides 10 and 5,
/// concatenated. The window is 10 days in every branch, Huatai's d (paper 003 counts V2's steps as 5: 30 days at
/// d 10 and stride 5; the reimplementation's window equals its stride). Keras' L2 of 0.001 on the output kernel is
/// left to the trainer's weight decay.
/// </summary>
public sealed class AlphaNetRecurrent : Net
{
    private readonly RecurrentBranch[] _branches;
    private readonly Linear _out;

    public AlphaNetRecurrent(NetConfig config, ulong seed) : base(config, seed)
    {
        var v3 = config.Kind == "alphanet_v3";
        var strides = AlphaNetHead.Or(config.AlphaNet.Strides, v3 ? [10, 5] : [5]);
        var windows = AlphaNetHead.Or(config.AlphaNet.Windows, 10);
        if (windows.Length != 1 && windows.Length != strides.Length)
            throw new SettingException($"{new SettingName("windows")}: {windows.Length} windows for {strides.Length} branches; give one for all or one per stride");
        _branches = new RecurrentBranch[strides.Length];
        for (var b = 0; b < strides.Length; b++)
        {
            var window = windows.Length == 1 ? windows[0] : windows[b];
            if (config.Window < window)
                throw new SettingException($"{new SettingName("window")}: {config.Window} days are fewer than the extraction window of {window}");
            var layer = new OperatorLayer(ImageOperators.Extraction, config.Features, window, strides[b]);
            _branches[b] = RegisterModule($"branch{b}", new RecurrentBranch(layer, gru: v3, config.Hidden, InitStream, DropoutStream));
        }
        _out = RegisterModule("out", AlphaNetHead.Output(strides.Length * config.Hidden, config.Outputs, InitStream));
    }

    public override SampleShape Shape => SampleShape.Sequence;

    public override Tensor Forward(Tensor x) =>
        _out.Forward(_branches.Length == 1 ? _branches[0].Forward(x) : Ops.Concat(_branches.Select(b => b.Forward(x)).ToArray(), 1));
}
