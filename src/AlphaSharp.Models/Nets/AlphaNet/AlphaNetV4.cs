using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>
/// AlphaNetV4 as paper 003 builds it (section 3 and Table 3-4). Images at d = 10 (primary) and 2, 5, 20 (auxiliary:
/// the text's "4 x 20 x 103 tensor" of four images; Table 3-4 lists 5, 10, 20 and section 4 names 22 once, so
/// <see cref="AlphaNetSettings.Windows"/> takes any list), each the six
/// extraction operators at stride 1 over 20 steps ending on the decision day, so 20 + 20 - 1 = 39 days of input; every
/// image batch-normed and reduced to the channels Spearman dropout kept on the first training batch of the primary
/// image (K of them). The primary image feeds a Bi-LSTM(K, K) (2K wide) with dropout 0.2 on its output; each auxiliary
/// image a Linear(K, 2K) and two stacked Transformer encoder layers (2 heads, feed-forward 4K, dropout 0.1; the paper
/// gives neither), added to the Bi-LSTM's output and batch-normed ("residual optimisation"); attention scored on the
/// Bi-LSTM's states weighs the 20 steps; one truncated-normal output through LeakyReLU.
/// </summary>
public sealed class AlphaNetV4 : Net, IPrefitNet, IChannelSignificance
{
    public const int PublishedSteps = 20;
    public const int Heads = 2;
    public const int EncoderLayers = 2;

    private readonly ExtractionBranch[] _images;
    private readonly LSTM _bilstm;
    private readonly Dropout _dropout;
    private readonly Linear[] _projections;
    private readonly TransformerEncoder[] _encoders;
    private readonly BatchNorm1d _residualNorm;
    private readonly Linear _score;
    private readonly Linear _out;
    private readonly LeakyReLU _act = new();

    public AlphaNetV4(NetConfig config, ulong seed) : base(config, seed)
    {
        var s = config.AlphaNet;
        var (windows, stride, steps) = Layout(s);
        if (stride.Length != 1) throw new SettingException($"{new SettingName("strides")}: AlphaNetV4 slides every image with one stride, got {stride.Length}");
        if (!s.Transformer && windows.Length > 1)
            throw new SettingException($"{new SettingName("transformer")}: off, V4 reads its primary image only; give one window");
        var layers = windows.Select(w => new OperatorLayer(ImageOperators.Extraction, config.Features, w, stride[0], steps)).ToArray();
        var days = DaysNeeded(s);
        if (config.Window < days)
            throw new SettingException($"{new SettingName("window")}: {steps} steps at stride {stride[0]} with windows up to {windows.Max()} need {days} days, got {config.Window}");
        _images = layers.Select((l, i) => RegisterModule($"image{i}", new ExtractionBranch(l, s.Kept))).ToArray();
        var k = _images[0].Channels;
        _bilstm = RegisterModule("bilstm", new LSTM(k, k, InitStream, batchFirst: true, bidirectional: true));
        _dropout = RegisterModule("dropout", new Dropout(config.Dropout, DropoutStream));
        _projections = new Linear[_images.Length - 1];
        _encoders = new TransformerEncoder[_images.Length - 1];
        for (var i = 0; i < _projections.Length; i++)
        {
            _projections[i] = RegisterModule($"proj{i}", new Linear(k, 2 * k, InitStream));
            var layer = new TransformerEncoderLayer(2 * k, Heads, InitStream, dimFeedforward: 4 * k, dropout: 0.1f, batchFirst: true);
            _encoders[i] = RegisterModule($"encoder{i}", new TransformerEncoder(layer, EncoderLayers, InitStream));
            foreach (var l in _encoders[i].Layers)
            {
                l.DropoutRng = DropoutStream;
                l.SelfAttn.DropoutRng = DropoutStream;
            }
        }
        _residualNorm = RegisterModule("residual_bn", new BatchNorm1d(2 * k));
        _score = RegisterModule("attention", new Linear(2 * k, 1, InitStream));
        _out = RegisterModule("out", AlphaNetHead.Output(2 * k, config.Outputs, InitStream));
    }

