using AlphaSharp.Nn.Tests.Norm;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Attention;

public class MultiheadAttentionTests
{
    /// <summary>A 0/1 tensor from the fixture (PyTorch bool mask, true = blocked) as our additive mask.</summary>
    internal static Tensor BoolMask(Tensor zeroOne) =>
        AttentionMasks.FromBool(zeroOne.Data.Select(v => v != 0f).ToArray(), zeroOne.Shape);

    [Fact]
    public void SelfAttentionBatchFirstWithBoolMasksMatchesPyTorch()
    {
        var fx = Fixtures.Load("mha_self_bf");
        var mha = new MultiheadAttention(8, 2, new Rng(1), batchFirst: true);
        ModuleParity.LoadParams(mha, fx);
        var x = ModuleParity.Input(fx, "x");
        var (y, w) = mha.Forward(x, x, x, BoolMask(fx.Get("in.key_padding_mask")), true, BoolMask(fx.Get("in.attn_mask")));
        TensorAssert.Close(fx.Get("out.y"), y, "y");
        TensorAssert.Close(fx.Get("out.weights"), w!, "weights");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.x"), x, "grad x");
        ModuleParity.AssertParamGrads(mha, fx, "mha_self_bf");
    }

    [Fact]
    public void CrossAttentionSequenceFirstWithA3DFloatMaskMatchesPyTorch()
    {
        var fx = Fixtures.Load("mha_cross_sf");
        var mha = new MultiheadAttention(6, 3, new Rng(1));
        ModuleParity.LoadParams(mha, fx);
        var q = ModuleParity.Input(fx, "query");
        var k = ModuleParity.Input(fx, "key");
        var v = ModuleParity.Input(fx, "value");
        var (y, w) = mha.Forward(q, k, v, attnMask: fx.Get("in.attn_mask"));
        TensorAssert.Close(fx.Get("out.y"), y, "y");
        TensorAssert.Close(fx.Get("out.weights"), w!, "weights");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.query"), q, "grad query");
        TensorAssert.GradClose(fx.Get("grad.in.key"), k, "grad key");
        TensorAssert.GradClose(fx.Get("grad.in.value"), v, "grad value");
        ModuleParity.AssertParamGrads(mha, fx, "mha_cross_sf");
    }

    [Fact]
    public void NoBiasMemoryAttentionWithPerHeadWeightsMatchesPyTorch()
    {
        var fx = Fixtures.Load("mha_nobias_mem_bf");
        var mha = new MultiheadAttention(8, 4, new Rng(1), bias: false, batchFirst: true);
        ModuleParity.LoadParams(mha, fx);
        Assert.Equal(["in_proj_weight", "out_proj.weight"], mha.StateDict().Keys.Order(StringComparer.Ordinal));
        var q = ModuleParity.Input(fx, "query");
        var mem = ModuleParity.Input(fx, "memory");
        var (y, w) = mha.Forward(q, mem, mem, BoolMask(fx.Get("in.key_padding_mask")), true, averageAttnWeights: false);
        TensorAssert.Close(fx.Get("out.y"), y, "y");
        TensorAssert.Close(fx.Get("out.weights"), w!, "weights");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.query"), q, "grad query");
        TensorAssert.GradClose(fx.Get("grad.in.memory"), mem, "grad memory");
        ModuleParity.AssertParamGrads(mha, fx, "mha_nobias_mem_bf");
    }

    [Fact]
    public void WideHeadsSequenceFirstMatchPyTorch()
    {
        var fx = Fixtures.Load("mha_wide_sf");
        var mha = new MultiheadAttention(64, 2, new Rng(1));
        ModuleParity.LoadParams(mha, fx);
        var x = ModuleParity.Input(fx, "x");
        var (y, w) = mha.Forward(x, x, x, attnMask: BoolMask(fx.Get("in.attn_mask")));
        TensorAssert.Close(fx.Get("out.y"), y, "y");
        TensorAssert.Close(fx.Get("out.weights"), w!, "weights");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.x"), x, "grad x");
        ModuleParity.AssertParamGrads(mha, fx, "mha_wide_sf");
    }

