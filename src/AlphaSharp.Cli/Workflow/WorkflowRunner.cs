using System.Diagnostics;
using System.Globalization;
using AlphaSharp.Backtest;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Performance;
using AlphaSharp.Evaluation.Prediction;
using AlphaSharp.Factors.Labels;
using AlphaSharp.Models;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Evaluation;
using AlphaSharp.Models.Nets.AlphaNet;
using AlphaSharp.Models.Training;
using AlphaSharp.Models.WalkForward;
using AlphaSharp.Runs;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Runs a bound workflow's units into a run directory: for each unit (model x seed) not yet done, build (once per
/// column set) the dataset, fit on train choosing on valid (or walk forward), predict the test span, score the
/// predictions (IC, Rank IC, daily), backtest them with the workflow's strategy and rules, and write it all into the
/// unit's folder, its <c>done.json</c> last. A unit found done is skipped, so an interrupted run resumes, and a shard
/// runs only its own units. Finishing (<see cref="WorkflowFinisher"/>) happens once every unit is done.
/// </summary>
public sealed class WorkflowRunner(WorkflowSpec spec, MarketData data, Action<string> log, Action<string>? status = null)
{
    public const string ScoresFile = "predictions.csv";
    public const string DailyIcFile = "daily_ic.csv";
    public const string ReturnsFile = "returns.csv";
    public const string SignificanceFile = "significance.csv";

    private readonly Dictionary<string, (Dataset Data, FeatureNormalizer? Normalizer)> _datasets = new(StringComparer.Ordinal);
    private readonly MarketView _market = MarketView.From(data);

    /// <summary>Runs the units of <paramref name="shard"/> that <paramref name="run"/> has not finished; returns how many ran.</summary>
    public int RunUnits(RunDirectory run, RunShard shard, CancellationToken cancel = default)
    {
        var units = WorkflowUnits.Of(spec);
        var mine = units.Where(u => shard.Includes(u.Unit)).ToArray();
        var done = mine.Count(u => run.IsDone(u.Unit));
        log($"{run.Id}: {units.Count} units, shard {shard} holds {mine.Length}, {done} already done");
        var todo = mine.Where(u => !run.IsDone(u.Unit)).ToArray();
        for (var k = 0; k < todo.Length; k++)
        {
            cancel.ThrowIfCancellationRequested();
            RunUnit(run, todo[k], cancel);
            // A feature cube no later unit reads is let go at once: Alpha158's is 1.3 GB over the shipped store.
            var key = DatasetKey(todo[k].Model);
            if (todo.Skip(k + 1).All(u => DatasetKey(u.Model) != key) && _datasets.Remove(key)) GC.Collect();
        }
        return todo.Length;
    }

