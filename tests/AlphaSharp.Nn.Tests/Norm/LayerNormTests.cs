using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Norm;

public class LayerNormTests
{
    [Theory]
    [InlineData("ln_last", new[] { 10 }, 1e-5, true)]
    [InlineData("ln_two", new[] { 5, 4 }, 1e-3, true)]
    [InlineData("ln_noaffine", new[] { 9 }, 1e-5, false)]
    [InlineData("ln_wide", new[] { 37 }, 1e-5, true)]
    [InlineData("ln_wide_noaffine", new[] { 2, 19 }, 1e-5, false)]
    public void MatchesPyTorch(string name, int[] shape, double eps, bool affine)
    {
        var fx = Fixtures.Load(name);
        var ln = new LayerNorm(shape, eps, affine);
        ModuleParity.LoadParams(ln, fx);
        var x = ModuleParity.Input(fx, "x");
        var y = ln.Forward(x);
        TensorAssert.Close(fx.Get("out.y"), y, name + ": y");
        ModuleParity.Backward(fx, y);
        TensorAssert.GradClose(fx.Get("grad.in.x"), x, name + ": grad x");
        ModuleParity.AssertParamGrads(ln, fx, name);
    }

    [Fact]
    public void NormalisesARowByHand()
    {
        // Row 1, 2, 3, 6: mean 3, biased variance 3.5.
        var ln = new LayerNorm(4, eps: 0.5);
        var y = ln.Forward(Tensor.From([1f, 2f, 3f, 6f], 1, 4));
        var s = Math.Sqrt(3.5 + 0.5);
        TensorAssert.Close(new[] { (float)(-2 / s), (float)(-1 / s), 0f, (float)(3 / s) }, y.Data, "y");
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var rng = new Rng(11);
        var ln = new LayerNorm([3, 4]);
        for (var k = 0; k < 12; k++) { ln.Weight!.Data[k] = 1 + 0.1f * k; ln.Bias!.Data[k] = 0.05f * k; }
        var x = Tensor.Normal(rng, 0.3f, 1.5f, 5, 3, 4).RequireGrad();
        GradCheck.Check(xs => ln.Forward(xs[0]), [x, ln.Weight!, ln.Bias!]);
    }

    [Fact]
    public void RejectsATrailingShapeMismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => new LayerNorm(8).Forward(Tensor.Zeros(2, 7)));
        Assert.Contains("[2, 7]", e.Message);
    }

    [Fact]
    public void FunctionalFormMatchesTheModuleAndChecksItsArguments()
    {
        var rng = new Rng(12);
        var ln = new LayerNorm(7);
        for (var k = 0; k < 7; k++) { ln.Weight!.Data[k] = 0.5f + k; ln.Bias!.Data[k] = -k; }
        var x = Tensor.Normal(rng, 0, 1, 3, 7);
        Assert.Equal(ln.Forward(x).Data, x.LayerNorm([7], ln.Weight, ln.Bias).Data);
        Assert.Throws<ArgumentException>(() => x.LayerNorm([7], ln.Weight, null));
        Assert.Throws<ArgumentException>(() => x.LayerNorm([7], Tensor.Ones(6), Tensor.Zeros(6)));
    }
}
