namespace AlphaSharp.Nn.Tests.Support;

public class GradCheckTests
{
    /// <summary>y = x^3 with a hand-written backward, right or deliberately wrong.</summary>
    private static Tensor Cube(Tensor x, float gradScale)
    {
        var y = new Tensor(x.Data.Select(v => v * v * v).ToArray(), x.Shape);
        return Autograd.Record(y, [x], o =>
        {
            var g = Autograd.GradOf(x);
            for (var k = 0; k < g.Length; k++) g[k] += gradScale * 3 * x.Data[k] * x.Data[k] * o.Grad![k];
        }, "cube");
    }

    [Fact]
    public void AcceptsACorrectGradient()
    {
        var x = Tensor.Uniform(new Rng(1), -2, 2, 4, 3).RequireGrad();
        GradCheck.Check(xs => Cube(xs[0], 1f), [x]);
    }

    [Fact]
    public void RejectsAWrongGradient()
    {
        var x = Tensor.Uniform(new Rng(1), 0.5f, 2, 4, 3).RequireGrad();
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.Check(xs => Cube(xs[0], 1.05f), [x]));
    }
}
