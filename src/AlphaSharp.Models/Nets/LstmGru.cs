using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// Paper 000's LSTM-GRU: <c>num_layers</c> LSTM layers of <c>hidden_size</c> units feeding <c>num_layers</c> GRU layers
/// of hidden_size/2 (dropout between the layers of each stack), the last step's GRU output, then Linear to the outputs.
/// The PyTorch module it mirrors: lstm = nn.LSTM(F, H, L, batch_first=True, dropout=p), gru = nn.GRU(H, H // 2, L,
/// batch_first=True, dropout=p), fc = nn.Linear(H // 2, outputs); forward fc(gru(lstm(x)[0])[0][:, -1]). State keys
/// lstm.*, gru.*, fc.* (bench/reference/torch_nn.py's lstm-gru is this module with F 10, H 128, L 1).
/// </summary>
public sealed class LstmGru : Net
{
    private readonly LSTM _lstm;
    private readonly GRU _gru;
    private readonly Linear _fc;

    public LstmGru(NetConfig config, ulong seed) : base(config, seed)
    {
        if (config.Hidden < 2) throw new SettingException($"{new SettingName("hidden_size")}: an LSTM-GRU needs a width of 2 or more (its GRU is hidden/2 wide), got {config.Hidden}");
        var half = config.Hidden / 2;
        _lstm = RegisterModule("lstm", new LSTM(config.Features, config.Hidden, InitStream, config.Layers, batchFirst: true, dropout: config.Dropout));
        _gru = RegisterModule("gru", new GRU(config.Hidden, half, InitStream, config.Layers, batchFirst: true, dropout: config.Dropout));
        _fc = RegisterModule("fc", new Linear(half, config.Outputs, InitStream));
        _lstm.DropoutRng = DropoutStream;
        _gru.DropoutRng = DropoutStream;
    }

    public override SampleShape Shape => SampleShape.Sequence;

    public override Tensor Forward(Tensor x) =>
        _fc.Forward(Sequence.LastTimeStep(_gru.Forward(_lstm.Forward(x).Output).Output, batchFirst: true));
}
