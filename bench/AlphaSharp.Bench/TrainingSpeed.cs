using System.Diagnostics;
using AlphaSharp.Models;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Bench;

/// <summary>One network's training speed through the real data path and engine only, in samples per second.</summary>
internal sealed record TrainingRates(double Trainer, double Engine)
{
    /// <summary>The share of the trainer's time the data path takes: 1 - trainer/engine.</summary>
    public double DataPath => 1 - Trainer / Engine;
}

/// <summary>
/// Times one network kind two ways, step by step: a real fit (dataset windows through the sampler, labels, the
/// trainer's loop; a batch's time runs from one progress tick to the next) and the same network's step on one fixed
/// pre-filled batch (engine only). They alternate every few batches, so both meet the same moments of a machine
/// shared with other work, whose load comes and goes over seconds (with rounds of whole seconds one side could draw
/// a quiet stretch and the other not, and the MLP's ratio swung from -36 % to +45 %). Each side is summarised by a
/// low percentile of its step times: that noise only ever adds time, so the quickest tenth of the steps is what the
/// code itself costs.
/// </summary>
internal static class TrainingSpeed
{
    private const double Percentile = 0.1;
    /// <summary>Batches per alternation: one fit (one epoch) of this many, the first of which is not counted.</summary>
    private const int ChunkBatches = 6;

    public static TrainingRates Measure(ModelData train, NetConfig config, TrainerOptions options, int batches, int rounds)
    {
        var model = new NeuralModel(config, options);
        var part = FirstShuffled(train, batches * options.BatchSize);
        var chunks = Math.Max(1, part.Count / options.BatchSize / ChunkBatches);
        var chunkSize = ChunkBatches * options.BatchSize;
        var engine = new EngineStep(NetCatalog.Create(config, 2), model.Input, config, options);
        model.Fit(Range(part, 0, 2 * options.BatchSize), null, new FitContext()); // warm-up: JIT, arena sizes
        engine.Run(2, []);
        var trainerSteps = new List<double>();
        var engineSteps = new List<double>();
        for (var r = 0; r < rounds; r++)
            for (var c = 0; c < chunks; c++)
            {
                FitSteps(model, Range(part, c * chunkSize, chunkSize), trainerSteps);
                engine.Run(ChunkBatches - 1, engineSteps);
            }
        return new TrainingRates(options.BatchSize / Low(trainerSteps), options.BatchSize / Low(engineSteps));
    }

    /// <summary>The seconds of each full batch of one fit but the first (which also carries the epoch's shuffle).</summary>
    private static void FitSteps(NeuralModel model, ModelData part, List<double> seconds)
    {
        var last = 0L;
        model.Fit(part, null, new FitContext(Progress: p =>
        {
            var now = Stopwatch.GetTimestamp();
            if (!p.EpochDone && p.Batch > 1 && p.Batch * model.Options.BatchSize <= part.Count) seconds.Add(Stopwatch.GetElapsedTime(last, now).TotalSeconds);
            last = now;
        }));
    }

    private static double Low(List<double> seconds)
    {
        seconds.Sort();
        return seconds[(int)(Percentile * (seconds.Count - 1))];
    }

    /// <summary>The first <paramref name="n"/> samples of a fixed shuffle, so a subset of a year spans the whole year.</summary>
    private static ModelData FirstShuffled(ModelData d, int n)
    {
        var order = Enumerable.Range(0, d.Count).ToArray();
        new Rng(1).Shuffle(order.AsSpan());
        return Subset(d, order.AsSpan(0, Math.Min(n, d.Count)));
    }

    /// <summary>Samples [from, from + n) of <paramref name="d"/>, n clipped to what is there.</summary>
    private static ModelData Range(ModelData d, int from, int n)
    {
        var keep = Enumerable.Range(from, Math.Min(n, d.Count - from)).ToArray();
        return Subset(d, keep);
    }

    private static ModelData Subset(ModelData d, ReadOnlySpan<int> keep)
    {
        var labels = new float[keep.Length];
        for (var k = 0; k < keep.Length; k++) labels[k] = d.Labels![keep[k]];
        return new ModelData(d.Sampler, d.Samples.Select(keep), labels);
    }

    /// <summary>The trainer's step on one pre-filled batch: forward, MSE, backward, clipping, Adam.</summary>
    private sealed class EngineStep
    {
        private readonly Net _net;
        private readonly Tensor _x;
        private readonly Tensor _y;
        private readonly Adam _adam;
        private readonly TensorArena _arena = new();
        private readonly double _clipNorm;

        public EngineStep(Net net, ModelInput input, NetConfig config, TrainerOptions o)
        {
            var rng = new Rng(5);
            _net = net;
            _x = Tensor.Normal(rng, 0, 1, net.Shape == Models.Datasets.SampleShape.Rows ? [o.BatchSize, config.Features] : [o.BatchSize, input.Window, config.Features]);
            _y = Tensor.Normal(rng, 0, 1, o.BatchSize, 1);
            _adam = new Adam(net.Parameters(), o.LearningRate, weightDecay: o.WeightDecay);
            _clipNorm = o.ClipNorm;
            _net.Train();
        }

        /// <summary>Runs <paramref name="steps"/> steps, adding each one's seconds to <paramref name="seconds"/>.</summary>
        public void Run(int steps, List<double> seconds)
        {
            for (var s = 0; s < steps; s++)
            {
                var start = Stopwatch.GetTimestamp();
                using (_arena.Step())
                {
                    _adam.ZeroGrad();
                    Losses.Mse(_net.Forward(_x), _y).Backward();
                }
                if (_clipNorm > 0) GradClip.ClipGradNorm(_adam.Parameters, _clipNorm);
                _adam.Step();
                seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
        }
    }
}
