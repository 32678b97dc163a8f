using System.Globalization;
using System.Text.Json.Nodes;
using AlphaSharp.Backtest;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Evaluation.Performance;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Reports.Research;
using AlphaSharp.Reports.TearSheets;
using AlphaSharp.Models.Training;
using AlphaSharp.Runs;
using static AlphaSharp.Cli.Workflow.UnitCsv;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Finishes a run once every unit is done, from the units' files alone (so a single machine and the merged shards of
/// many reach the same result): per model, the mean and std over seeds of every figure (<c>metrics.json</c>,
/// <c>results.csv</c>), each chosen model's seed ensemble (the mean of its seeds' scores) backtested into a tear sheet,
/// and the report.
/// </summary>
public static class WorkflowFinisher
{
    public const string ResultsFile = "results.csv";
    public const string TearSheetsFolder = "tearsheets";

    /// <summary>The units not done yet; empty when the run can finish.</summary>
    public static IReadOnlyList<WorkflowUnit> Pending(WorkflowSpec spec, RunDirectory run) =>
        WorkflowUnits.Of(spec).Where(u => !run.IsDone(u.Unit)).ToArray();

    public static void Finish(WorkflowSpec spec, MarketData data, RunDirectory run, IReadOnlyList<string> coverage, Action<string> log)
    {
        var pending = Pending(spec, run);
        if (pending.Count > 0)
            throw new InputException($"{run.Path}: {pending.Count} units are not done ({string.Join(", ", pending.Take(5).Select(u => u.Unit.DirectoryName))}" +
                                     $"{(pending.Count > 5 ? ", ..." : "")}); run the workflow (or its other shards) again to finish them");
        var market = MarketView.From(data);
        var models = new List<ModelFigures>();
        var metrics = new JsonObject();
        var rows = new List<IReadOnlyList<string>>();
        var strategyRows = new List<(string Name, PerformanceSummary Summary)>();
        ScoreTable? firstEnsemble = null;
        foreach (var group in WorkflowUnits.Of(spec).GroupBy(u => u.Model.Name))
        {
            var units = group.ToArray();
            var summaries = units.Select(u => Done(run, u.Unit)).ToArray();
            var seeds = units.Select((u, k) => ReadSeed(run, u, summaries[k])).ToArray();
            var wantsSheet = spec.Report.TearSheet == "all" || spec.Report.TearSheet == group.Key;
            var ensemble = wantsSheet || spec.Report.Layers > 0 || spec.Picks is not null ? EnsembleScores(market, run, units) : null;
            firstEnsemble ??= ensemble;
            var (sheet, summary) = wantsSheet ? TearSheetOf(spec, market, data, run, group.Key, $"{units.Length} seeds' mean score", ensemble!) : default;
            if (spec.Picks is not null) strategyRows.Add((group.Key, summary ?? PerformanceSummary.Compute(Backtester.Run(market, ensemble!, spec.Strategy.Create(), Span(spec, market, ensemble!)).ToSeries())));
            var layers = spec.Report.Layers > 0 ? LayerExcess(spec, market, ensemble!, log) : null;
            models.Add(new ModelFigures(group.Key, seeds, sheet, layers, Significance(run, units), Trials(run, units)));
            var figures = new JsonObject { ["seeds"] = units.Length };
            if (layers is not null)
                for (var l = 0; l < layers.Length; l++) figures[$"layer{l + 1}_excess_annual"] = Json(layers[l]);
            foreach (var name in summaries[0].Where(p => p.Value is JsonValue v && v.TryGetValue<double>(out _)).Select(p => p.Key).Where(k => k != "seed"))
            {
                var (mean, std) = ModelComparisonReport.MeanStd(summaries.Select(s => s[name]?.GetValue<double>() ?? double.NaN));
                figures[name] = Json(mean);
                figures[name + "_std"] = Json(std);
                rows.Add([group.Key, name, CsvTable.Number(mean), CsvTable.Number(std), units.Length.ToString(CultureInfo.InvariantCulture)]);
            }
            metrics[group.Key] = figures;
        }
        PicksComparison? picks = null;
        if (spec.Picks is not null && strategyRows.Count > 0)
        {
            var (sheet, summary) = UnfilteredPicks(spec, market, data, run, firstEnsemble!, log);
            strategyRows.Insert(0, (UnfilteredName, summary));
            picks = new PicksComparison(strategyRows, sheet);
            var comparison = new JsonObject();
            foreach (var (name, summary1) in strategyRows) comparison[name] = StrategyFigures(summary1);
            metrics["picks_comparison"] = comparison;
        }
        CsvTable.Write(run.File(ResultsFile), ["model", "metric", "mean", "std", "seeds"], rows);
        var context = UnitCsv.Context(run, spec.Report.Title, coverage);
        var html = ModelComparisonReport.Build(context, models, spec.Report.IcEvery, picks).Render();
        run.Finish(metrics.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), html);
        log($"{run.Id}: finished; report {run.ReportPath}");
    }

    private static JsonNode? Json(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static SeedFigures ReadSeed(RunDirectory run, WorkflowUnit unit, JsonObject s)
    {
        var dir = run.UnitDirectory(unit.Unit);
        double D(string key) => s[key]?.GetValue<double>() ?? double.NaN;
        var ic = Csv(Path.Combine(dir, WorkflowRunner.DailyIcFile));
        var returns = Csv(Path.Combine(dir, WorkflowRunner.ReturnsFile));
        var epochs = Path.Combine(dir, "training", "epochs.csv");
        var curve = File.Exists(epochs) ? Curve(Csv(epochs)) : new TrainingCurve([], [], [], []);
        return new SeedFigures(unit.Seed, D("ic"), D("icir"), D("rank_ic"), D("rank_icir"),
            Dates(ic), Column(ic, "ic"), Column(ic, "rank_ic"), Dates(returns), Column(returns, "excess"), curve,
            s.ContainsKey("auc") ? new ForecastFigures(D("auc"), D("accuracy"), D("mae"), D("rmse"), D("mape"), D("price_mape")) : null, D("seconds"));
    }

    /// <summary>The units' operator weights (where their network gave them) averaged per channel over every fit that kept it; null without any.</summary>
    private static IReadOnlyList<OperatorWeight>? Significance(RunDirectory run, IReadOnlyList<WorkflowUnit> units)
    {
        var channels = new Dictionary<(string Op, string Inputs, int D), (double Sum, int Kept)>();
        var fits = 0;
        foreach (var unit in units)
        {
            var path = Path.Combine(run.UnitDirectory(unit.Unit), WorkflowRunner.SignificanceFile);
            if (!File.Exists(path)) continue;
            var csv = Csv(path);
            var windows = Column(csv, "window");
            fits += windows.Distinct().Count();
            var (op, inputs, d) = (Array.IndexOf(csv.Header, "operator"), Array.IndexOf(csv.Header, "inputs"), Column(csv, "d"));
            var weight = Column(csv, "weight");
            if (op < 0 || inputs < 0) throw new InputException($"{path}: expected the columns window,operator,inputs,d,weight");
            for (var k = 0; k < csv.Rows.Count; k++)
            {
                var key = (csv.Rows[k][op], csv.Rows[k][inputs], (int)d[k]);
                var (sum, kept) = channels.GetValueOrDefault(key);
                channels[key] = (sum + weight[k], kept + 1);
            }
        }
        return fits == 0 ? null : channels.Select(c => new OperatorWeight(c.Key.Op, c.Key.Inputs.Split('+'), c.Key.D, c.Value.Sum / c.Value.Kept, c.Value.Kept, fits)).ToArray();
    }

    /// <summary>The units' grid trials (where the model had a grid), the chosen point of each marked as the search chose it: the first best finite score.</summary>
    private static GridTrials? Trials(RunDirectory run, IReadOnlyList<WorkflowUnit> units)
    {
        if (units[0].Model.Grid is null) return null;
        var metric = units[0].Model.GridMetric;
        string[]? header = null;
        var rows = new List<(ulong, IReadOnlyList<string>, bool)>();
        foreach (var unit in units)
        {
            var csv = Csv(Path.Combine(run.UnitDirectory(unit.Unit), HyperSearch.TrialsFile));
            header ??= csv.Header;
            var score = Column(csv, "score");
            var best = -1;
            for (var k = 0; k < score.Length; k++)
                if (double.IsFinite(score[k]) && (best < 0 || HyperSearch.Better(score[k], score[best], metric))) best = k;
            rows.AddRange(csv.Rows.Select((r, k) => (unit.Seed, (IReadOnlyList<string>)r, k == best)));
        }
        var name = metric == StopMetric.Loss
            ? "loss, the mean squared error of the score against the fitting label (for a classifier's probability of up, the Brier score)"
            : metric == StopMetric.Ic ? "mean daily IC" : "top-quintile Sharpe";
        return new GridTrials(name, header!, rows);
    }

    private static TrainingCurve Curve((string[] Header, List<string[]> Rows) csv) =>
        new(Column(csv, "epoch").Select(v => (int)v).ToArray(), Column(csv, "train_loss"), Column(csv, "valid_loss"), Column(csv, "valid_ic"));

    /// <summary>The seed ensemble: the mean of the seeds' test scores (NaN where a seed has none).</summary>
    private static ScoreTable EnsembleScores(MarketView market, RunDirectory run, IReadOnlyList<WorkflowUnit> units)
    {
        var tables = units.Select(u => ScoreTable.ReadCsv(market, Path.Combine(run.UnitDirectory(u.Unit), WorkflowRunner.ScoresFile))).ToArray();
        var mean = new float[tables[0].Values.Length];
        for (var k = 0; k < mean.Length; k++)
        {
            double sum = 0;
            var n = 0;
            foreach (var t in tables)
                if (!float.IsNaN(t.Values[k])) { sum += t.Values[k]; n++; }
            mean[k] = n == tables.Length ? (float)(sum / n) : float.NaN;
        }
        return new ScoreTable(market, mean);
    }

    /// <summary>The workflow's backtest options over the span the scores cover (unless the workflow fixes its own dates).</summary>
    private static BacktestOptions Span(WorkflowSpec spec, MarketView market, ScoreTable scores) => spec.Backtest with
    {
        Start = spec.Backtest.Start ?? market.Calendar[scores.FirstDay],
        End = spec.Backtest.End ?? market.Calendar[scores.LastDay],
    };

    /// <summary>Each layer of the ensemble's scores backtested alone: its annualised compounded excess return over the benchmark.</summary>
    private static double[] LayerExcess(WorkflowSpec spec, MarketView market, ScoreTable ensemble, Action<string> log)
    {
        var layers = spec.Report.Layers;
        var result = new double[layers];
        for (var l = 1; l <= layers; l++)
        {
            var r = Backtester.Run(market, ensemble, new LayerStrategy(layers, l), Span(spec, market, ensemble));
            result[l - 1] = PerformanceMetrics.ExcessCompounded(r.StrategyReturns.Zip(r.BenchmarkReturns, (a, b) => a - b).ToArray()).AnnualReturn;
        }
        log(string.Create(CultureInfo.InvariantCulture, $"layered test: {string.Join(", ", result.Select((v, k) => $"layer {k + 1} {v:P1}"))} per year over the benchmark"));
        return result;
    }

    /// <summary>The name the picks unfiltered go by in the report and metrics.</summary>
    public const string UnfilteredName = "picks_unfiltered";

    /// <summary>
    /// The multi-factor picks unfiltered, the baseline a filtering model is measured against: a score of 1 on every
    /// pick over the span the models' scores cover, backtested with the same strategy and rules (a threshold strategy
    /// then holds every pick). Its tear sheet, and its strategy figures for metrics.json.
    /// </summary>
    private static (string Sheet, PerformanceSummary Summary) UnfilteredPicks(WorkflowSpec spec, MarketView market, MarketData data, RunDirectory run, ScoreTable span, Action<string> log)
    {
        var mask = WorkflowPicks.Mask(spec.Picks!, data, log);
        int T = market.T, N = market.N;
        var scores = new float[T * N];
        Array.Fill(scores, float.NaN);
        for (var t = span.FirstDay; t <= span.LastDay; t++)
            for (var i = 0; i < N; i++)
                if (mask[i * T + t]) scores[t * N + i] = 1;
        var (sheet, summary) = TearSheetOf(spec, market, data, run, UnfilteredName, "every pick", new ScoreTable(market, scores));
        log(string.Create(CultureInfo.InvariantCulture, $"{UnfilteredName}: {summary!.AnnualReturn:P1}/yr, Sharpe {summary.Sharpe:F2}"));
        return (sheet!, summary);
    }

    private static JsonObject StrategyFigures(PerformanceSummary s) => new()
    {
        ["total_return"] = Json(s.TotalReturn),
        ["annual_return"] = Json(s.AnnualReturn),
        ["alpha"] = Json(s.Alpha),
        ["beta"] = Json(s.Beta),
        ["sharpe"] = Json(s.Sharpe),
        ["sortino"] = Json(s.Sortino),
        ["information_ratio"] = Json(s.InformationRatio),
        ["volatility"] = Json(s.Volatility),
        ["max_drawdown"] = Json(s.MaxDrawdown),
        ["benchmark_total_return"] = Json(s.BenchmarkTotalReturn),
        ["benchmark_annual_return"] = Json(s.BenchmarkAnnualReturn),
        ["tracking_error"] = Json(s.TrackingError),
        ["downside_risk"] = Json(s.DownsideRisk),
    };

    /// <summary>A score table's tear sheet (the seed ensemble's, or the unfiltered picks'): backtested with the workflow's strategy and rules; its page and summary.</summary>
    private static (string? Sheet, PerformanceSummary? Summary) TearSheetOf(WorkflowSpec spec, MarketView market, MarketData data, RunDirectory run, string model, string scored, ScoreTable scores)
    {
        var result = Backtester.Run(market, scores, spec.Strategy.Create(), Span(spec, market, scores));
        var dir = Path.Combine(run.Path, TearSheetsFolder, model);
        Directory.CreateDirectory(dir);
        var series = result.ToSeries();
        TearSheet.Write(dir, series, new TearSheetOptions(
            Title: $"{spec.Name}: {model} ({scored}), {result.Strategy}",
            StrategyName: $"{model} {result.Strategy}",
            BenchmarkName: data.Benchmark?.Symbol ?? "Benchmark"));
        return (File.ReadAllText(Path.Combine(dir, TearSheet.ReportFile)), PerformanceSummary.Compute(series));
    }
}
