using System.Diagnostics;
using AlphaSharp.Common;
using AlphaSharp.Models.Nets;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Models.Training;

/// <summary>
/// Trains a <see cref="Net"/>: epochs of seeded shuffled batches (each epoch's order drawn from the seed and the epoch
/// number alone), Adam, gradient clipping, learning-rate schedules (exponential, cosine, step), sample-weighted MSE
/// or class-weighted cross-entropy, and early stopping on the validation loss, IC or backtest Sharpe that keeps the best epoch's weights. With a
/// directory it writes the epoch log and two checkpoints after every epoch (atomically), and a fit that finds its
/// own last checkpoint there resumes from it to exactly the parameters an uninterrupted fit reaches.
/// </summary>
public sealed class Trainer
{
    private readonly Net _net;
    private readonly TrainerOptions _o;
    private readonly Adam _optimizer;
    private readonly TensorArena _arena = new();

    public Trainer(Net net, TrainerOptions options)
    {
        options.Validate();
        if (options.ClassWeights.Length > 0 && options.ClassWeights.Length != net.Config.Outputs)
            throw new InputException($"class_weights: {options.ClassWeights.Length} weights for {net.Config.Outputs} classes");
        _net = net;
        _o = options;
        _optimizer = new Adam(net.Parameters(), options.LearningRate, weightDecay: options.WeightDecay);
    }

