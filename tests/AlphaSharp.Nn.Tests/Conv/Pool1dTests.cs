using AlphaSharp.Nn.Tests.Norm;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Conv;

public class Pool1dTests
{
    // The configurations of fx_attn.py's POOL table (stride 0 = PyTorch's default, the kernel size).
    [Theory]
    [InlineData("pool_max_k3s2p1", true, 3, 2, 1)]
    [InlineData("pool_max_k2", true, 2, 0, 0)]
    [InlineData("pool_max_k4s3p2", true, 4, 3, 2)]
    [InlineData("pool_avg_k3s2p1", false, 3, 2, 1)]
    [InlineData("pool_avg_k4s1p2", false, 4, 1, 2)]
    [InlineData("pool_avg_k2", false, 2, 0, 0)]
    public void MatchesPyTorch(string name, bool max, int k, int stride, int padding)
    {
        var fx = Fixtures.Load(name);
        int? s = stride == 0 ? null : stride;
        Func<Tensor, Tensor> pool = max ? new MaxPool1d(k, s, padding).Forward : new AvgPool1d(k, s, padding).Forward;
        var x = ModuleParity.Input(fx, "x");
        var y = pool(x);
        TensorAssert.Close(fx.Get("out.y"), y, name + ": y");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.x"), x, name + ": grad x");
    }

    [Fact]
    public void PoolsByHand()
    {
        var x = Tensor.From([1f, 5f, 2f, 4f, 3f], 1, 1, 5);
        // Windows over [pad, 1, 5, 2, 4, 3, pad] with k 3, s 2: {pad,1,5}, {5,2,4}, {4,3,pad}.
        Assert.Equal([5f, 5f, 4f], new MaxPool1d(3, 2, 1).Forward(x).Data);
        Assert.Equal([2f, 11f / 3, 7f / 3], new AvgPool1d(3, 2, 1).Forward(x).Data);
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var rng = new Rng(4);
        var x = Tensor.Normal(rng, 0, 1, 2, 3, 12).RequireGrad();
        GradCheck.Check(xs => new AvgPool1d(4, 3, 2).Forward(xs[0]), [x]);
        GradCheck.Check(xs => new MaxPool1d(3, 2, 1).Forward(xs[0]), [x]);
        GradCheck.Check(xs => new MaxPool1d(2, 1, 0, dilation: 2).Forward(xs[0]), [x]);
    }

    [Fact]
    public void RejectsPaddingOverHalfTheKernel()
    {
        var e = Assert.Throws<ArgumentException>(() => new MaxPool1d(2, 1, 2));
        Assert.Contains("padding", e.Message);
    }
}
