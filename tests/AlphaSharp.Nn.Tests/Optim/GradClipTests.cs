using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Nn.Tests.Optim;

public class GradClipTests
{
    [Fact]
    public void ScalesAllGradientsByTheGlobalNorm()
    {
        var a = Tensor.Zeros(2).RequireGrad();
        var b = Tensor.Zeros(1).RequireGrad();
        a.Grad = [3f, 0f];
        b.Grad = [4f];
        // Global norm 5; max 1 -> every gradient times 1 / (5 + 1e-6).
        var total = GradClip.ClipGradNorm([a, b], 1.0);
        Assert.Equal(5.0, total, 6);
        var c = (float)(1 / (5 + 1e-6));
        Assert.Equal([3f * c, 0f], a.Grad);
        Assert.Equal([4f * c], b.Grad);
    }

    [Fact]
    public void LeavesSmallGradientsAloneAndSupportsInfinityNorm()
    {
        var a = Tensor.Zeros(3).RequireGrad();
        a.Grad = [0.1f, -0.2f, 0.05f];
        Assert.Equal(0.2, GradClip.ClipGradNorm([a], 10, double.PositiveInfinity), 6);
        Assert.Equal([0.1f, -0.2f, 0.05f], a.Grad);
    }
}
