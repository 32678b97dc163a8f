using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.WalkForward;

/// <summary>
/// Runs a walk-forward study on one <see cref="Dataset"/> (one feature cube for every window; the dataset's own
/// segments are not used): for each planned window, a fresh model from the factory fits on the window's training span
/// (features normalised with statistics of that span alone), chooses on its validation span, and predicts its test
/// block only; the blocks are stitched into one out-of-sample table. Every window is saved under
/// <c>directory/window-k/</c> (the model, <c>window.json</c>, <c>normalizer.json</c>, <c>predictions.csv</c>, the
/// training checkpoints); a finished window found there is read back instead of refitted, so a re-run after a kill
/// resumes and gives the same table.
/// </summary>
public sealed class WalkForwardRunner(Dataset dataset, WalkForwardOptions options)
{
    public const string ScoresFile = "scores.csv";

    public Dataset Dataset { get; } = dataset;
    public WalkForwardOptions Options { get; } = options;

    /// <summary>The windows, without fitting.</summary>
    public IReadOnlyList<WalkForwardWindow> Plan() => WalkForwardPlan.Windows(Dataset.Cube.Calendar, Options, Dataset.Spec.LabelReach);

    /// <param name="factory">A fresh, unfitted model for window k.</param>
    /// <param name="directory">Where the windows are saved (and found again on a re-run).</param>
    /// <param name="windowDone">Told after each window, fitted or read back.</param>
    /// <param name="progress">Told the training progress of the window being fitted (batches and epochs).</param>
    public WalkForwardResult Run(Func<int, IModel> factory, string directory, Action<WindowOutcome>? windowDone = null, CancellationToken cancel = default,
        Action<WalkForwardWindow, TrainingProgress>? progress = null)
    {
        var windows = Plan();
        var cube = Dataset.Cube;
        var scores = new float[cube.T * cube.N];
        scores.AsSpan().Fill(float.NaN);
        var outcomes = new List<WindowOutcome>();
        foreach (var window in windows)
        {
            cancel.ThrowIfCancellationRequested();
            var folder = Path.Combine(directory, window.FolderName);
            var outcome = TryResume(window, folder, scores) ?? Fit(window, folder, factory, scores, cancel, progress);
            outcomes.Add(outcome);
            windowDone?.Invoke(outcome);
        }
        var panel = new PanelArray(scores, cube.T, cube.N, PanelLayout.DateMajor);
        WriteScores(Path.Combine(directory, ScoresFile), panel);
        return new WalkForwardResult(panel, outcomes);
    }

    private WindowOutcome? TryResume(WalkForwardWindow window, string folder, float[] scores)
    {
        var predictions = Path.Combine(folder, WindowFiles.PredictionsFile);
        if (!File.Exists(predictions)) return null;
        var described = Path.Combine(folder, WindowFiles.WindowFile);
        if (!File.Exists(described) || File.ReadAllText(described) != WindowFiles.Describe(window, Dataset.Cube.Calendar))
            throw new InputException($"{described}: window {window.Index} of this folder was run with other dates than this study plans; use another directory or delete {folder}");
        WindowFiles.ReadPredictions(predictions, window.Test, Dataset.Cube.Calendar, Dataset.Cube.Symbols, scores);
        return new WindowOutcome(window, Resumed: true, Fit: null, folder);
    }

    private WindowOutcome Fit(WalkForwardWindow window, string folder, Func<int, IModel> factory, float[] scores, CancellationToken cancel,
        Action<WalkForwardWindow, TrainingProgress>? progress)
    {
        Directory.CreateDirectory(folder);
        var model = factory(window.Index);
        var normalizer = Dataset.FitNormalizer(window.Train);
        var train = Dataset.ModelData(window.Train, model.Input, normalizer, forFitting: true);
        var valid = window.Valid is { } v ? Dataset.ModelData(v, model.Input, normalizer, forFitting: true) : null;
        var report = model.Fit(train, valid, new FitContext(Path.Combine(folder, WindowFiles.TrainingFolder), progress is null ? null : p => progress(window, p), cancel));
        var test = Dataset.ModelData(window.Test, model.Input, normalizer, forFitting: false);
        var predicted = model.Predict(test);
        var n = Dataset.Cube.N;
        for (var k = 0; k < test.Count; k++) scores[test.Samples.Days[k] * n + test.Samples.Instruments[k]] = predicted[k];
        model.Save(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, WindowFiles.NormalizerFile), normalizer.ToJson());
        AtomicFile.WriteAllText(Path.Combine(folder, WindowFiles.WindowFile), WindowFiles.Describe(window, Dataset.Cube.Calendar));
        WindowFiles.WritePredictions(Path.Combine(folder, WindowFiles.PredictionsFile), test.Samples, predicted, Dataset.Cube.Calendar, Dataset.Cube.Symbols);
        return new WindowOutcome(window, Resumed: false, report, folder);
    }

    /// <summary>The stitched table as <c>date,symbol,score</c>, the form a backtest's <c>--scores</c> reads.</summary>
    private void WriteScores(string path, PanelArray panel)
    {
        var cube = Dataset.Cube;
        var rows = new List<IReadOnlyList<string>>();
        for (var t = 0; t < cube.T; t++)
            for (var i = 0; i < cube.N; i++)
            {
                var v = panel.Values[t * cube.N + i];
                if (!float.IsNaN(v)) rows.Add([CsvTable.Date(cube.Calendar[t]), cube.Symbols[i], v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]);
            }
        CsvTable.Write(path, ["date", "symbol", "score"], rows);
    }
}
