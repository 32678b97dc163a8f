using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using AlphaSharp.Common;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.Training;

[JsonConverter(typeof(JsonStringEnumConverter<SearchKind>))]
public enum SearchKind
{
    /// <summary>Every combination of the listed values.</summary>
    Grid,
    /// <summary><c>trials</c> draws from a generator seeded by <c>seed</c>.</summary>
    Random,
}

/// <summary>How a search runs: <c>search</c> (grid or random), <c>trials</c> and <c>seed</c> (random only), and the validation figure it ranks by.</summary>
public sealed record HyperSearchOptions
{
    public SearchKind Kind { get; init; } = SearchKind.Grid;
    public int Trials { get; init; } = 20;
    public ulong Seed { get; init; } = 1;
    public StopMetric Metric { get; init; } = StopMetric.Ic;
}

/// <summary>One trial: its parameters, its validation figures (the score is the one ranked by), its epochs and wall time.</summary>
public sealed record Trial(int Index, TrialParameters Parameters, double Score, double ValidLoss, double ValidIc, int Epochs, int BestEpoch, double Seconds);

/// <summary>Every trial in order, the best one and its fitted model.</summary>
public sealed record HyperSearchResult(IReadOnlyList<Trial> Trials, Trial Best, IModel BestModel, StopMetric Metric);

/// <summary>
/// Hyperparameter search: each trial's model (from the factory) fits on the train segment and is scored on the
/// validation segment only; the test segment is never given to a model. Features are normalised with the train
/// segment's statistics. Every finished trial is recorded in <c>trials.csv</c> (rewritten atomically after each
/// trial, so a kill leaves the finished ones); the best is the first trial with the best finite score.
/// </summary>
public static class HyperSearch
{
    public const string TrialsFile = "trials.csv";

    public static HyperSearchResult Run(Dataset dataset, ParameterSpace space, HyperSearchOptions options, Func<TrialParameters, IModel> factory,
        string? directory = null, string train = "train", string valid = "valid", CancellationToken cancel = default, Action<Trial>? onTrial = null)
    {
        var trials = options.Kind == SearchKind.Grid ? space.Grid() : space.Random(options.Trials, options.Seed);
        var trainSpan = dataset.Span(train);
        var validSpan = dataset.Span(valid);
        var normalizer = dataset.FitNormalizer(trainSpan);
        var data = new Dictionary<ModelInput, (ModelData Train, ModelData Valid)>();
        var done = new List<Trial>();
        Trial? best = null;
        IModel? bestModel = null;
        for (var k = 0; k < trials.Count; k++)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var model = factory(trials[k]);
            if (!data.TryGetValue(model.Input, out var d))
                data[model.Input] = d = (dataset.ModelData(trainSpan, model.Input, normalizer, forFitting: true),
                    dataset.ModelData(validSpan, model.Input, normalizer, forFitting: true));
            var fit = model.Fit(d.Train, d.Valid, new FitContext(Cancel: cancel));
            var figures = ValidationMetrics.Of(d.Valid, model.Predict(d.Valid));
            var trial = new Trial(k, trials[k], figures.By(options.Metric), figures.Loss, figures.Ic, fit.Epochs, fit.BestEpoch, clock.Elapsed.TotalSeconds);
            done.Add(trial);
            onTrial?.Invoke(trial);
            if (double.IsFinite(trial.Score) && (best is null || Better(trial.Score, best.Score, options.Metric)))
            {
                best = trial;
                bestModel = model;
            }
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
                Write(Path.Combine(directory, TrialsFile), space, done);
            }
        }
        if (best is null)
            throw new InputException($"search: none of the {done.Count} trials reached a finite validation {options.Metric.ToString().ToLowerInvariant()} on '{valid}'");
        return new HyperSearchResult(done, best, bestModel!, options.Metric);
    }

    /// <summary>Whether a trial's score beats the best so far under the metric (the search keeps the first of equal bests).</summary>
    public static bool Better(double score, double than, StopMetric metric) =>
        ValidationScore.HigherIsBetter(metric) ? score > than : score < than;

    private static void Write(string path, ParameterSpace space, IReadOnlyList<Trial> trials)
    {
        var names = space.Parameters.Select(p => p.Name).ToArray();
        string Whole(int v) => v.ToString(CultureInfo.InvariantCulture);
        CsvTable.Write(path, ["trial", .. names, "score", "valid_loss", "valid_ic", "epochs", "best_epoch", "seconds"],
            trials.Select(t => (IReadOnlyList<string>)[Whole(t.Index), .. names.Select(n => TrialParameters.Show(t.Parameters[n])),
                CsvTable.Number(t.Score), CsvTable.Number(t.ValidLoss), CsvTable.Number(t.ValidIc), Whole(t.Epochs), Whole(t.BestEpoch), CsvTable.Number(t.Seconds)]));
    }
}
