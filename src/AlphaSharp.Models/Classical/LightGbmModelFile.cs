using System.Text.Json;
using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// The saved form of a <see cref="LightGbmModel"/>: one JSON file with a format tag, the parameters under their
/// LightGBM/Qlib names, the feature count, the best round, the per-round losses and LightGBM's model text verbatim.
/// One file, so the atomic rename makes it appear whole; the model text is what LoadModelFromString reads back.
/// </summary>
internal static class LightGbmModelFile
{
    public const string Format = "alphasharp.lightgbm/1";

    public sealed record Contents(LightGbmParameters Parameters, int Features, int BestIteration, double[] TrainLoss, double[] ValidLoss, string ModelText);

    public static string Render(LightGbmModel m) => JsonOutput.Render(w =>
    {
        var p = m.Parameters;
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteStartObject("parameters");
        w.WriteString("objective", p.Objective);
        w.WriteNumber("num_leaves", p.NumLeaves);
        w.WriteNumber("max_depth", p.MaxDepth);
        w.WriteNumber("learning_rate", p.LearningRate);
        w.WriteNumber("lambda_l1", p.LambdaL1);
        w.WriteNumber("lambda_l2", p.LambdaL2);
        w.WriteNumber("feature_fraction", p.FeatureFraction);
        w.WriteNumber("bagging_fraction", p.BaggingFraction);
        w.WriteNumber("bagging_freq", p.BaggingFreq);
        w.WriteNumber("min_data_in_leaf", p.MinDataInLeaf);
        w.WriteNumber("num_boost_round", p.NumBoostRound);
        w.WriteNumber("early_stopping_rounds", p.EarlyStoppingRounds);
        w.WriteNumber("num_threads", p.NumThreads);
        w.WriteNumber("seed", p.Seed);
        w.WriteEndObject();
        w.WriteNumber("feature_count", m.FeatureCount);
        w.WriteNumber("best_iteration", m.BestIteration);
        Losses(w, "train_loss", m.TrainLoss);
        Losses(w, "valid_loss", m.ValidLoss);
        w.WriteString("model", m.ModelText);
        w.WriteEndObject();
    });

    public static Contents Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the model ({e.Message})");
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != Format)
                throw new InputException($"{path}: not an AlphaSharp LightGBM model (format is not {Format})");
            var q = Get(root, "parameters", path);
            var p = new LightGbmParameters
            {
                Objective = Get(q, "objective", path).GetString() ?? "",
                NumLeaves = Get(q, "num_leaves", path).GetInt32(),
                MaxDepth = Get(q, "max_depth", path).GetInt32(),
                LearningRate = Get(q, "learning_rate", path).GetDouble(),
                LambdaL1 = Get(q, "lambda_l1", path).GetDouble(),
                LambdaL2 = Get(q, "lambda_l2", path).GetDouble(),
                FeatureFraction = Get(q, "feature_fraction", path).GetDouble(),
                BaggingFraction = Get(q, "bagging_fraction", path).GetDouble(),
                BaggingFreq = Get(q, "bagging_freq", path).GetInt32(),
                MinDataInLeaf = Get(q, "min_data_in_leaf", path).GetInt32(),
                NumBoostRound = Get(q, "num_boost_round", path).GetInt32(),
                EarlyStoppingRounds = Get(q, "early_stopping_rounds", path).GetInt32(),
                NumThreads = Get(q, "num_threads", path).GetInt32(),
                Seed = Get(q, "seed", path).GetInt32(),
            };
            p.Validate();
            var features = Get(root, "feature_count", path).GetInt32();
            if (features < 1) throw new InputException($"{path}: feature_count {features} must be >= 1");
            return new Contents(p, features, Get(root, "best_iteration", path).GetInt32(),
                ReadLosses(root, "train_loss", path), ReadLosses(root, "valid_loss", path), Get(root, "model", path).GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InputException($"{path}: not a readable LightGBM model file ({e.Message})");
        }
    }

    private static JsonElement Get(JsonElement e, string name, string path) =>
        e.TryGetProperty(name, out var v) ? v : throw new InputException($"{path}: the model file has no '{name}'");

    private static void Losses(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static double[] ReadLosses(JsonElement root, string name, string path) =>
        [.. Get(root, name, path).EnumerateArray().Select(v => v.GetDouble())];
}
