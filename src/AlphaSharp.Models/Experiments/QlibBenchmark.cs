using System.Diagnostics;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Models.Classical;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Evaluation;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Models.Experiments;

/// <summary>One model's test-period signal figures over its seeds, and its wall time.</summary>
public sealed record BenchmarkRow(string Model, int Seeds, double Ic, double IcStd, double IcIr, double IcIrStd, double RankIc, double RankIcStd,
    double RankIcIr, double RankIcIrStd, double Seconds, string Settings);

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
    public static (IModel Model, string Settings) Create(string kind, ulong seed, int maxEpochs)
    {
        TrainerOptions T(int epochs, double lr, int batch, int patience) =>
            new() { Epochs = Math.Min(epochs, maxEpochs), LearningRate = lr, BatchSize = batch, Patience = patience, Seed = seed };
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
                    $"158 -> 512 -> 1, BatchNorm, LeakyReLU, Adam lr 2e-3, batch 8192, epochs <= {o.Epochs}, patience 20");
            }
            case "alstm":
            {
                var o = T(200, 1e-3, 800, 10);
                return (new NeuralModel(Seq(kind) with { RnnType = "GRU" }, o), $"20 features x 20 days, GRU cell, hidden 64, 2 layers, Adam lr 1e-3, batch 800, epochs <= {o.Epochs}, early stop 10");
            }
            case "tcn":
            {
                var o = T(200, 1e-4, 2000, 20);
                var c = Seq(kind, hidden: 32, layers: 5) with { KernelSize = 7, Dropout = 0.5f };
                return (new NeuralModel(c, o), $"20 features x 20 days, 5 blocks of 32 channels, kernel 7, dropout 0.5, Adam lr 1e-4, batch 2000, epochs <= {o.Epochs}, early stop 20");
            }
            case "transformer":
            {
                var o = T(100, 1e-4, 2048, 5);
                var c = Seq(kind, hidden: 64, layers: 2) with { Heads = 2 };
                return (new NeuralModel(c, o), $"20 features x 20 days, d_model 64, 2 heads, 2 layers, ff {c.FeedForward}, Adam lr 1e-4, batch 2048, epochs <= {o.Epochs}, early stop 5");
            }
            default:
                if (!NetCatalog.Names.Contains(kind))
                    throw new InputException($"models: '{kind}' is not a model of the benchmark (known: linear, lightgbm, mlp, {string.Join(", ", NetCatalog.Names.Where(n => n != "mlp"))})");
                var d = T(200, 1e-3, 800, 10);
                return (new NeuralModel(Seq(kind), d), $"20 features x 20 days, hidden 64, 2 layers, Adam lr 1e-3, batch 800, epochs <= {d.Epochs}, early stop 10");
        }
    }

    public static bool ReadsRows(string kind) => kind is "linear" or "mlp" or "lightgbm";

    /// <summary>Runs every model for every seed; <paramref name="log"/> gets a line per fit and one per epoch.</summary>
    public static IReadOnlyList<BenchmarkRow> Run(MarketData data, IReadOnlyList<string> kinds, int seeds, int maxEpochs, Action<string>? log = null)
    {
        if (seeds < 1) throw new SettingException($"{new SettingName("seeds")} {seeds}: need at least one seed");
        var all = Alpha158.Set.Required;
        var sequence = all.Where(f => SequenceColumns.Contains(f.Name)).ToArray();
        foreach (var kind in kinds) Create(kind, 1, maxEpochs); // every name checked before any work
        Dataset? rows = null, windows = null;
        var result = new List<BenchmarkRow>();
        foreach (var kind in kinds)
        {
            var byRows = ReadsRows(kind);
            var ds = byRows ? rows ??= Dataset.Build(data, Spec(all)) : windows ??= Dataset.Build(data, Spec(sequence));
            var normalizer = ds.FitNormalizer(ds.Span("train"));
            var figures = new List<PredictionIc>();
            var clock = Stopwatch.StartNew();
            var settings = "";
            var runs = kind == "linear" ? 1 : seeds; // OLS has no randomness
            for (var s = 0; s < runs; s++)
            {
                var (model, text) = Create(kind, (ulong)(s + 1), maxEpochs);
                settings = text;
                var train = ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true);
                var valid = ds.ModelData(ds.Span("valid"), model.Input, normalizer, forFitting: true);
                var fitClock = Stopwatch.StartNew();
                var seedLabel = s + 1;
                var report = model.Fit(train, valid, new FitContext(Progress: p =>
                {
                    if (p.EpochDone)
                        log?.Invoke($"{kind} seed {seedLabel} epoch {p.Epoch}/{p.Epochs}: train loss {p.TrainLoss:F4}, valid loss {p.ValidLoss:F4}, " +
                                    $"valid IC {p.ValidIc:F4}, {p.SamplesPerSecond:F0} samples/s");
                }));
                var test = ds.ModelData(ds.Span("test"), model.Input, normalizer, forFitting: false);
                var ic = PredictionIc.Of(test.Samples, model.Predict(test), test.Labels!);
                figures.Add(ic);
                log?.Invoke($"{kind} seed {s + 1}: IC {ic.Ic:F4} ICIR {ic.IcIr:F3} Rank IC {ic.RankIc:F4} Rank ICIR {ic.RankIcIr:F3}; " +
                            $"{report.Epochs} epochs (best {report.BestEpoch}), {fitClock.Elapsed.TotalSeconds:F0} s");
            }
            static (double Mean, double Std) Ms(IEnumerable<double> x)
            {
                var v = x.ToArray();
                var m = v.Average();
                return (m, v.Length > 1 ? Math.Sqrt(v.Sum(a => (a - m) * (a - m)) / (v.Length - 1)) : 0);
            }
            var ic0 = Ms(figures.Select(f => f.Ic));
            var icir = Ms(figures.Select(f => f.IcIr));
            var rank = Ms(figures.Select(f => f.RankIc));
            var rankIr = Ms(figures.Select(f => f.RankIcIr));
            result.Add(new BenchmarkRow(kind, runs, ic0.Mean, ic0.Std, icir.Mean, icir.Std, rank.Mean, rank.Std, rankIr.Mean, rankIr.Std,
                clock.Elapsed.TotalSeconds, settings));
        }
        return result;
    }
}
