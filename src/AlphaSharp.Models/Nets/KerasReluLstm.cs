using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// Paper 000's Keras network: <c>LSTM(256, activation='relu')</c> (ReLU in place of tanh for the candidate and the
/// output, sigmoid gates, as Keras means it), the last step, <c>Dropout(0.2)</c>, <c>Dense(32, relu)</c>,
/// <c>Dense(1)</c> (or one unit per class for a classifier). <c>hidden_size</c> is the LSTM width (256 in the paper),
/// <c>dropout</c> the rate before the dense layers (0.2). Keys: <c>lstm.*</c>, <c>dense1.*</c>, <c>dense2.*</c>.
/// </summary>
public sealed class KerasReluLstm : Net
{
    private readonly LSTM _lstm;
    private readonly Dropout _dropout;
    private readonly Linear _dense1;
    private readonly Linear _dense2;

    public KerasReluLstm(NetConfig config, ulong seed) : base(config, seed)
    {
        _lstm = RegisterModule("lstm", new LSTM(config.Features, config.Hidden, InitStream, batchFirst: true, activation: CellActivation.Relu));
        _dropout = RegisterModule("dropout", new Dropout(config.Dropout, DropoutStream));
        _dense1 = RegisterModule("dense1", new Linear(config.Hidden, 32, InitStream));
        _dense2 = RegisterModule("dense2", new Linear(32, config.Outputs, InitStream));
    }

    public override SampleShape Shape => SampleShape.Sequence;

    public override Tensor Forward(Tensor x)
    {
        var last = Sequence.LastTimeStep(_lstm.Forward(x).Output, batchFirst: true);
        return _dense2.Forward(_dense1.Forward(_dropout.Forward(last)).Relu());
    }
}
