using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;
using AlphaSharp.Nn.IO;

namespace AlphaSharp.Models;

/// <summary>
/// A network on AlphaSharp.Nn behind the one model interface. Saved as <c>model.safetensors</c> (the weights under
/// PyTorch's keys, so the same module in PyTorch loads them) and <c>model.json</c> (the network and trainer settings).
/// </summary>
public sealed class NeuralModel : IModel
{
    public const string WeightsFile = "model.safetensors";
    public const string ConfigFile = "model.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private Trainer _trainer;

    public NeuralModel(NetConfig config, TrainerOptions options)
    {
        Config = config;
        Options = options;
        Net = NetCatalog.Create(config, options.Seed);
        _trainer = new Trainer(Net, options);
    }

    public NetConfig Config { get; private set; }
    public TrainerOptions Options { get; }
    public Net Net { get; private set; }
    public string Kind => Config.Kind;
    public ModelInput Input => Config.FieldRows && Net.Shape == SampleShape.Sequence
        ? new(SampleShape.FieldSequence, Config.Window)
        : new(Net.Shape, Config.Window, Config.WindowStep);

    public FitReport Fit(ModelData train, ModelData? valid, FitContext context)
    {
        if (Net is IPrefitNet { NeedsPrefit: true } prefit)
        {
            // The first batch decides layers (V4's Spearman dropout): rebuild from the config that records it. Same seed,
            // same batch, same choice, so a resumed fit rebuilds the network its checkpoint was saved from.
            Config = prefit.Prefit(Trainer.FirstBatch(train, Options));
            Net = NetCatalog.Create(Config, Options.Seed);
            _trainer = new Trainer(Net, Options);
        }
        return _trainer.Fit(train, valid, context);
    }

    public float[] Predict(ModelData data) => _trainer.Predict(data);

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(Path.Combine(directory, WeightsFile), SafeTensors.Serialize(Net.StateDict()));
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(new SavedConfig(Config, Options), Json));
    }

    public static NeuralModel Load(string directory)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath)) throw new InputException($"{configPath}: not found; not a saved network");
        SavedConfig saved;
        try
        {
            saved = JsonSerializer.Deserialize<SavedConfig>(File.ReadAllText(configPath), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InputException($"{configPath}: not a model config ({e.Message})");
        }
        var model = new NeuralModel(saved.Net, saved.Trainer);
        model.Net.LoadSafeTensors(Path.Combine(directory, WeightsFile));
        model.Net.Eval();
        return model;
    }

    private sealed record SavedConfig(NetConfig Net, TrainerOptions Trainer);
}
