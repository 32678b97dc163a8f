using System.Diagnostics;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Models.Classical;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Evaluation;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;
using AlphaSharp.Models.WalkForward;

namespace AlphaSharp.Models.Experiments;

/// <summary>One model's test-period signal figures over its seeds, and its wall time.</summary>
public sealed record BenchmarkRow(string Model, int Seeds, double Ic, double IcStd, double IcIr, double IcIrStd, double RankIc, double RankIcStd,
    double RankIcIr, double RankIcIrStd, double Seconds, string Settings);

/// <summary>
/// How the benchmark's networks stop: an epoch cap, and optionally a stop metric and a patience in place of each
/// model's Qlib setting (Qlib stops every network on the validation loss).
/// </summary>
public sealed record BenchmarkOptions(int MaxEpochs = 200, StopMetric? Stop = null, int? Patience = null)
{
    public void Validate()
    {
        if (MaxEpochs < 1) throw new SettingException($"{new SettingName("max_epochs")} {MaxEpochs}: need at least one epoch");
        if (Patience is < 1) throw new SettingException($"{new SettingName("patience")} {Patience}: need at least one epoch");
    }
}

/// <summary>
/// Qlib's benchmark protocol on a store: Alpha158 features (the 20 columns Qlib's sequence models read, as 20-day
/// windows, for the recurrent and convolutional networks), the label <c>Ref($close,-2)/Ref($close,-1)-1</c>,
/// RobustZScoreNorm (clip 3) and Fillna fitted on train, CSRankNorm on the fitting label, DropnaLabel; train
/// 2011-01-01..2014-12-31 (Qlib starts 2008; the shipped store starts 2011), valid 2015..2016, test
/// 2017-01-01..2020-07-31. Each model is fitted per seed on train, stopped on valid, and scored on test against the
/// raw label: IC, ICIR, Rank IC and Rank ICIR, mean and std over seeds.
/// </summary>
public static class QlibBenchmark
{
    /// <summary>Qlib's 20 Alpha158 columns for its sequence models (the FilterCol of its benchmark configs).</summary>
    public static readonly string[] SequenceColumns =
    [
        "RESI5", "WVMA5", "RSQR5", "KLEN", "RSQR10", "CORR5", "CORD5", "CORR10", "ROC60", "RESI10",
        "VSTD5", "RSQR60", "CORR60", "WVMA60", "STD5", "RSQR20", "CORD60", "CORD10", "CORR20", "KLOW",
    ];

    public static IReadOnlyList<Segment> Segments =>
    [
        new("train", new DateOnly(2011, 1, 1), new DateOnly(2014, 12, 31)),
        new("valid", new DateOnly(2015, 1, 1), new DateOnly(2016, 12, 31)),
        new("test", new DateOnly(2017, 1, 1), new DateOnly(2020, 7, 31)),
    ];

    public static DatasetSpec Spec(IReadOnlyList<Feature> features) =>
        new(features, DatasetSpec.QlibLabel, 2, Segments, LabelNorm.CsRank, new FeatureProcessing(FeatureNorm.RobustZScore, 3, 0));

    /// <summary>Qlib's published settings for each model (its benchmarks/*/workflow_config_*_Alpha158.yaml), with an epoch cap.</summary>
    public static (IModel Model, string Settings) Create(string kind, ulong seed, BenchmarkOptions options)
    {
        TrainerOptions T(int epochs, double lr, int batch, int patience) => new()
        {
            Epochs = Math.Min(epochs, options.MaxEpochs), LearningRate = lr, BatchSize = batch, Patience = options.Patience ?? patience,
            Metric = options.Stop ?? StopMetric.Loss, Seed = seed,
        };
        var (model, settings) = CreateWith(kind, seed, T);
        return (model, model is NeuralModel n ? $"{settings}, stop on valid {n.Options.Metric.ToString().ToLowerInvariant()}" : settings);
    }

