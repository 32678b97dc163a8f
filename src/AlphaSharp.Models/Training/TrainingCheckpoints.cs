using System.Globalization;
using System.Text.Json;
using AlphaSharp.Common;
using AlphaSharp.Models.Nets;
using AlphaSharp.Nn;
using AlphaSharp.Nn.IO;
using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Models.Training;

/// <summary>Where a fit stands between epochs: all a resumed fit needs besides the weights and the optimizer.</summary>
internal sealed class TrainingState
{
    public int NextEpoch { get; set; }
    public int BestEpoch { get; set; } = -1;
    public double BestScore { get; set; } = double.NaN;
    public int BadEpochs { get; set; }
    public double LearningRate { get; set; }
    public List<EpochLog> Log { get; init; } = [];

    public static TrainingState Start(double lr) => new() { LearningRate = lr };
}

/// <summary>
/// The checkpoints of one fit in its directory: <c>last.safetensors</c> (weights under PyTorch's keys, the optimizer's
/// state under <c>optimizer.*</c>, the epoch counters, the dropout stream's state and the log in its metadata),
/// <c>best.safetensors</c> (the kept weights) and <c>epochs.csv</c>. Each is written atomically, so a kill leaves
/// either the previous epoch's files or this one's.
/// </summary>
internal sealed class TrainingCheckpoints(string directory, string fingerprint)
{
    private const string OptimizerPrefix = "optimizer.";
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private string LastPath => Path.Combine(directory, "last.safetensors");
    private string BestPath => Path.Combine(directory, "best.safetensors");
    public string LogPath => Path.Combine(directory, "epochs.csv");

    public void SaveLast(Net net, Optimizer optimizer, TrainingState state)
    {
        var tensors = new Dictionary<string, Tensor>(net.StateDict(), StringComparer.Ordinal);
        foreach (var (key, values) in optimizer.StateDict()) tensors[OptimizerPrefix + key] = new Tensor(values, values.Length);
        var rng = net.DropoutStream.State;
        var meta = new Dictionary<string, string>
        {
            ["fingerprint"] = fingerprint,
            ["next_epoch"] = state.NextEpoch.ToString(CultureInfo.InvariantCulture),
            ["best_epoch"] = state.BestEpoch.ToString(CultureInfo.InvariantCulture),
            ["best_score"] = state.BestScore.ToString("R", CultureInfo.InvariantCulture),
            ["bad_epochs"] = state.BadEpochs.ToString(CultureInfo.InvariantCulture),
            ["lr"] = state.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["dropout_rng"] = string.Join(',', rng.S0, rng.S1, rng.S2, rng.S3, BitConverter.SingleToInt32Bits(rng.SpareNormal), rng.HasSpare ? 1 : 0),
            ["log"] = JsonSerializer.Serialize(state.Log, Json),
        };
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(LastPath, SafeTensors.Serialize(tensors, meta));
    }

    public void SaveBest(IReadOnlyDictionary<string, Tensor> state)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(BestPath, SafeTensors.Serialize(state));
    }

    public Dictionary<string, Tensor>? LoadBest() => File.Exists(BestPath) ? SafeTensors.Load(BestPath) : null;

    /// <summary>Restores the net, the optimizer and the counters from <c>last.safetensors</c> when it belongs to this very fit.</summary>
    public bool TryResume(Net net, Optimizer optimizer, out TrainingState state)
    {
        state = TrainingState.Start(optimizer.LearningRate);
        if (!File.Exists(LastPath)) return false;
        var tensors = SafeTensors.Load(LastPath, out var meta);
        if (!meta.TryGetValue("fingerprint", out var saved) || saved != fingerprint)
            throw new InputException($"{LastPath}: a checkpoint of another fit (other settings, network or data); use a new directory or delete it");
        net.LoadStateDict(tensors.Where(p => !p.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value));
        optimizer.LoadStateDict(tensors.Where(p => p.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[OptimizerPrefix.Length..], p => p.Value.Data));
        var r = meta["dropout_rng"].Split(',');
        net.DropoutStream.State = new RngState(ulong.Parse(r[0], CultureInfo.InvariantCulture), ulong.Parse(r[1], CultureInfo.InvariantCulture),
            ulong.Parse(r[2], CultureInfo.InvariantCulture), ulong.Parse(r[3], CultureInfo.InvariantCulture),
            BitConverter.Int32BitsToSingle(int.Parse(r[4], CultureInfo.InvariantCulture)), r[5] == "1");
        state = new TrainingState
        {
            NextEpoch = int.Parse(meta["next_epoch"], CultureInfo.InvariantCulture),
            BestEpoch = int.Parse(meta["best_epoch"], CultureInfo.InvariantCulture),
            BestScore = double.Parse(meta["best_score"], CultureInfo.InvariantCulture),
            BadEpochs = int.Parse(meta["bad_epochs"], CultureInfo.InvariantCulture),
            LearningRate = double.Parse(meta["lr"], CultureInfo.InvariantCulture),
            Log = JsonSerializer.Deserialize<List<EpochLog>>(meta["log"], Json) ?? [],
        };
        return true;
    }

    public void WriteLog(IReadOnlyList<EpochLog> log) =>
        CsvTable.Write(LogPath, ["epoch", "train_loss", "valid_loss", "valid_ic", "valid_sharpe", "lr", "seconds", "samples_per_second"],
            log.Select(e => (IReadOnlyList<string>)[e.Epoch.ToString(CultureInfo.InvariantCulture), CsvTable.Number(e.TrainLoss),
                CsvTable.Number(e.ValidLoss), CsvTable.Number(e.ValidIc), CsvTable.Number(e.ValidSharpe), CsvTable.Number(e.LearningRate), CsvTable.Number(e.Seconds),
                CsvTable.Number(e.SamplesPerSecond)]));
}
