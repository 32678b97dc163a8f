using AlphaSharp.Nn.Tests.Norm;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Attention;

public class TransformerEncoderTests
{
    private static Tensor Mask(Tensor t) => MultiheadAttentionTests.BoolMask(t);

    [Fact]
    public void PostNormReluBatchFirstLayerWithKeyPaddingMatchesPyTorch()
    {
        var fx = Fixtures.Load("tfm_post_relu_bf");
        var layer = new TransformerEncoderLayer(8, 2, new Rng(1), dimFeedforward: 16, dropout: 0f, batchFirst: true);
        ModuleParity.LoadParams(layer, fx);
        var x = ModuleParity.Input(fx, "x");
        var y = layer.Forward(x, srcKeyPaddingMask: Mask(fx.Get("in.src_key_padding_mask")));
        Check(fx, layer, x, y, "tfm_post_relu_bf");
    }

    [Fact]
    public void PreNormGeluSequenceFirstLayerWithCausalMaskMatchesPyTorch()
    {
        var fx = Fixtures.Load("tfm_pre_gelu_sf");
        var layer = new TransformerEncoderLayer(8, 2, new Rng(1), dimFeedforward: 12, dropout: 0f,
            activation: TransformerEncoderLayer.Activation.Gelu, layerNormEps: 1e-6, normFirst: true);
        ModuleParity.LoadParams(layer, fx);
        var x = ModuleParity.Input(fx, "x");
        var y = layer.Forward(x, Mask(fx.Get("in.src_mask")));
        Check(fx, layer, x, y, "tfm_pre_gelu_sf");
    }

    [Fact]
    public void TwoLayerPostNormEncoderWithFinalNormMatchesPyTorch()
    {
        var fx = Fixtures.Load("tfm_enc2_post_bf");
        var layer = new TransformerEncoderLayer(12, 3, new Rng(1), dimFeedforward: 20, dropout: 0f, batchFirst: true);
        var enc = new TransformerEncoder(layer, 2, new Rng(2), new LayerNorm(12));
        ModuleParity.LoadParams(enc, fx);
        var x = ModuleParity.Input(fx, "x");
        var y = enc.Forward(x, fx.Get("in.mask"), Mask(fx.Get("in.src_key_padding_mask")));
        Check(fx, enc, x, y, "tfm_enc2_post_bf");
    }

    [Fact]
    public void TwoLayerPreNormGeluEncoderMatchesPyTorch()
    {
        var fx = Fixtures.Load("tfm_enc2_pre_gelu_bf");
        var layer = new TransformerEncoderLayer(8, 2, new Rng(1), dimFeedforward: 16, dropout: 0f,
            activation: TransformerEncoderLayer.Activation.Gelu, batchFirst: true, normFirst: true);
        var enc = new TransformerEncoder(layer, 2, new Rng(2));
        ModuleParity.LoadParams(enc, fx);
        var x = ModuleParity.Input(fx, "x");
        Check(fx, enc, x, enc.Forward(x), "tfm_enc2_pre_gelu_bf");
    }

    [Fact]
    public void AlphaNetShapedLayerMatchesPyTorch()
    {
        var fx = Fixtures.Load("tfm_wide_post_bf");
        var layer = new TransformerEncoderLayer(40, 2, new Rng(1), dimFeedforward: 64, dropout: 0f, batchFirst: true);
        ModuleParity.LoadParams(layer, fx);
        var x = ModuleParity.Input(fx, "x");
        var y = layer.Forward(x, srcKeyPaddingMask: Mask(fx.Get("in.src_key_padding_mask")));
        Check(fx, layer, x, y, "tfm_wide_post_bf");
    }

    private static void Check(Dictionary<string, Tensor> fx, Module m, Tensor x, Tensor y, string name)
    {
        TensorAssert.Close(fx.Get("out.y"), y, name + ": y");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.x"), x, name + ": grad x");
        ModuleParity.AssertParamGrads(m, fx, name);
    }

    [Theory]
    [InlineData(false, TransformerEncoderLayer.Activation.Relu)]
    [InlineData(true, TransformerEncoderLayer.Activation.Gelu)]
    public void LayerGradientsMatchFiniteDifferences(bool normFirst, TransformerEncoderLayer.Activation activation)
    {
        var rng = new Rng(41);
        var layer = new TransformerEncoderLayer(4, 2, rng, dimFeedforward: 6, dropout: 0f, activation: activation,
            batchFirst: true, normFirst: normFirst);
        var x = Tensor.Normal(rng, 0, 1, 2, 3, 4).RequireGrad();
        var inputs = new List<Tensor> { x };
        inputs.AddRange(layer.Parameters());
        GradCheck.Check(xs => layer.Forward(xs[0], AttentionMasks.Causal(3)), [.. inputs], maxPerInput: 16);
    }

    [Fact]
    public void EncoderGradientsMatchFiniteDifferences()
    {
        var rng = new Rng(42);
        var layer = new TransformerEncoderLayer(4, 2, rng, dimFeedforward: 5, dropout: 0f, batchFirst: true);
        var enc = new TransformerEncoder(layer, 2, rng, new LayerNorm(4));
        // Make the two copies differ, so a gradient routed to the wrong layer would show.
        foreach (var (_, p) in enc.Layers[1].NamedParameters())
            for (var i = 0; i < p.Numel; i++) p.Data[i] += 0.1f * rng.NextNormal();
        var x = Tensor.Normal(rng, 0, 1, 2, 3, 4).RequireGrad();
        var padding = AttentionMasks.KeyPadding([3, 2], 3);
        var inputs = new List<Tensor> { x };
        inputs.AddRange(enc.Parameters());
        GradCheck.Check(xs => enc.Forward(xs[0], srcKeyPaddingMask: padding), [.. inputs], maxPerInput: 8);
    }

    [Fact]
    public void EncoderLayersStartAsCopiesOfThePrototypeAndTrainApart()
    {
        var layer = new TransformerEncoderLayer(8, 2, new Rng(1), dimFeedforward: 16);
        var enc = new TransformerEncoder(layer, 3, new Rng(2));
        var keys = enc.StateDict().Keys.ToList();
        Assert.Contains("layers.2.self_attn.in_proj_weight", keys);
        Assert.Contains("layers.0.norm2.bias", keys);
        Assert.Equal(3 * layer.StateDict().Count, keys.Count);
        foreach (var (name, p) in layer.NamedParameters())
            for (var i = 0; i < 3; i++)
            {
                var copy = enc.StateDict()[$"layers.{i}.{name}"];
                Assert.Equal(p.Data, copy.Data);
                Assert.NotSame(p.Data, copy.Data);
            }
    }

    [Fact]
    public void DropoutMakesTrainingStochasticButSeeded()
    {
        Tensor Run(bool training)
        {
            var layer = new TransformerEncoderLayer(8, 2, new Rng(1), dimFeedforward: 16, dropout: 0.2f, batchFirst: true);
            layer.Train(training);
            return layer.Forward(Tensor.Normal(new Rng(2), 0, 1, 2, 5, 8));
        }
        Assert.Equal(Run(true).Data, Run(true).Data);
        Assert.NotEqual(Run(true).Data, Run(false).Data);
    }
}
