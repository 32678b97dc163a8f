using AlphaSharp.Nn.Tests.Norm;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Conv;

public class Conv1dTests
{
    // The configurations of fx_attn.py's CONV table.
    [Theory]
    [InlineData("conv_basic", 3, 4, 3, 1, 0, 1, 1, true, false)]
    [InlineData("conv_pad_stride", 5, 7, 4, 2, 2, 1, 1, true, false)]
    [InlineData("conv_dil_groups", 6, 9, 3, 1, 3, 2, 3, true, false)]
    [InlineData("conv_nobias_s3", 4, 6, 5, 3, 1, 2, 2, false, false)]
    [InlineData("conv_depthwise", 4, 8, 3, 1, 1, 1, 4, true, false)]
    [InlineData("conv_causal", 3, 5, 3, 1, 0, 2, 1, true, true)]
    public void MatchesPyTorch(string name, int cin, int cout, int k, int stride, int padding, int dilation, int groups,
        bool bias, bool causal)
    {
        var fx = Fixtures.Load(name);
        var conv = new Conv1d(cin, cout, k, new Rng(1), stride, padding, dilation, groups, bias, causal);
        ModuleParity.LoadParams(conv, fx);
        var x = ModuleParity.Input(fx, "x");
        var y = conv.Forward(x);
        TensorAssert.Close(fx.Get("out.y"), y, name + ": y");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.x"), x, name + ": grad x");
        ModuleParity.AssertParamGrads(conv, fx, name);
    }

    [Fact]
    public void ComputesASmallConvolutionByHand()
    {
        // One channel, kernel [1, -1], padding 1: y_t = x_{t-1} - x_t with zeros outside.
        var conv = new Conv1d(1, 1, 2, new Rng(1), padding: 1, bias: false);
        conv.Weight.Data[0] = 1f;
        conv.Weight.Data[1] = -1f;
        var y = conv.Forward(Tensor.From([1f, 4f, 9f], 1, 1, 3));
        Assert.Equal([1, 1, 4], y.Shape);
        Assert.Equal([-1f, -3f, -5f, 9f], y.Data);
    }

    [Theory]
    [InlineData(1, 0, 1, 1, true, false)]
    [InlineData(2, 2, 2, 3, true, false)]
    [InlineData(3, 1, 1, 1, false, false)]
    [InlineData(1, 0, 3, 3, true, true)]
    public void GradientsMatchFiniteDifferences(int stride, int padding, int dilation, int groups, bool bias, bool causal)
    {
        var rng = new Rng(5);
        var conv = new Conv1d(6, 3 * groups, 3, rng, stride, padding, dilation, groups, bias, causal);
        var x = Tensor.Normal(rng, 0, 1, 2, 6, 11).RequireGrad();
        var inputs = bias ? new[] { x, conv.Weight, conv.Bias! } : [x, conv.Weight];
        GradCheck.Check(xs => conv.Forward(xs[0]), inputs);
    }

    [Fact]
    public void CausalOutputNeverSeesTheFuture()
    {
        var rng = new Rng(9);
        var conv = new Conv1d(2, 3, 3, rng, dilation: 2, causal: true);
        var x = Tensor.Normal(rng, 0, 1, 1, 2, 10);
        var before = conv.Forward(x);
        Assert.Equal(10, before.Shape[2]);
        x.Data[6] += 5f; // channel 0, time 6
        x.Data[10 + 6] -= 3f; // channel 1, time 6
        var after = conv.Forward(x);
        for (var c = 0; c < 3; c++)
            for (var t = 0; t < 10; t++)
            {
                var changed = before.Data[c * 10 + t] != after.Data[c * 10 + t];
                Assert.Equal(t is 6 or 8 or 10, changed);
            }
    }

    [Fact]
    public void UnbatchedInputGivesUnbatchedOutput()
    {
        var rng = new Rng(3);
        var conv = new Conv1d(2, 4, 3, rng, padding: 1);
        var x = Tensor.Normal(rng, 0, 1, 2, 7);
        var y = conv.Forward(x);
        var yb = conv.Forward(new Tensor(x.Data, 1, 2, 7));
        Assert.Equal([4, 7], y.Shape);
        Assert.Equal(yb.Data, y.Data);
    }

    [Fact]
    public void InitialisesWithinPyTorchsBound()
    {
        var conv = new Conv1d(6, 8, 5, new Rng(2), groups: 2);
        var bound = 1 / Math.Sqrt(3 * 5);
        Assert.All(conv.Weight.Data, v => Assert.InRange(v, -bound, bound));
        Assert.All(conv.Bias!.Data, v => Assert.InRange(v, -bound, bound));
        Assert.True(conv.Weight.Data.Max() > 0.8 * bound && conv.Weight.Data.Min() < -0.8 * bound);
        Assert.Equal(["weight", "bias"], conv.StateDict().Keys.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void RejectsMismatchedChannels()
    {
        var conv = new Conv1d(4, 4, 3, new Rng(1));
        var e = Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(2, 3, 9)));
        Assert.Contains("channels", e.Message);
        Assert.Throws<ArgumentException>(() => new Conv1d(4, 6, 3, new Rng(1), groups: 4));
        Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(1, 4, 2)));
    }

    [Fact]
    public void FunctionalFormsMatchTheModules()
    {
        var rng = new Rng(12);
        var conv = new Conv1d(4, 6, 3, rng, stride: 2, padding: 1, dilation: 2, groups: 2);
        var x = Tensor.Normal(rng, 0, 1, 2, 4, 13);
        Assert.Equal(conv.Forward(x).Data, x.Conv1d(conv.Weight, conv.Bias, 2, 1, 2, 2).Data);
        Assert.Equal(new MaxPool1d(3, 2, 1).Forward(x).Data, x.MaxPool1d(3, 2, 1).Data);
        Assert.Equal(new AvgPool1d(4, 1, 2).Forward(x).Data, x.AvgPool1d(4, 1, 2).Data);
    }
}
