using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics.X86;
using AlphaSharp.Data;
using AlphaSharp.Factors;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Models;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Experiments;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Bench;

/// <summary>
/// `models [--kinds a,b] [--sets alpha158,alpha360] [--batches N] [--rounds R] [--threads T]`: on the shipped store, (1) the Alpha158
/// feature cube over the whole store and what Alpha158 windows of 20 days cost on top of it (nothing: they are views;
/// a store of every window is printed beside it), (2) for each feature set and network, training samples per second
/// through the real dataset and trainer beside the same network fed a fixed pre-filled batch (engine only), so the
/// data path's cost is their ratio (<see cref="TrainingSpeed"/>).
/// </summary>
internal static class ModelsBench
{
    private const int BatchSize = 800;

    public static int Run(string[] args)
    {
        var kinds = (BenchArgs.Value(args, "--kinds") ?? string.Join(',', NetCatalog.BenchmarkNames)).Split(',');
        var sets = (BenchArgs.Value(args, "--sets") ?? "alpha158,alpha360").Split(',');
        var batches = int.Parse(BenchArgs.Value(args, "--batches") ?? "60", CultureInfo.InvariantCulture);
        var rounds = int.Parse(BenchArgs.Value(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        // One engine thread shows the code's own costs on a busy machine, where a parallel step waits on whichever
        // of its threads the scheduler took away.
        if (BenchArgs.Value(args, "--threads") is { } threads) Gemm.MaxThreads = int.Parse(threads, CultureInfo.InvariantCulture);
        Console.WriteLine($"models bench: {CpuName()}, {Environment.ProcessorCount} cores, AVX-512 {(Avx512F.IsSupported ? "yes" : "no (AVX2 paths)")}, " +
                          $"Vector<float> {Vector<float>.Count} lanes, .NET {Environment.Version}, {Gemm.MaxThreads} engine threads, load average {LoadAverage()}");
        var data = MarketStore.Load(RepoRoot.ShippedStore);
        if (sets.Contains("alpha158")) CubeFigures(data);

        // (2) Training speed, through the data path and engine only, on 2014 (train) of the Qlib protocol.
        Console.WriteLine($"training speed on 2014, {batches} batches x {rounds} rounds, trainer and engine alternating every 6 batches, each at its quickest tenth of steps:");
        Console.WriteLine($"{"set",-9} {"kind",-12} {"batch",6} {"trainer/s",10} {"engine/s",10} {"data path",10}");
        foreach (var set in sets)
        {
            var features = FeatureSetCatalog.Get(set).Required;
            // The MLP reads one feature list and the sequence networks another: one dataset (one cube) for each.
            foreach (var group in kinds.GroupBy(k => k == "mlp"))
            {
                var inputs = InputsOf(set, group.First(), features);
                var ds = Dataset.Build(data, QlibBenchmark.Spec(inputs) with
                {
                    Segments = [new Segment("train", new DateOnly(2014, 1, 1), new DateOnly(2014, 12, 31))],
                });
                var normalizer = ds.FitNormalizer(ds.Span("train"));
                foreach (var kind in group)
                {
                    // Alpha360's sequence networks read its row as Qlib reshapes it: 6 fields x 60 days.
                    var fields = set == "alpha360" && kind != "mlp";
                    var config = new NetConfig
                    {
                        Kind = kind, Features = fields ? inputs.Count / 60 : inputs.Count, Window = kind == "mlp" ? 1 : fields ? 60 : 20,
                        FieldRows = fields, Hidden = 64, Layers = 2, HiddenSizes = [256],
                    };
                    var options = new TrainerOptions { Epochs = 1, BatchSize = BatchSize, Patience = 1 };
                    var input = new NeuralModel(config, options).Input;
                    var train = ds.ModelData(ds.Span("train"), input, normalizer, forFitting: true);
                    var rates = TrainingSpeed.Measure(train, config, options, batches, rounds);
                    Console.WriteLine($"{set,-9} {kind,-12} {BatchSize,6} {rates.Trainer,10:F0} {rates.Engine,10:F0} {rates.DataPath,9:P1}");
                }
                ds = null;
                GC.Collect();
            }
        }
        return 0;
    }

    /// <summary>
    /// The features a kind reads: every feature of the set for the MLP (one day's row) and for Alpha360's sequence
    /// networks (its row of 6 fields x 60 days, read as a sequence), Qlib's 20 sequence columns of Alpha158 as 20-day
    /// windows for Alpha158's.
    /// </summary>
    private static IReadOnlyList<Feature> InputsOf(string set, string kind, IReadOnlyList<Feature> features) =>
        kind == "mlp" || set != "alpha158" ? features : features.Where(f => QlibBenchmark.SequenceColumns.Contains(f.Name)).ToArray();

    /// <summary>(1) The whole store's Alpha158 cube, and its 20-day windows as views beside stored whole.</summary>
    private static void CubeFigures(MarketData data)
    {
        var cal = data.Calendar;
        var all = Alpha158.Set.Required;
        var clock = Stopwatch.StartNew();
        var spec = new DatasetSpec(all, DatasetSpec.QlibLabel, 2, [new Segment("all", cal.First, cal.Last)], LabelNorm.CsRank);
        var full = Dataset.Build(data, spec);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var panelBytes = (long)all.Count * full.Cube.N * full.Cube.T * sizeof(float);
        var samples = full.Samples(full.Span("all"), labelled: true).Count;
        var materialised = (long)samples * 20 * all.Count * sizeof(float);
        Console.WriteLine($"alpha158 cube: {all.Count} features x {full.Cube.N} instruments x {full.Cube.T} days = {full.Cube.Bytes / 1e9:F2} GB " +
                          $"({buildSeconds:F1} s to compute), the feature panels themselves {panelBytes / 1e9:F2} GB: ratio {(double)full.Cube.Bytes / panelBytes:F2}");
        Console.WriteLine($"alpha158 windows (L = 20) over the whole store: {samples:N0} member samples with a label; as views they add 0 bytes " +
                          $"(one batch buffer); stored whole they would take {materialised / 1e9:F1} GB; peak RSS so far {Memory.PeakRssMb():F0} MB");
        GC.Collect();
    }

    private static string CpuName() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    /// <summary>The 1-minute load average, printed because these figures are often taken on a machine shared with other work.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