    public override SampleShape Shape => SampleShape.Sequence;

    /// <summary>The windows, stride and steps of <paramref name="s"/>, the published ones where it gives none.</summary>
    private static (int[] Windows, int[] Strides, int Steps) Layout(AlphaNetSettings s) =>
        (AlphaNetHead.Or(s.Windows, 10, 2, 5, 20), AlphaNetHead.Or(s.Strides, 1), s.Steps > 0 ? s.Steps : PublishedSteps);

    /// <summary>Days of input the images need: (steps - 1) x stride + the largest window (39 as published).</summary>
    public static int DaysNeeded(AlphaNetSettings s)
    {
        var (windows, strides, steps) = Layout(s);
        return (steps - 1) * strides[0] + windows.Max();
    }

    /// <summary>The extraction channels of the primary image that enter the network (all of them before the prefit).</summary>
    public int Channels => _images[0].Channels;

    public bool NeedsPrefit => Config.AlphaNet.Kept is null && Config.AlphaNet.Spearman < 1;

    public NetConfig Prefit(Tensor firstBatch)
    {
        var primary = _images[0].Layer;
        Tensor extracted;
        using (Autograd.NoGrad()) extracted = primary.Forward(firstBatch);
        var selection = SpearmanDropout.Select(extracted.Data, primary.Channels, Config.AlphaNet.Spearman);
        return Config with { AlphaNet = Config.AlphaNet with { Kept = [.. selection.Kept] } };
    }

    /// <summary>
    /// Each kept channel of the primary image: the mean absolute input weight the Bi-LSTM gives it (all four gates, both
    /// directions) times the absolute scale its batch norm learned, so the weight on the channel's standardised value.
    /// The auxiliary images enter only through the Transformer branches and the residual sum, and are not scored.
    /// </summary>
    public IReadOnlyList<ChannelSignificance> Significance(IReadOnlyList<string> inputNames)
    {
        var primary = _images[0];
        var parts = primary.Layer.ChannelParts(inputNames);
        var kept = Config.AlphaNet.Kept ?? Enumerable.Range(0, parts.Count).ToArray();
        var weights = _bilstm.NamedParameters().Where(p => p.Name.StartsWith("weight_ih", StringComparison.Ordinal)).Select(p => p.Value).ToArray();
        var gamma = primary.Norm.Weight!.Data;
        var k = primary.Channels;
        var result = new ChannelSignificance[k];
        for (var j = 0; j < k; j++)
        {
            double sum = 0;
            var rows = 0;
            foreach (var w in weights)
                for (var r = 0; r < w.Shape[0]; r++, rows++) sum += Math.Abs(w.Data[r * k + j]);
            var (op, inputs) = parts[kept[j]];
            result[j] = new ChannelSignificance(op, inputs, primary.Layer.Window, Math.Abs(gamma[j]) * sum / rows);
        }
        return result;
    }

    public override Tensor Forward(Tensor x)
    {
        var primary = _images[0].Forward(x);
        var h = _bilstm.Forward(primary).Output;                // [B, steps, 2K]
        var y = _dropout.Forward(h);
        for (var i = 0; i < _encoders.Length; i++)
            y = y.Add(_encoders[i].Forward(_projections[i].Forward(_images[i + 1].Forward(x))));
        if (_encoders.Length > 0) y = _residualNorm.ForwardChannelsLast(y);
        var read = Config.AlphaNet.Attention
            ? y.Mul(_score.Forward(h).Softmax(1)).Sum(1)        // weights from the Bi-LSTM's states, over the steps
            : Nn.Recurrent.Sequence.LastTimeStep(y, batchFirst: true);
        return _act.Forward(_out.Forward(read));
    }
}