    [Fact]
    public void GradientsThroughTheWholeModuleMatchFiniteDifferences()
    {
        var rng = new Rng(31);
        var mha = new MultiheadAttention(6, 3, rng);
        foreach (var (_, p) in mha.NamedParameters())
            for (var i = 0; i < p.Numel; i++) p.Data[i] = 0.4f * rng.NextNormal();
        var x = Tensor.Normal(rng, 0, 1, 4, 2, 6).RequireGrad();
        var mask = AttentionMasks.Causal(4);
        var inputs = new List<Tensor> { x };
        inputs.AddRange(mha.Parameters());
        GradCheck.Check(xs => mha.Forward(xs[0], xs[0], xs[0], attnMask: mask).Output, [.. inputs]);
    }

    [Fact]
    public void UnbatchedInputMatchesABatchOfOne()
    {
        var rng = new Rng(32);
        var mha = new MultiheadAttention(4, 2, rng, batchFirst: true);
        var x = Tensor.Normal(rng, 0, 1, 5, 4);
        var (y, w) = mha.Forward(x, x, x);
        var xb = new Tensor(x.Data, 1, 5, 4);
        var (yb, wb) = mha.Forward(xb, xb, xb);
        Assert.Equal([5, 4], y.Shape);
        Assert.Equal([5, 5], w!.Shape);
        TensorAssert.Close(yb.Data, y.Data, "unbatched output", 1e-6, 1e-7);
        TensorAssert.Close(wb!.Data, w.Data, "unbatched weights", 1e-6, 1e-7);
    }

    [Fact]
    public void InitialisesLikePyTorch()
    {
        var mha = new MultiheadAttention(16, 4, new Rng(3));
        var xavier = Math.Sqrt(6.0 / (16 + 48));
        Assert.All(mha.InProjWeight.Data, v => Assert.InRange(v, -xavier, xavier));
        Assert.All(mha.InProjBias!.Data, v => Assert.Equal(0f, v));
        Assert.All(mha.OutProj.Bias!.Data, v => Assert.Equal(0f, v));
        Assert.All(mha.OutProj.Weight.Data, v => Assert.InRange(v, -0.25, 0.25));
        Assert.Equal(["in_proj_bias", "in_proj_weight", "out_proj.bias", "out_proj.weight"], mha.StateDict().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RejectsBadShapes()
    {
        var mha = new MultiheadAttention(8, 2, new Rng(1), batchFirst: true);
        var x = Tensor.Zeros(2, 3, 8);
        Assert.Contains("embed_dim", Assert.Throws<ArgumentException>(() => mha.Forward(Tensor.Zeros(2, 3, 7), x, x)).Message);
        Assert.Contains("attn_mask", Assert.Throws<ArgumentException>(() => mha.Forward(x, x, x, attnMask: Tensor.Zeros(3, 4))).Message);
        Assert.Contains("key_padding_mask", Assert.Throws<ArgumentException>(() => mha.Forward(x, x, x, Tensor.Zeros(3, 3))).Message);
        Assert.Contains("batch", Assert.Throws<ArgumentException>(() => mha.Forward(x, Tensor.Zeros(1, 3, 8), Tensor.Zeros(1, 3, 8))).Message);
        Assert.Throws<ArgumentException>(() => new MultiheadAttention(10, 3, new Rng(1)));
    }

    [Fact]
    public void DropoutIsActiveOnlyInTrainingAndReproducibleFromTheSeed()
    {
        Tensor Run(bool training, ulong seed)
        {
            var m = new MultiheadAttention(8, 2, new Rng(4), dropout: 0.5f, batchFirst: true);
            m.DropoutRng = new Rng(seed);
            m.Train(training);
            var x = Tensor.Normal(new Rng(5), 0, 1, 2, 6, 8);
            return m.Forward(x, x, x).Output;
        }
        Assert.Equal(Run(false, 1).Data, Run(false, 2).Data);
        Assert.Equal(Run(true, 1).Data, Run(true, 1).Data);
        Assert.NotEqual(Run(true, 1).Data, Run(true, 2).Data);
        Assert.NotEqual(Run(false, 1).Data, Run(true, 1).Data);
    }
}
