using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// A multi-layer perceptron on one day's features (or a flattened window): Linear -> BatchNorm -> LeakyReLU -> Dropout
/// per hidden layer, then Linear to the outputs, as Qlib's DNNModelPytorch builds its Net.
/// Widths from <c>hidden_sizes</c> (default one hidden layer of 256).
/// </summary>
public sealed class Mlp : Net
{
    private readonly Sequential _body;

    public Mlp(NetConfig config, ulong seed) : base(config, seed)
    {
        var widths = config.HiddenSizes.Length > 0 ? config.HiddenSizes : [256];
        var layers = new List<Module>();
        var input = config.Features * config.Window;
        foreach (var w in widths)
        {
            layers.Add(new Linear(input, w, InitStream));
            layers.Add(new BatchNorm1d(w));
            layers.Add(new LeakyReLU(0.01f));
            if (config.Dropout > 0) layers.Add(new Dropout(config.Dropout, DropoutStream));
            input = w;
        }
        layers.Add(new Linear(input, config.Outputs, InitStream));
        _body = RegisterModule("net", new Sequential(layers.ToArray()));
    }

    public override SampleShape Shape => Config.Window == 1 ? SampleShape.Rows : SampleShape.Sequence;

    public override Tensor Forward(Tensor x) => _body.Forward(x.Reshape(x.Shape[0], Config.Features * Config.Window));
}