    public FitReport Fit(ModelData train, ModelData? valid, FitContext context)
    {
        if (train.Labels is null) throw new ArgumentException("trainer: the training data has no labels");
        if (train.Count == 0) throw new InputException("train: the training segment has no sample (no member with a label in it)");
        if (valid is { Labels: null }) throw new ArgumentException("trainer: the validation data has no labels");
        if (_o.Metric == StopMetric.Sharpe && valid is { Returns: null })
            throw new SettingException($"{new SettingName("stop")} sharpe: the validation data carries no raw returns to backtest (build it from a dataset)");
        var clock = Stopwatch.StartNew();
        var state = TrainingState.Start(_o.LearningRate);
        var checkpoints = context.Directory is null ? null : new TrainingCheckpoints(context.Directory, Fingerprint(train, valid));
        if (checkpoints?.TryResume(_net, _optimizer, out var resumed) == true) state = resumed;
        var bestState = state.BestEpoch >= 0 ? checkpoints?.LoadBest() : null;

        var batches = (train.Count + _o.BatchSize - 1) / _o.BatchSize;
        // Full-size batches alternate between two buffers, one stepped on while the next is filled (FillAhead); a
        // short last batch has its own. Three batches' memory serve the whole fit.
        var size = Math.Min(_o.BatchSize, train.Count);
        TrainingBatch[] fullBatches = [new(train, size), new(train, size)];
        var shortBatch = train.Count % size == 0 ? null : new TrainingBatch(train, train.Count % size);
        TrainingBatch BatchFor(int b) => b == batches - 1 && shortBatch is not null ? shortBatch : fullBatches[b % 2];
        var classWeights = _o.ClassWeights.Length > 0 ? new Tensor((float[])_o.ClassWeights.Clone(), _o.ClassWeights.Length) : null;
        while (state.NextEpoch < _o.Epochs && state.BadEpochs < _o.Patience)
        {
            context.Cancel.ThrowIfCancellationRequested();
            var epoch = state.NextEpoch;
            var epochClock = Stopwatch.StartNew();
            state.LearningRate = _o.LearningRateAt(epoch);
            _optimizer.LearningRate = state.LearningRate;
            var order = Enumerable.Range(0, train.Count).ToArray();
            new Rng(EpochSeed(_o.Seed, epoch)).Shuffle(order.AsSpan());
            _net.Train();
            double lossSum = 0;
            long seen = 0;
            var next = FillAhead.Start(train, BatchFor(0), order, 0);
            for (var b = 0; b < batches; b++)
            {
                var batch = next.Take();
                var n = batch.Size;
                if (b + 1 < batches) next = FillAhead.Start(train, BatchFor(b + 1), order, (b + 1) * size);
                float loss;
                using (_arena.Step())
                {
                    _optimizer.ZeroGrad();
                    var lossTensor = Loss(_net.Forward(batch.Inputs), batch, classWeights);
                    loss = lossTensor.Item();
                    lossTensor.Backward();
                }
                if (_o.ClipNorm > 0) GradClip.ClipGradNorm(_optimizer.Parameters, _o.ClipNorm);
                _optimizer.Step();
                lossSum += (double)loss * n;
                seen += n;
                context.Progress?.Invoke(new TrainingProgress(epoch + 1, _o.Epochs, b + 1, batches, lossSum / seen,
                    seen / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds), state.Log.LastOrDefault()?.ValidLoss, state.Log.LastOrDefault()?.ValidIc));
            }
            var trainSeconds = epochClock.Elapsed.TotalSeconds;
            var figures = valid is null ? new ValidationScore(double.NaN, double.NaN) : Evaluate(valid);
            var (validLoss, validIc) = (figures.Loss, figures.Ic);
            var score = figures.By(_o.Metric);
            var improved = valid is null || state.BestEpoch < 0 || (ValidationScore.HigherIsBetter(_o.Metric) ? score > state.BestScore : score < state.BestScore);
            state.Log.Add(new EpochLog(epoch + 1, lossSum / seen, validLoss, validIc, state.LearningRate, epochClock.Elapsed.TotalSeconds, seen / trainSeconds, figures.Sharpe));
            if (improved)
            {
                state.BestEpoch = epoch;
                state.BestScore = score;
                state.BadEpochs = 0;
                bestState = CopyState(_net.StateDict());
            }
            else state.BadEpochs++;
            state.NextEpoch = epoch + 1;
            if (checkpoints is not null)
            {
                if (improved) checkpoints.SaveBest(bestState!);
                checkpoints.SaveLast(_net, _optimizer, state);
                checkpoints.WriteLog(state.Log);
            }
            context.Progress?.Invoke(new TrainingProgress(epoch + 1, _o.Epochs, batches, batches, lossSum / seen, seen / trainSeconds, validLoss, validIc, EpochDone: true));
        }
        if (bestState is not null) _net.LoadStateDict(bestState);
        _net.Eval();
        return new FitReport(state.NextEpoch, state.BestEpoch + 1, state.BestScore, _o.Metric.ToString().ToLowerInvariant(), state.Log, clock.Elapsed);
    }

    /// <summary>
    /// The inputs of the first batch a fit with <paramref name="options"/> trains on (epoch 1's shuffle, its first
    /// batch): what a network that fixes layers on its first batch (<see cref="IPrefitNet"/>) decides on.
    /// </summary>
    public static Tensor FirstBatch(ModelData train, TrainerOptions options)
    {
        if (train.Count == 0) throw new InputException("train: the training segment has no sample (no member with a label in it)");
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Rng(EpochSeed(options.Seed, 0)).Shuffle(order.AsSpan());
        var batch = new TrainingBatch(train, Math.Min(options.BatchSize, train.Count));
        batch.Fill(train, order.AsSpan(0, batch.Size));
        return batch.Inputs;
    }

    /// <summary>
    /// Scores every sample in evaluation mode: the output for a regression, P(last class) for a classifier. Nothing is
    /// recorded for a backward pass: a recorded step would keep its saved activations (for Qlib's Alpha360 Transformer
    /// at batch 2048, a GB per feed-forward block) until the arena let them go, never back in the pool.
    /// </summary>
    public float[] Predict(ModelData data)
    {
        using var noGrad = Autograd.NoGrad();
        _net.Eval();
        var scores = new float[data.Count];
        var batch = Math.Max(_o.BatchSize, 1024);
        var x = new float[batch * data.SampleSize];
        var all = Enumerable.Range(0, data.Count).ToArray();
        for (var from = 0; from < data.Count; from += batch)
        {
            var n = Math.Min(batch, data.Count - from);
            data.FillInputs(all.AsSpan(from, n), x);
            using (_arena.Step())
            {
                var output = _net.Forward(new Tensor(Exactly(x, n * data.SampleSize), Shape(data, n)));
                var classes = _net.Config.Outputs;
                if (classes == 1) output.Data.AsSpan(0, n).CopyTo(scores.AsSpan(from, n));
                else
                    for (var k = 0; k < n; k++) scores[from + k] = LastClassProbability(output.Data.AsSpan(k * classes, classes));
            }
        }
        return scores;
    }

    private ValidationScore Evaluate(ModelData valid)
    {
        var scores = Predict(valid);
        var regression = ValidationMetrics.Of(valid, scores);
        if (_net.Config.Outputs == 1) return regression;
        // A classifier's validation loss is the binary log loss of P(last class), the score it ranks by (a second pass
        // for the full cross-entropy would double the cost).
        var labels = valid.Labels!;
        double sum = 0;
        var top = _net.Config.Outputs - 1;
        for (var k = 0; k < scores.Length; k++)
        {
            var p = Math.Clamp(scores[k], 1e-7, 1 - 1e-7);
            sum -= labels[k] == top ? Math.Log(p) : Math.Log(1 - p);
        }
        return regression with { Loss = sum / Math.Max(1, scores.Length) };
    }

    private Tensor Loss(Tensor output, TrainingBatch batch, Tensor? classWeights) =>
        _net.Config.Outputs == 1
            ? Losses.Mse(output, batch.Targets, batch.Weights)
            : Losses.CrossEntropy(output, batch.Classes, classWeights);

    private static float LastClassProbability(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var v in logits) max = Math.Max(max, v);
        double sum = 0;
        foreach (var v in logits) sum += Math.Exp(v - max);
        return (float)(Math.Exp(logits[^1] - max) / sum);
    }

    private static int[] Shape(ModelData data, int n) => data.Sampler.BatchShape(n);

    /// <summary>The batch buffer itself when it is full (a tensor takes an array of its exact size), else a copy of its start.</summary>
    private static float[] Exactly(float[] buffer, int length) => buffer.Length == length ? buffer : buffer.AsSpan(0, length).ToArray();

    private static Dictionary<string, Tensor> CopyState(Dictionary<string, Tensor> state) =>
        state.ToDictionary(p => p.Key, p => p.Value.Detach(), StringComparer.Ordinal);

    /// <summary>Each epoch's shuffle comes from the seed and the epoch alone, so a resumed run draws the same orders.</summary>
    internal static ulong EpochSeed(ulong seed, int epoch) => seed * 0x9E3779B97F4A7C15UL + (ulong)epoch + 1;

    /// <summary>What a checkpoint must match to be resumed: the options, the network and the data's size.</summary>
    private string Fingerprint(ModelData train, ModelData? valid) =>
        $"{System.Text.Json.JsonSerializer.Serialize(_o)}|{System.Text.Json.JsonSerializer.Serialize(_net.Config)}|{train.Count}|{train.SampleSize}|{valid?.Count ?? 0}";
}
