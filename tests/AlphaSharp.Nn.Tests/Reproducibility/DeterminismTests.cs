using AlphaSharp.Nn.Kernels;
using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Nn.Tests.Reproducibility;

public class DeterminismTests
{
    /// <summary>Trains a small MLP with dropout and Adam from one seed; returns every parameter value and the losses.</summary>
    private static (float[] Params, float[] Losses) Train(ulong seed, int threads)
    {
        var rng = new Rng(seed);
        var net = new Sequential(new Linear(12, 128, rng), new ReLU(), new Dropout(0.2f, rng.Split()),
            new Linear(128, 128, rng), new Tanh(), new Linear(128, 1, rng));
        var opt = new Adam(net.Parameters(), lr: 1e-2);
        var data = new Rng(seed + 1);
        var x = Tensor.Normal(data, 0, 1, 256, 12);
        // Target: a fixed nonlinear function of the inputs.
        var y = Tensor.Zeros(256, 1);
        for (var i = 0; i < 256; i++) y.Data[i] = MathF.Sin(x.Data[i * 12]) + 0.5f * x.Data[i * 12 + 1] * x.Data[i * 12 + 2];
        var losses = new float[30];
        Gemm.ThreadsOnThisThread = threads;
        try
        {
            for (var step = 0; step < losses.Length; step++)
            {
                opt.ZeroGrad();
                var loss = Losses.Mse(net.Forward(x), y);
                loss.Backward();
                opt.Step();
                losses[step] = loss.Item();
            }
        }
        finally { Gemm.ThreadsOnThisThread = 0; }
        return (net.Parameters().SelectMany(p => p.Data).ToArray(), losses);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalTraining()
    {
        var a = Train(42, threads: 2);
        var b = Train(42, threads: 2);
        Assert.True(a.Params.AsSpan().SequenceEqual(b.Params), "parameters differ between two runs with one seed");
        Assert.True(a.Losses.AsSpan().SequenceEqual(b.Losses));
        // It did learn, and a different seed is a different run.
        Assert.True(a.Losses[^1] < 0.5f * a.Losses[0], $"loss went {a.Losses[0]} -> {a.Losses[^1]}");
        var c = Train(43, threads: 2);
        Assert.False(a.Params.AsSpan().SequenceEqual(c.Params));
    }

    [Fact]
    public void ThreadCountDoesNotChangeTheBits()
    {
        var one = Train(7, threads: 1);
        var two = Train(7, threads: 2);
        Assert.True(one.Params.AsSpan().SequenceEqual(two.Params), "GEMM's split changed the result");
    }
}