    private void RunUnit(RunDirectory run, WorkflowUnit unit, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var dir = run.UnitDirectory(unit.Unit);
        var (ds, test, scores, fit) = spec.WalkForward is { } wf ? WalkForward(unit, dir, wf, cancel) : FixedSegments(unit, dir, cancel);
        var ic = DailyIc(ds, test, scores, dir);
        var priceReturn = spec.Label.Kind == LabelSpec.ForwardKind;
        var quality = Quality(ds, test, scores, unit.Model, priceReturn);
        var excess = Backtest(ds, test, scores, dir);
        var arithmetic = PerformanceMetrics.ExcessArithmetic(excess);
        var compounded = PerformanceMetrics.ExcessCompounded(excess);
        var summary = JsonOutput.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("model", unit.Model.Name);
            w.WriteNumber("seed", unit.Seed);
            JsonOutput.Number(w, "ic", ic.Ic);
            JsonOutput.Number(w, "icir", ic.IcIr);
            JsonOutput.Number(w, "rank_ic", ic.RankIc);
            JsonOutput.Number(w, "rank_icir", ic.RankIcIr);
            JsonOutput.Number(w, "excess_annual_arithmetic", arithmetic.AnnualReturn);
            JsonOutput.Number(w, "information_ratio", arithmetic.InformationRatio);
            JsonOutput.Number(w, "max_drawdown_arithmetic", arithmetic.MaxDrawdown);
            JsonOutput.Number(w, "excess_annual_compounded", compounded.AnnualReturn);
            JsonOutput.Number(w, "max_drawdown_compounded", compounded.MaxDrawdown);
            JsonOutput.Number(w, "auc", quality.Auc);
            JsonOutput.Number(w, "accuracy", quality.Accuracy);
            if (unit.Model.EstimatesReturns(ds.Spec.LabelNorm))
            {
                JsonOutput.Number(w, "mae", quality.Mae);
                JsonOutput.Number(w, "rmse", quality.Rmse);
                JsonOutput.Number(w, "mape", quality.Mape);
                if (priceReturn) JsonOutput.Number(w, "price_mape", quality.PriceMape);
            }
            if (fit is not null)
            {
                w.WriteNumber("epochs", fit.Epochs);
                w.WriteNumber("best_epoch", fit.BestEpoch);
            }
            JsonOutput.Number(w, "seconds", clock.Elapsed.TotalSeconds);
            w.WriteEndObject();
        });
        run.MarkDone(unit.Unit, summary);
        log(string.Create(CultureInfo.InvariantCulture,
            $"{unit.Unit.DirectoryName}: IC {ic.Ic:F4} Rank IC {ic.RankIc:F4}, excess {arithmetic.AnnualReturn:P1}/yr (arithmetic) IR {arithmetic.InformationRatio:F2}; {clock.Elapsed.TotalSeconds:F0} s"));
    }

    private (Dataset Data, SegmentSpan Test, float[] Scores, FitReport? Fit) FixedSegments(WorkflowUnit unit, string dir, CancellationToken cancel)
    {
        var (ds, normalizer) = DatasetFor(unit.Model, fitNormalizer: true);
        IModel model;
        FitReport? fit = null;
        if (unit.Model.Grid is { } grid) model = GridSearch(unit, grid, ds, dir, cancel);
        else
        {
            model = unit.Model.Create(unit.Seed);
            var train = ds.ModelData(ds.Span("train"), model.Input, normalizer!, forFitting: true);
            var valid = ds.Spans.Any(s => s.Name == "valid") ? ds.ModelData(ds.Span("valid"), model.Input, normalizer!, forFitting: true) : null;
            fit = model.Fit(train, valid, new FitContext(Path.Combine(dir, WindowFiles.TrainingFolder), Progress($"{unit.Model.Name} seed {unit.Seed}"), cancel));
        }
        var test = ds.ModelData(ds.Span("test"), model.Input, normalizer!, forFitting: false);
        var predicted = model.Predict(test);
        model.Save(dir);
        WriteSignificance(unit, dir, [(0, model)]);
        AtomicFile.WriteAllText(Path.Combine(dir, WindowFiles.NormalizerFile), normalizer!.ToJson());
        WindowFiles.WritePredictions(Path.Combine(dir, ScoresFile), test.Samples, predicted, ds.Cube.Calendar, ds.Cube.Symbols);
        var scores = new float[ds.Cube.T * ds.Cube.N];
        scores.AsSpan().Fill(float.NaN);
        for (var k = 0; k < test.Count; k++) scores[test.Samples.Days[k] * ds.Cube.N + test.Samples.Instruments[k]] = predicted[k];
        return (ds, ds.Span("test"), scores, fit);
    }

    /// <summary>
    /// The grid of a model: every point fitted on train and scored on valid (the network's own stop metric, IC for
    /// the others), each trial into <c>trials.csv</c>; the best point's fitted model, which alone sees the test.
    /// </summary>
    private IModel GridSearch(WorkflowUnit unit, ModelGrid grid, Dataset ds, string dir, CancellationToken cancel)
    {
        if (!ds.Spans.Any(s => s.Name == "valid")) throw new InputException($"models.{unit.Model.Name}.grid: the grid is chosen on a 'valid' segment; add one");
        var space = new ParameterSpace(grid.Keys.Select(k => new ValueList(k.Key, k.Values.Cast<object>().ToList())));
        var points = grid.Points.ToDictionary(p => p.Label, p => p.Model, StringComparer.Ordinal);
        var metric = unit.Model.GridMetric;
        var result = HyperSearch.Run(ds, space, new HyperSearchOptions { Kind = SearchKind.Grid, Metric = metric },
            t => points[t.ToString()].Create(unit.Seed), dir, cancel: cancel,
            onTrial: t => log(string.Create(CultureInfo.InvariantCulture,
                $"{unit.Model.Name} seed {unit.Seed} grid {t.Index + 1}/{grid.Points.Count} ({t.Parameters}): valid {metric.ToString().ToLowerInvariant()} {t.Score:G4}, {t.Epochs} epochs, {t.Seconds:F0} s")));
        log($"{unit.Model.Name} seed {unit.Seed}: chose {result.Best.Parameters} on valid");
        return result.BestModel;
    }

    private (Dataset Data, SegmentSpan Test, float[] Scores, FitReport? Fit) WalkForward(WorkflowUnit unit, string dir, WalkForwardOptions options, CancellationToken cancel)
    {
        var (ds, _) = DatasetFor(unit.Model, fitNormalizer: false);
        var runner = new WalkForwardRunner(ds, options);
        var result = runner.Run(k => unit.Model.Create(unit.Seed * 1000 + (ulong)k), dir,
            o => log($"{unit.Model.Name} seed {unit.Seed} window {o.Window.Index}: {(o.Resumed ? "read back" : "fitted")}"), cancel,
            (w, p) => Progress($"{unit.Model.Name} seed {unit.Seed} window {w.Index}")(p));
        File.Copy(Path.Combine(dir, WalkForwardRunner.ScoresFile), Path.Combine(dir, ScoresFile), overwrite: true);
        if (unit.Model is NetModelSpec)
            WriteSignificance(unit, dir, result.Windows.Select(o => (o.Window.Index, (IModel)NeuralModel.Load(o.Directory))));
        var windows = result.Windows.Select(o => o.Window.Test).ToArray();
        // The stitched out-of-sample blocks, end to end: the span every window predicted.
        var test = new SegmentSpan("test", windows[0].First, windows[^1].Last, 0);
        return (ds, test, result.Scores.Values, null);
    }

    /// <summary>
    /// Paper 003's operator-significance view, for a network that can give it: each window's weight on every channel
    /// its first learned layer reads, as <c>window,operator,inputs,d,weight</c> (inputs joined by +). The windows are
    /// loaded one at a time, and not at all past the first when the network gives no such view.
    /// </summary>
    private static void WriteSignificance(WorkflowUnit unit, string dir, IEnumerable<(int Window, IModel Model)> fitted)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (window, model) in fitted)
        {
            if (model is not NeuralModel { Net: IChannelSignificance net }) return;
            rows.AddRange(net.Significance(unit.Model.Columns).Select(c => (IReadOnlyList<string>)
                [window.ToString(CultureInfo.InvariantCulture), c.Operator, string.Join('+', c.Inputs), c.Window.ToString(CultureInfo.InvariantCulture), CsvTable.Number(c.Weight)]));
        }
        if (rows.Count > 0) CsvTable.Write(Path.Combine(dir, SignificanceFile), ["window", "operator", "inputs", "d", "weight"], rows);
    }

    /// <summary>Each finished epoch as a log line; batches in between on the status line.</summary>
    private Action<TrainingProgress> Progress(string what) => p =>
    {
        if (p.EpochDone)
            log(string.Create(CultureInfo.InvariantCulture,
                $"{what} epoch {p.Epoch}/{p.Epochs}: train loss {p.TrainLoss:F4}, valid loss {p.ValidLoss:F4}, valid IC {p.ValidIc:F4}, {p.SamplesPerSecond:F0} samples/s"));
        else status?.Invoke(ProgressText.Of(what, p));
    };

    /// <summary>The daily IC and Rank IC of the test scores against the raw label, written as <c>date,ic,rank_ic</c>.</summary>
    private PredictionIc DailyIc(Dataset ds, SegmentSpan test, float[] scores, string dir)
    {
        var samples = ds.Samples(test, labelled: true);
        var s = new float[samples.Count];
        var labels = new float[samples.Count];
        for (var k = 0; k < samples.Count; k++)
        {
            s[k] = scores[samples.Days[k] * ds.Cube.N + samples.Instruments[k]];
            labels[k] = ds.Label[samples.Instruments[k] * ds.Cube.T + samples.Days[k]];
        }
        var ic = PredictionIc.Of(samples, s, labels);
        CsvTable.Write(Path.Combine(dir, DailyIcFile), ["date", "ic", "rank_ic"],
            ic.DayIndices.Select((t, j) => (IReadOnlyList<string>)[ds.Cube.Calendar[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                CsvTable.Number(ic.DailyIc[j]), CsvTable.Number(ic.DailyRankIc[j])]));
        return ic;
    }

    /// <summary>
    /// The test scores as a forecast of the raw label, pooled over every test sample: AUC and accuracy of up (label
    /// above 0) against down, the score called up above the model's threshold; MAE, RMSE and MAPE of the score as an
    /// estimate of the label itself, and the MAPE of the end price it implies (written only for a model whose score is
    /// one, the price MAPE only where the label is a forward price return).
    /// </summary>
    private static (double Auc, double Accuracy, double Mae, double Rmse, double Mape, double PriceMape) Quality(Dataset ds, SegmentSpan test, float[] scores, ModelSpec model, bool priceReturn)
    {
        var samples = ds.Samples(test, labelled: true);
        var s = new double[samples.Count];
        var y = new double[samples.Count];
        var up = new int[samples.Count];
        for (var k = 0; k < samples.Count; k++)
        {
            s[k] = scores[samples.Days[k] * ds.Cube.N + samples.Instruments[k]];
            y[k] = ds.Label[samples.Instruments[k] * ds.Cube.T + samples.Days[k]];
            up[k] = y[k] > 0 ? 1 : 0;
        }
        return (PredictionMetrics.Auc(s, up), PredictionMetrics.Accuracy(s, up, model.UpThreshold(ds.Spec.LabelNorm)),
            PredictionMetrics.Mae(s, y), PredictionMetrics.Rmse(s, y), PredictionMetrics.Mape(s, y), priceReturn ? PredictionMetrics.ImpliedPriceMape(s, y) : double.NaN);
    }

    /// <summary>Backtests the test scores with the workflow's strategy and rules over the test span; writes the daily returns and returns the excess.</summary>
    private double[] Backtest(Dataset ds, SegmentSpan test, float[] scores, string dir)
    {
        var table = new ScoreTable(_market, new PanelArray(scores, ds.Cube.T, ds.Cube.N, PanelLayout.DateMajor));
        var options = spec.Backtest with
        {
            Start = spec.Backtest.Start ?? ds.Cube.Calendar[test.First],
            End = spec.Backtest.End ?? ds.Cube.Calendar[test.Last],
        };
        var result = Backtester.Run(_market, table, spec.Strategy.Create(), options);
        var excess = result.StrategyReturns.Zip(result.BenchmarkReturns, (r, b) => r - b).ToArray();
        var dates = result.Dates.ToArray();
        CsvTable.Write(Path.Combine(dir, ReturnsFile), ["date", "strategy", "benchmark", "excess", "turnover"],
            Enumerable.Range(0, dates.Length).Select(k => (IReadOnlyList<string>)[dates[k].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                CsvTable.Number(result.StrategyReturns[k]), CsvTable.Number(result.BenchmarkReturns[k]), CsvTable.Number(excess[k]), CsvTable.Number(result.Turnover[k])]));
        return excess;
    }

    /// <summary>The dataset of a model's columns and fitting target (one per pair, shared by every unit that reads it), with its normaliser fitted on train.</summary>
    private (Dataset Data, FeatureNormalizer? Normalizer) DatasetFor(ModelSpec model, bool fitNormalizer)
    {
        var key = DatasetKey(model);
        if (_datasets.TryGetValue(key, out var cached) && (cached.Normalizer is not null || !fitNormalizer)) return cached;
        if (cached.Data is null)
        {
            var columns = new HashSet<string>(model.Columns, StringComparer.Ordinal);
            var features = spec.Dataset.Features.Where(f => columns.Contains(f.Name)).ToArray();
            var dataset = spec.Dataset with { Features = features, LabelNorm = model.FittingNorm(spec.Dataset.LabelNorm) };
            var clock = Stopwatch.StartNew();
            var ds = Dataset.Build(data, dataset, (done, total) => status?.Invoke($"features for {model.Name}: {done}/{total}"), label: LabelPanel(), samples: Picks());
            log(string.Create(CultureInfo.InvariantCulture, $"dataset for {model.Name}: {features.Length} features x {ds.Cube.N} instruments x {ds.Cube.T} days, {clock.Elapsed.TotalSeconds:F1} s"));
            cached = (ds, null);
        }
        if (fitNormalizer) cached = (cached.Data, cached.Data.FitNormalizer(cached.Data.Span("train")));
        _datasets[key] = cached;
        return cached;
    }

    private string DatasetKey(ModelSpec model) => string.Join(',', model.Columns) + "|" + model.FittingNorm(spec.Dataset.LabelNorm);

    private float[]? _label;
    private bool[]? _picks;

    private bool[]? Picks() => spec.Picks is null ? null : _picks ??= WorkflowPicks.Mask(spec.Picks, data, log);

    private float[]? LabelPanel() => spec.Label.Kind switch
    {
        LabelSpec.ForwardKind => _label ??= ForwardReturns.Compute(data.Panel, spec.Label.Horizon, spec.Label.Price),
        LabelSpec.ExcessKind => _label ??= ExcessReturns.Compute(data, spec.Label.Horizon, spec.Label.Price),
        LabelSpec.StyleNeutralKind => _label ??= StyleNeutralLabel.Compute(data, ForwardReturns.Compute(data.Panel, spec.Label.Horizon, spec.Label.Price)),
        _ => null,
    };
}
