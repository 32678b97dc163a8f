using System.Text.Json.Serialization;
using AlphaSharp.Common;
using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// The settings of a network (its JSON config, saved beside its weights): the kind, the input it reads, and the sizes
/// a kind uses. Unused sizes are ignored by kinds that do not read them.
/// </summary>
public sealed record NetConfig
{
    public required string Kind { get; init; }
    /// <summary>Features per day of the input.</summary>
    public required int Features { get; init; }
    /// <summary>Days of history one sample reads (1 for cross-sectional rows).</summary>
    public int Window { get; init; } = 1;
    /// <summary>Trading days between two of a sequence's <see cref="Window"/> steps (5: weekly steps of daily features, paper 000).</summary>
    public int WindowStep { get; init; } = 1;
    public int Hidden { get; init; } = 64;
    public int Layers { get; init; } = 2;
    public float Dropout { get; init; }
    /// <summary>1 for a regression score; the number of classes for a classifier.</summary>
    public int Outputs { get; init; } = 1;
    /// <summary>Hidden widths of an MLP.</summary>
    public int[] HiddenSizes { get; init; } = [];
    /// <summary>Attention heads of a transformer (Qlib's nhead 4).</summary>
    public int Heads { get; init; } = 4;
    /// <summary>Feed-forward width of a transformer layer (PyTorch's and so Qlib's dim_feedforward 2048).</summary>
    public int FeedForward { get; init; } = 2048;
    /// <summary>Convolution kernel length of a CNN or TCN (Qlib's TCN kernel_size 5).</summary>
    public int KernelSize { get; init; } = 5;
    /// <summary>The recurrent cell of an attention LSTM: GRU (Qlib's ALSTM default) or LSTM.</summary>
    public string RnnType { get; init; } = "GRU";
    /// <summary>
    /// For a sequence network: read the decision day's row of <see cref="Features"/> x <see cref="Window"/> features as
    /// fields x days (Qlib's Alpha360 reshape, <see cref="Datasets.SampleShape.FieldSequence"/>) instead of the last
    /// <see cref="Window"/> days of <see cref="Features"/> features.
    /// </summary>
    public bool FieldRows { get; init; }
    /// <summary>The AlphaNet kinds' own settings (windows, strides, V4's steps, Spearman threshold and switches).</summary>
    public AlphaNet.AlphaNetSettings AlphaNet { get; init; } = new();

    [JsonIgnore] public bool Classifier => Outputs > 1;

    public void Validate()
    {
        if (Features < 1) throw new SettingException($"{new SettingName("features")}: a network needs at least one input feature, got {Features}");
        if (Window < 1) throw new SettingException($"{new SettingName("window")}: {Window} is not a number of days (1 or more)");
        if (WindowStep < 1) throw new SettingException($"{new SettingName("window_step")}: {WindowStep} is not a step of 1 trading day or more");
        if (Hidden < 1) throw new SettingException($"{new SettingName("hidden_size")}: {Hidden} is not a width (1 or more)");
        if (Layers < 1) throw new SettingException($"{new SettingName("num_layers")}: {Layers} is not a layer count (1 or more)");
        if (!(Dropout >= 0 && Dropout < 1)) throw new SettingException($"{new SettingName("dropout")}: {Dropout} is not a probability in [0, 1)");
        if (Outputs < 1) throw new SettingException($"{new SettingName("outputs")}: {Outputs} is not 1 (a score) or a class count");
        if (HiddenSizes.Any(h => h < 1)) throw new SettingException($"{new SettingName("hidden_sizes")}: {string.Join(",", HiddenSizes)} holds a width below 1");
        if (Heads < 1) throw new SettingException($"{new SettingName("nhead")}: {Heads} is not a head count (1 or more)");
        if (FeedForward < 1) throw new SettingException($"{new SettingName("dim_feedforward")}: {FeedForward} is not a width (1 or more)");
        if (KernelSize < 1) throw new SettingException($"{new SettingName("kernel_size")}: {KernelSize} is not a kernel length (1 or more)");
        if (!RnnType.Equals("GRU", StringComparison.OrdinalIgnoreCase) && !RnnType.Equals("LSTM", StringComparison.OrdinalIgnoreCase))
            throw new SettingException($"{new SettingName("rnn_type")}: '{RnnType}' is not a recurrent cell (GRU or LSTM)");
        AlphaNet.Validate();
    }
}

/// <summary>
/// A network a model trains: one forward from a batch of samples (laid out as <see cref="Input"/> says) to
/// [batch, outputs]. Every dropout of the network draws from the one <see cref="DropoutStream"/>, so a checkpoint
/// that saves that stream's state resumes the run's random draws exactly.
/// </summary>
public abstract class Net : Module
{
    protected Net(NetConfig config, ulong seed)
    {
        config.Validate();
        Config = config;
        InitStream = new Rng(seed);
        DropoutStream = InitStream.Split();
    }

    public NetConfig Config { get; }
    public Rng DropoutStream { get; }

    /// <summary>Draws the initial weights; nets take it in their constructors.</summary>
    protected Rng InitStream { get; }

    public abstract Datasets.SampleShape Shape { get; }

    public abstract Tensor Forward(Tensor x);
}
