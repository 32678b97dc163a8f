using AlphaSharp.Nn.Optim;
using Xunit.Abstractions;

namespace AlphaSharp.Nn.Tests.Attention;

/// <summary>
/// End to end: a small Transformer encoder learns to copy the value at a marked time step (a task that needs
/// attention: the step moves from sample to sample). Channel 0 is noise-like values, channel 1 marks one step;
/// the target is channel 0 at the marked step, whose variance (the loss of predicting the mean) is about 1.
/// </summary>
public class TransformerLearningTests(ITestOutputHelper output)
{
    private const int T = 8, Batch = 32, Steps = 250, D = 16;

    private sealed class Model : Module
    {
        public Model(Rng rng)
        {
            Embed = RegisterModule("embed", new Linear(2, D, rng));
            var layer = new TransformerEncoderLayer(D, 2, rng, dimFeedforward: 32, dropout: 0.1f, batchFirst: true);
            Encoder = RegisterModule("encoder", new TransformerEncoder(layer, 2, rng));
            Pool = RegisterModule("pool", new AttentionPooling(D, rng));
            Head = RegisterModule("head", new Linear(D, 1, rng));
        }

        public Linear Embed { get; }
        public TransformerEncoder Encoder { get; }
        public AttentionPooling Pool { get; }
        public Linear Head { get; }

        public Tensor Forward(Tensor x) => Head.Forward(Pool.Forward(Encoder.Forward(Embed.Forward(x))));
    }

    private static (Tensor X, Tensor Y) Sample(Rng rng, int n)
    {
        var x = Tensor.Zeros(n, T, 2);
        var y = Tensor.Zeros(n, 1);
        for (var i = 0; i < n; i++)
        {
            var marked = rng.NextInt(T);
            for (var t = 0; t < T; t++) x.Data[(i * T + t) * 2] = rng.NextNormal();
            x.Data[(i * T + marked) * 2 + 1] = 1f;
            y.Data[i] = x.Data[(i * T + marked) * 2];
        }
        return (x, y);
    }

    private static (Model Model, double TestLoss) Train(ulong seed)
    {
        var rng = new Rng(seed);
        var model = new Model(rng.Split());
        var data = rng.Split();
        var adam = new Adam(model.Parameters(), lr: 3e-3);
        for (var step = 0; step < Steps; step++)
        {
            var (x, y) = Sample(data, Batch);
            adam.ZeroGrad();
            var loss = Losses.Mse(model.Forward(x), y);
            loss.Backward();
            adam.Step();
        }
        model.Eval();
        var (tx, ty) = Sample(new Rng(999), 256);
        using (Autograd.NoGrad())
            return (model, Losses.Mse(model.Forward(tx), ty).Item());
    }

    [Fact]
    public void LearnsToCopyTheMarkedStepAndIsBitReproducible()
    {
        var (a, lossA) = Train(7);
        // Predicting the mean scores about 1.0 here; attending to the marked step is what gets below 0.02 (this seed: 0.0013).
        Assert.True(lossA < 0.02, $"held-out MSE {lossA:G4} after {Steps} steps, expected < 0.02");
        output.WriteLine($"held-out MSE after {Steps} Adam steps: {lossA:G6} (predicting the mean: about 1)");
        var (b, lossB) = Train(7);
        Assert.Equal(lossA, lossB);
        foreach (var ((name, pa), (_, pb)) in a.NamedParameters().Zip(b.NamedParameters()))
            Assert.True(pa.Data.AsSpan().SequenceEqual(pb.Data), $"{name} differs between two runs from the same seed");
    }
}
