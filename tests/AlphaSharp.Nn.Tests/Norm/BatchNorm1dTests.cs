using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Norm;

public class BatchNorm1dTests
{
    // The configurations of fx_attn.py's BN table.
    [Theory]
    [InlineData("bn_train_2d", 5, 0.1, true, true, true)]
    [InlineData("bn_train_3d", 3, 0.1, true, true, true)]
    [InlineData("bn_train_noaffine_3d", 4, 0.3, false, true, true)]
    [InlineData("bn_eval_2d", 5, 0.1, true, true, false)]
    [InlineData("bn_eval_3d", 4, 0.1, true, true, false)]
    [InlineData("bn_notrack_eval_3d", 3, 0.1, true, false, false)]
    [InlineData("bn_train_2d_wide", 19, 0.1, true, true, true)]
    [InlineData("bn_train_3d_long", 2, 0.1, true, true, true)]
    [InlineData("bn_eval_2d_wide", 19, 0.1, true, true, false)]
    public void MatchesPyTorch(string name, int c, double momentum, bool affine, bool track, bool training)
    {
        var fx = Fixtures.Load(name);
        var bn = new BatchNorm1d(c, momentum: momentum, affine: affine, trackRunningStats: track);
        ModuleParity.LoadParams(bn, fx);
        bn.Train(training);
        var x = ModuleParity.Input(fx, "x");
        var y = bn.Forward(x);
        TensorAssert.Close(fx.Get("out.y"), y, name + ": y");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.x"), x, name + ": grad x");
        ModuleParity.AssertParamGrads(bn, fx, name);
        ModuleParity.AssertBuffersAfter(bn, fx, name);
    }

    [Fact]
    public void CumulativeMomentumAveragesTheBatchesLikePyTorch()
    {
        var fx = Fixtures.Load("bn_cumulative_3d");
        var bn = new BatchNorm1d(4, momentum: null);
        ModuleParity.LoadParams(bn, fx);
        bn.Forward(ModuleParity.Input(fx, "x1", grad: false));
        var x2 = ModuleParity.Input(fx, "x2");
        var y = bn.Forward(x2);
        TensorAssert.Close(fx.Get("out.y"), y, "y");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.x2"), x2, "grad x2");
        ModuleParity.AssertParamGrads(bn, fx, "cumulative");
        ModuleParity.AssertBuffersAfter(bn, fx, "cumulative");
        Assert.Equal(2f, bn.NumBatchesTracked!.Item());
    }

    [Fact]
    public void RunningStatisticsFollowTheMomentumFormula()
    {
        // Channel 0 sees 1, 2, 3, 6: mean 3, biased var 3.5, unbiased 14/3.
        var bn = new BatchNorm1d(1, momentum: 0.25);
        bn.Forward(Tensor.From([1f, 2f, 3f, 6f], 4, 1));
        Assert.Equal(0.75 * 0 + 0.25 * 3, bn.RunningMean!.Data[0], 6);
        Assert.Equal(0.75 * 1 + 0.25 * 14.0 / 3, bn.RunningVar!.Data[0], 6);
        Assert.Equal(1f, bn.NumBatchesTracked!.Item());
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 3)]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    public void GradientsMatchFiniteDifferences(bool training, int rank)
    {
        var rng = new Rng(7);
        // 11 channels (2-D) and runs of 13 (3-D): one 8-wide vector step plus a scalar tail.
        var c = rank == 3 ? 3 : 11;
        var bn = new BatchNorm1d(c);
        for (var ch = 0; ch < c; ch++)
        {
            bn.Weight!.Data[ch] = 1.3f - 0.1f * ch;
            bn.Bias!.Data[ch] = -0.2f + 0.05f * ch;
            bn.RunningMean!.Data[ch] = 0.1f * ch;
            bn.RunningVar!.Data[ch] = 0.8f + 0.1f * ch;
        }
        bn.Train(training);
        var x = (rank == 3 ? Tensor.Normal(rng, 0.5f, 1.2f, 4, c, 13) : Tensor.Normal(rng, 0.5f, 1.2f, 6, c)).RequireGrad();
        GradCheck.Check(xs => bn.Forward(xs[0]), [x, bn.Weight!, bn.Bias!]);
    }

    [Fact]
    public void RejectsAWrongChannelCount()
    {
        var bn = new BatchNorm1d(4);
        var e = Assert.Throws<ArgumentException>(() => bn.Forward(Tensor.Zeros(2, 3, 5)));
        Assert.Contains("[2, 3, 5]", e.Message);
    }

    [Fact]
    public void RejectsASingleValuePerChannelInTraining()
    {
        var bn = new BatchNorm1d(4);
        Assert.Throws<ArgumentException>(() => bn.Forward(Tensor.Zeros(1, 4)));
        bn.Eval();
        Assert.Equal(4, bn.Forward(Tensor.Zeros(1, 4)).Numel);
    }

    [Fact]
    public void ChannelsLastMatchesTheTransposedThreeDimensionalForm()
    {
        var rng = new Rng(13);
        var x = Tensor.Normal(rng, 0.2f, 1.4f, 3, 5, 11).RequireGrad(); // (N, T, C)
        var xt = x.Detach().Transpose(1, 2).RequireGrad(); // (N, C, T)
        var g = Tensor.Normal(rng, 0, 1, 3, 5, 11);
        BatchNorm1d Make()
        {
            var m = new BatchNorm1d(11, momentum: 0.2);
            for (var c = 0; c < 11; c++) { m.Weight!.Data[c] = 1 + 0.1f * c; m.Bias!.Data[c] = 0.03f * c; }
            return m;
        }
        var a = Make();
        var b = Make();
        var ya = a.ForwardChannelsLast(x);
        var yb = b.Forward(xt);
        TensorAssert.Close(yb.Transpose(1, 2), ya, "y", 1e-5, 1e-6);
        ya.Backward(g.Data);
        yb.Backward(g.Transpose(1, 2).Data);
        TensorAssert.Close(new Tensor(xt.Grad!, 3, 11, 5).Transpose(1, 2).Data, x.Grad!, "grad x", 1e-5, 1e-6);
        TensorAssert.Close(b.Weight!.Grad!, a.Weight!.Grad!, "grad weight", 1e-5, 1e-6);
        TensorAssert.Close(b.RunningVar!.Data, a.RunningVar!.Data, "running var", 1e-6, 1e-7);
        a.Eval();
        b.Eval();
        TensorAssert.Close(b.Forward(xt).Transpose(1, 2), a.ForwardChannelsLast(x), "eval y", 1e-5, 1e-6);
        Assert.Throws<ArgumentException>(() => a.ForwardChannelsLast(Tensor.Zeros(3, 11, 5)));
    }
}
