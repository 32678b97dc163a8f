using AlphaSharp.Nn.Tests.Norm;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Attention;

public class AttentionPoolingTests
{
    [Fact]
    public void MatchesPyTorch()
    {
        var fx = Fixtures.Load("pool_attention");
        var pool = new AttentionPooling(6, new Rng(1));
        ModuleParity.LoadParams(pool, fx);
        var x = ModuleParity.Input(fx, "x");
        var y = pool.Forward(x);
        TensorAssert.Close(fx.Get("out.y"), y, "y");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.x"), x, "grad x");
        ModuleParity.AssertParamGrads(pool, fx, "pool_attention");
    }

    [Fact]
    public void WeightsStepsBySoftmaxOfScores()
    {
        // Score weight [1, 0], bias 0: scores are the first feature, 0 and ln 3, so the weights are 1/4 and 3/4.
        var pool = new AttentionPooling(2, new Rng(1));
        pool.Score.Weight.Data[0] = 1f;
        pool.Score.Weight.Data[1] = 0f;
        pool.Score.Bias!.Data[0] = 0f;
        var x = Tensor.From([0f, 4f, MathF.Log(3f), 8f], 1, 2, 2);
        var y = pool.Forward(x, null, out var w);
        TensorAssert.Close(new[] { 0.25f, 0.75f }, w.Data, "weights", 1e-6, 1e-7);
        TensorAssert.Close(new[] { 0.75f * MathF.Log(3f), 7f }, y.Data, "pooled", 1e-6, 1e-6);
    }

    [Fact]
    public void GradientsMatchFiniteDifferencesWithAMask()
    {
        var rng = new Rng(51);
        var pool = new AttentionPooling(5, rng);
        var x = Tensor.Normal(rng, 0, 1, 3, 4, 5).RequireGrad();
        var mask = AttentionMasks.KeyPadding([4, 2, 3], 4);
        GradCheck.Check(xs => pool.Forward(xs[0], mask, out _), [x, pool.Score.Weight, pool.Score.Bias!]);
        var y = pool.Forward(x, mask, out var w);
        Assert.Equal(0f, w.Data[4 + 2]);
        Assert.Equal(0f, w.Data[4 + 3]);
    }

    [Fact]
    public void RejectsTheWrongFeatureCount()
    {
        var e = Assert.Throws<ArgumentException>(() => new AttentionPooling(4, new Rng(1)).Forward(Tensor.Zeros(2, 3, 5)));
        Assert.Contains("[2, 3, 5]", e.Message);
    }
}
