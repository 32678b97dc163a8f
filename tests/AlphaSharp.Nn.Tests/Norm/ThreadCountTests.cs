using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Tests.Norm;

/// <summary>
/// The norm and feed-forward kernels split rows over threads in fixed blocks; outputs and every gradient must be
/// the same bits on one thread and on several. Sizes are above the parallel threshold (65 536 elements).
/// </summary>
public class ThreadCountTests
{
    private static float[][] Run(int threads, Func<Tensor[]> make, Func<Tensor[], Tensor> f)
    {
        var saved = Gemm.ThreadsOnThisThread;
        Gemm.ThreadsOnThisThread = threads;
        try
        {
            var inputs = make();
            var y = f(inputs);
            var g = Tensor.Normal(new Rng(77), 0, 1, y.Shape).Data;
            y.Backward(g);
            return [y.Data, .. inputs.Select(t => t.Grad ?? [])];
        }
        finally { Gemm.ThreadsOnThisThread = saved; }
    }

    private static void AssertSameBits(Func<Tensor[]> make, Func<Tensor[], Tensor> f)
    {
        var one = Run(1, make, f);
        var three = Run(3, make, f);
        for (var i = 0; i < one.Length; i++)
            Assert.True(one[i].AsSpan().SequenceEqual(three[i]), $"tensor {i} differs between 1 and 3 threads");
    }

    [Fact]
    public void LayerNorm()
    {
        AssertSameBits(() =>
        {
            var rng = new Rng(1);
            var ln = new LayerNorm(256);
            for (var k = 0; k < 256; k++) { ln.Weight!.Data[k] = 1 + 0.01f * k; ln.Bias!.Data[k] = 0.02f * k; }
            return [Tensor.Normal(rng, 0.5f, 2, 300, 256).RequireGrad(), ln.Weight!, ln.Bias!];
        }, xs => xs[0].LayerNorm([256], xs[1], xs[2]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void BatchNorm(int rank)
    {
        BatchNorm1d? bn = null;
        AssertSameBits(() =>
        {
            var rng = new Rng(2);
            bn = new BatchNorm1d(rank == 2 ? 128 : 8);
            var x = rank == 2 ? Tensor.Normal(rng, 1, 3, 600, 128) : Tensor.Normal(rng, 1, 3, 200, 8, 48);
            return [x.RequireGrad(), bn.Weight!, bn.Bias!];
        }, xs => bn!.Forward(xs[0]));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.1f)]
    public void TransformerLayer(float dropout)
    {
        TransformerEncoderLayer? layer = null;
        AssertSameBits(() =>
        {
            var rng = new Rng(3);
            layer = new TransformerEncoderLayer(64, 4, rng, dimFeedforward: 128, dropout: dropout, batchFirst: true);
            var inputs = new List<Tensor> { Tensor.Normal(rng, 0, 1, 40, 20, 64).RequireGrad() };
            inputs.AddRange(layer.Parameters());
            return [.. inputs];
        }, xs => layer!.Forward(xs[0]));
    }
}