    private static (IModel Model, string Settings) CreateWith(string kind, ulong seed, Func<int, double, int, int, TrainerOptions> T)
    {
        NetConfig Seq(string k, int hidden = 64, int layers = 2) => new() { Kind = k, Features = SequenceColumns.Length, Window = 20, Hidden = hidden, Layers = layers };
        switch (kind)
        {
            case "linear":
                return (new LinearModel(), "OLS, intercept, no penalty");
            case "lightgbm":
            {
                var p = LightGbmParameters.QlibAlpha158 with { Seed = (int)seed };
                return (new GradientBoostedModel(p), $"Qlib's preset: mse, {p.NumLeaves} leaves, depth {p.MaxDepth}, lr {p.LearningRate}, " +
                    $"l1 {p.LambdaL1}, l2 {p.LambdaL2}, feature fraction {p.FeatureFraction}, <= {p.NumBoostRound} rounds, early stop {p.EarlyStoppingRounds}, {p.NumThreads} threads");
            }
            case "mlp":
            {
                var o = T(100, 2e-3, 8192, 20);
                return (new NeuralModel(new NetConfig { Kind = "mlp", Features = Alpha158.Set.Required.Count, HiddenSizes = [512] }, o),
                    $"158 -> 512 -> 1, BatchNorm, LeakyReLU, Adam lr 2e-3, batch 8192, epochs <= {o.Epochs}, early stop {o.Patience}");
            }
            case "alstm":
            {
                var o = T(200, 1e-3, 800, 10);
                return (new NeuralModel(Seq(kind) with { RnnType = "GRU" }, o), $"20 features x 20 days, GRU cell, hidden 64, 2 layers, Adam lr 1e-3, batch 800, epochs <= {o.Epochs}, early stop {o.Patience}");
            }
            case "tcn":
            {
                var o = T(200, 1e-4, 2000, 20);
                var c = Seq(kind, hidden: 32, layers: 5) with { KernelSize = 7, Dropout = 0.5f };
                return (new NeuralModel(c, o), $"20 features x 20 days, 5 blocks of 32 channels, kernel 7, dropout 0.5, Adam lr 1e-4, batch 2000, epochs <= {o.Epochs}, early stop {o.Patience}");
            }
            case "transformer":
            {
                var o = T(100, 1e-4, 2048, 5);
                var c = Seq(kind, hidden: 64, layers: 2) with { Heads = 2 };
                return (new NeuralModel(c, o), $"20 features x 20 days, d_model 64, 2 heads, 2 layers, ff {c.FeedForward}, Adam lr 1e-4, batch 2048, epochs <= {o.Epochs}, early stop {o.Patience}");
            }
            default:
                if (!NetCatalog.BenchmarkNames.Contains(kind))
                    throw new InputException($"models: '{kind}' is not a model of the benchmark (known: linear, lightgbm, mlp, {string.Join(", ", NetCatalog.BenchmarkNames.Where(n => n != "mlp"))})");
                var d = T(200, 1e-3, 800, 10);
                return (new NeuralModel(Seq(kind), d), $"20 features x 20 days, hidden 64, 2 layers, Adam lr 1e-3, batch 800, epochs <= {d.Epochs}, early stop {d.Patience}");
        }
    }

    public static bool ReadsRows(string kind) => kind is "linear" or "mlp" or "lightgbm";

