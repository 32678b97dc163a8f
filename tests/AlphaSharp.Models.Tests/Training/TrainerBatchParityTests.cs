using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Models.Tests.Training;

/// <summary>
/// The trainer's batches, however it fills and reuses them, against a fit written from the definitions alone: each
/// epoch's order from the seed and the epoch, batches cut from it in turn (the last one short), every input read
/// straight from the feature cube and normalised by hand, weighted MSE, clipping, Adam. Same seed, so the final
/// parameters and the predictions must agree bit for bit.
/// </summary>
public class TrainerBatchParityTests
{
    [Theory]
    [InlineData("mlp", false, false)]
    [InlineData("mlp", true, false)]
    [InlineData("lstm", true, false)]
    [InlineData("gru", false, false)]
    [InlineData("mlp", false, true)]
    public void AFitEqualsANaiveLoopOverHandBuiltBatches(string kind, bool weighted, bool classifier)
    {
        var ds = NeuralModelTests.Build();
        var config = NeuralModelTests.Config(kind) with { Outputs = classifier ? 2 : 1 };
        // 100 does not divide the training count, so every epoch ends on a short batch; no validation, so the final
        // parameters are the last epoch's.
        var options = NeuralModelTests.Fast() with { Epochs = 3, BatchSize = 100, Patience = 10, ClassWeights = classifier ? [1f, 2.5f] : [] };
        var model = new NeuralModel(config, options);
        var normalizer = ds.FitNormalizer(ds.Span("train"));
        var full = ds.ModelData(ds.Span("train"), model.Input, normalizer, forFitting: true);
        var weights = weighted ? Enumerable.Range(0, full.Count).Select(k => 0.25f + k % 7 / 4f).ToArray() : null;
        var labels = classifier ? full.Labels!.Select(v => v > 0 ? 1f : 0f).ToArray() : full.Labels;
        var train = new ModelData(full.Sampler, full.Samples, labels, weights);
        Assert.NotEqual(0, train.Count % options.BatchSize);

        model.Fit(train, null, new FitContext());
        var naive = NaiveFit(train, config, options);

        var fitted = model.Net.StateDict();
        foreach (var (name, tensor) in naive.StateDict())
            Assert.True(BitEqual(tensor.Data, fitted[name].Data), $"{kind}: parameter {name} differs from the naive fit");
        if (classifier) return; // its predictions are P(last class), the trainer's own reading of the same outputs
        naive.Eval();
        var expected = naive.Forward(new Tensor(NaiveInputs(train, Enumerable.Range(0, train.Count).ToArray()), train.Sampler.BatchShape(train.Count))).Data;
        Assert.True(BitEqual(expected, model.Predict(train)), $"{kind}: predictions differ from the naive network's");
    }

    private static Net NaiveFit(ModelData train, NetConfig config, TrainerOptions o)
    {
        var net = NetCatalog.Create(config, o.Seed);
        var adam = new Adam(net.Parameters(), o.LearningRate, weightDecay: o.WeightDecay);
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            adam.LearningRate = o.LearningRateAt(epoch);
            var order = Enumerable.Range(0, train.Count).ToArray();
            new Rng(Trainer.EpochSeed(o.Seed, epoch)).Shuffle(order.AsSpan());
            net.Train();
            for (var from = 0; from < train.Count; from += o.BatchSize)
            {
                var batch = order.Skip(from).Take(o.BatchSize).ToArray();
                var x = new Tensor(NaiveInputs(train, batch), train.Sampler.BatchShape(batch.Length));
                var y = new Tensor(batch.Select(p => train.Labels![p]).ToArray(), batch.Length, 1);
                var w = train.Weights is null ? null : new Tensor(batch.Select(p => train.Weights[p]).ToArray(), batch.Length, 1);
                adam.ZeroGrad();
                var output = net.Forward(x);
                var loss = config.Outputs == 1
                    ? Losses.Mse(output, y, w)
                    : Losses.CrossEntropy(output, new Tensor(y.Data, batch.Length), new Tensor(o.ClassWeights, o.ClassWeights.Length));
                loss.Backward();
                GradClip.ClipGradNorm(adam.Parameters, o.ClipNorm);
                adam.Step();
            }
        }
        return net;
    }

    /// <summary>Each sample's window read cell by cell from the cube: missing or before the calendar is NaN, then normalised, clipped and filled.</summary>
    private static float[] NaiveInputs(ModelData data, int[] positions)
    {
        var sampler = data.Sampler;
        var cube = sampler.Cube;
        var norm = sampler.Normalizer;
        int window = sampler.Window, features = cube.F;
        var x = new float[positions.Length * sampler.SampleSize];
        for (var k = 0; k < positions.Length; k++)
        {
            int i = data.Samples.Instruments[positions[k]], t = data.Samples.Days[positions[k]];
            for (var d = 0; d < window; d++)
                for (var f = 0; f < features; f++)
                {
                    var day = t - window + 1 + d;
                    var raw = day < 0 ? float.NaN : cube.Values[((long)i * cube.T + day) * features + f];
                    var v = (raw - norm.Center[f]) / norm.Scale[f];
                    var at = sampler.Shape == SampleShape.Image ? f * window + d : d * features + f;
                    x[k * sampler.SampleSize + at] = float.IsNaN(v) ? norm.Fill : Math.Clamp(v, -norm.Clip, norm.Clip);
                }
        }
        return x;
    }

    private static bool BitEqual(float[] a, float[] b) =>
        a.Length == b.Length && a.Select(BitConverter.SingleToInt32Bits).SequenceEqual(b.Select(BitConverter.SingleToInt32Bits));
}
