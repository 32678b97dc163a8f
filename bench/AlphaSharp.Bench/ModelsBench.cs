using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics.X86;
using AlphaSharp.Data;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Models;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Bench;

/// <summary>
/// `models [--kinds a,b] [--batches N]`: on the shipped store, (1) the Alpha158 feature cube over the whole store and
/// what Alpha158 windows of 20 days cost on top of it (nothing: they are views; a store of every window is printed
/// beside it), (2) for each network, training samples per second through the real dataset and trainer beside the
/// same network fed a fixed pre-filled batch (engine only), so the data path's cost is their ratio.
/// </summary>
internal static class ModelsBench
{
    public static int Run(string[] args)
    {
        var kinds = (BenchArgs.Value(args, "--kinds") ?? string.Join(',', NetCatalog.Names)).Split(',');
        var batches = int.Parse(BenchArgs.Value(args, "--batches") ?? "60", CultureInfo.InvariantCulture);
        Console.WriteLine($"models bench: {CpuName()}, {Environment.ProcessorCount} cores, AVX-512 {(Avx512F.IsSupported ? "yes" : "no (AVX2 paths)")}, .NET {Environment.Version}");
        var data = MarketStore.Load(RepoRoot.ShippedStore);
        var cal = data.Calendar;
        var all = Alpha158.Set.Required;

        // (1) The whole store's Alpha158 cube.
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
        full = null;
        GC.Collect();

        // (2) Training speed, through the data path and engine only, on 2014 (train) of the Qlib protocol.
        var seq = all.Where(f => AlphaSharp.Models.Experiments.QlibBenchmark.SequenceColumns.Contains(f.Name)).ToArray();
        Console.WriteLine($"{"kind",-12} {"batch",6} {"trainer/s",10} {"engine/s",10} {"data path",10}");
        foreach (var kind in kinds)
        {
            var features = kind == "mlp" ? all : seq;
            var ds = Dataset.Build(data, spec with
            {
                Features = features,
                Segments = [new Segment("train", new DateOnly(2014, 1, 1), new DateOnly(2014, 12, 31))],
            });
            var config = new NetConfig { Kind = kind, Features = features.Count, Window = kind == "mlp" ? 1 : 20, Hidden = 64, Layers = 2, HiddenSizes = [256] };
            var options = new TrainerOptions { Epochs = 1, BatchSize = 800, Patience = 1 };
            var model = new NeuralModel(config, options);
            var normalizer = ds.FitNormalizer(ds.Span("train"));
            var train = ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true);
            var subset = Math.Min(train.Count, batches * options.BatchSize);
            var order = Enumerable.Range(0, train.Count).ToArray();
            new Rng(1).Shuffle(order.AsSpan());
            var part = new ModelData(train.Sampler, train.Samples.Select(order.AsSpan(0, subset)), order.Take(subset).Select(k => train.Labels![k]).ToArray());
            model.Fit(Slice(part, 2 * options.BatchSize), null, new FitContext()); // warm-up
            clock.Restart();
            model.Fit(part, null, new FitContext());
            var trainerRate = part.Count / clock.Elapsed.TotalSeconds;
            var engineRate = EngineOnly(NetCatalog.Create(config, 2), model.Input, config, options, subset / options.BatchSize);
            Console.WriteLine($"{kind,-12} {options.BatchSize,6} {trainerRate,10:F0} {engineRate,10:F0} {1 - trainerRate / engineRate,9:P1}");
        }
        return 0;
    }

    private static ModelData Slice(ModelData d, int n)
    {
        var keep = Enumerable.Range(0, Math.Min(n, d.Count)).ToArray();
        return new ModelData(d.Sampler, d.Samples.Select(keep), keep.Select(k => d.Labels![k]).ToArray());
    }

    /// <summary>The trainer's step on one pre-filled batch: forward, MSE, backward, clipping, Adam.</summary>
    private static double EngineOnly(Net net, ModelInput input, NetConfig config, TrainerOptions o, int steps)
    {
        var rng = new Rng(5);
        var shape = input.Shape == SampleShape.Rows ? new[] { o.BatchSize, config.Features } : [o.BatchSize, input.Window, config.Features];
        var x = Tensor.Normal(rng, 0, 1, shape);
        var y = Tensor.Normal(rng, 0, 1, o.BatchSize, 1);
        var adam = new Adam(net.Parameters(), o.LearningRate);
        var arena = new TensorArena();
        void Step()
        {
            using (arena.Step())
            {
                adam.ZeroGrad();
                Losses.Mse(net.Forward(x), y).Backward();
            }
            GradClip.ClipGradNorm(adam.Parameters, o.ClipNorm);
            adam.Step();
        }
        Step();
        Step();
        var clock = Stopwatch.StartNew();
        for (var s = 0; s < steps; s++) Step();
        return steps * o.BatchSize / clock.Elapsed.TotalSeconds;
    }

    private static string CpuName() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

}