    /// <summary>
    /// Runs every model for every seed; <paramref name="log"/> gets a line per fit and one per epoch. With a
    /// <paramref name="journal"/>, fits it holds are taken from it instead of refitted and each new fit is recorded
    /// as it ends, so a stopped run resumes. A row's seconds are its fits' (fit and test prediction). A network's fit
    /// also sends <paramref name="status"/> its progress bar (<see cref="ProgressText"/>) after every batch.
    /// </summary>
    public static IReadOnlyList<BenchmarkRow> Run(MarketData data, IReadOnlyList<string> kinds, int seeds, BenchmarkOptions options,
        Action<string>? log = null, BenchmarkJournal? journal = null, Action<string>? status = null)
    {
        if (seeds < 1) throw new SettingException($"{new SettingName("seeds")} {seeds}: need at least one seed");
        options.Validate();
        var all = Alpha158.Set.Required;
        var sequence = all.Where(f => SequenceColumns.Contains(f.Name)).ToArray();
        foreach (var kind in kinds) Create(kind, 1, options); // every name checked before any work
        Dataset? rows = null, windows = null;
        var normalizers = new Dictionary<Dataset, FeatureNormalizer>();
        var result = new List<BenchmarkRow>();
        foreach (var kind in kinds)
        {
            var fits = new List<BenchmarkFit>();
            var settings = "";
            var runs = kind == "linear" ? 1 : seeds; // OLS has no randomness
            for (var seed = 1; seed <= runs; seed++)
            {
                var (model, text) = Create(kind, (ulong)seed, options);
                settings = text;
                if (journal?.Find(kind, seed, text) is { } done)
                {
                    log?.Invoke($"{kind} seed {seed}: recorded in {journal.Directory}/fits.csv, not refitted");
                    fits.Add(done);
                    continue;
                }
                var ds = ReadsRows(kind) ? rows ??= Dataset.Build(data, Spec(all)) : windows ??= Dataset.Build(data, Spec(sequence));
                if (!normalizers.TryGetValue(ds, out var normalizer)) normalizers[ds] = normalizer = ds.FitNormalizer(ds.Span("train"));
                var fit = FitOne(ds, normalizer, kind, seed, model, text, journal?.FitDirectory(kind, seed), log, status);
                journal?.Add(fit);
                fits.Add(fit);
                log?.Invoke($"{kind} seed {seed}: IC {fit.Ic:F4} ICIR {fit.IcIr:F3} Rank IC {fit.RankIc:F4} Rank ICIR {fit.RankIcIr:F3}; " +
                            $"{fit.Epochs} epochs (best {fit.BestEpoch}), {fit.Seconds:F0} s");
            }
            static (double Mean, double Std) Ms(IEnumerable<double> x)
            {
                var v = x.ToArray();
                var m = v.Average();
                return (m, v.Length > 1 ? Math.Sqrt(v.Sum(a => (a - m) * (a - m)) / (v.Length - 1)) : 0);
            }
            var ic = Ms(fits.Select(f => f.Ic));
            var icir = Ms(fits.Select(f => f.IcIr));
            var rank = Ms(fits.Select(f => f.RankIc));
            var rankIr = Ms(fits.Select(f => f.RankIcIr));
            result.Add(new BenchmarkRow(kind, runs, ic.Mean, ic.Std, icir.Mean, icir.Std, rank.Mean, rank.Std, rankIr.Mean, rankIr.Std,
                fits.Sum(f => f.Seconds), settings));
        }
        return result;
    }

    private static BenchmarkFit FitOne(Dataset ds, FeatureNormalizer normalizer, string kind, int seed, IModel model, string settings,
        string? checkpoints, Action<string>? log, Action<string>? status)
    {
        var train = ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true);
        var valid = ds.ModelData(ds.Span("valid"), model.Input, normalizer, forFitting: true);
        var clock = Stopwatch.StartNew();
        var report = model.Fit(train, valid, new FitContext(Directory: checkpoints, Progress: p =>
        {
            if (!p.EpochDone) status?.Invoke(ProgressText.Of($"{kind} seed {seed}", p));
            else
                log?.Invoke($"{kind} seed {seed} epoch {p.Epoch}/{p.Epochs}: train loss {p.TrainLoss:F4}, valid loss {p.ValidLoss:F4}, " +
                            $"valid IC {p.ValidIc:F4}, {p.SamplesPerSecond:F0} samples/s");
        }));
        var test = ds.ModelData(ds.Span("test"), model.Input, normalizer, forFitting: false);
        var predicted = model.Predict(test);
        var ic = PredictionIc.Of(test.Samples, predicted, test.Labels!);
        if (checkpoints is not null)
        {
            // The fitted model and its test scores stay beside its checkpoints, so a backtest or report reads them without a refit.
            model.Save(checkpoints);
            AtomicFile.WriteAllText(Path.Combine(checkpoints, WindowFiles.NormalizerFile), normalizer.ToJson());
            WindowFiles.WritePredictions(Path.Combine(checkpoints, WindowFiles.PredictionsFile), test.Samples, predicted, ds.Cube.Calendar, ds.Cube.Symbols);
        }
        return new BenchmarkFit(kind, seed, settings, ic.Ic, ic.IcIr, ic.RankIc, ic.RankIcIr, report.Epochs, report.BestEpoch, clock.Elapsed.TotalSeconds);
    }
}
