namespace AlphaSharp.Nn.Tests.TensorOps;

/// <summary>Intermediate gradients come from a pool and go back after each backward pass.</summary>
public class GradPoolTests
{
    [Fact]
    public void RepeatedPassesGiveTheSameGradientsAsTheFirst()
    {
        // d/dx sum((x * w + 1)^2) = 2 (x w + 1) w, elementwise; the intermediates' pooled gradients must start at zero.
        var rng = new Rng(3);
        var x = Tensor.Normal(rng, 0f, 1f, 5, 7).RequireGrad();
        var w = Tensor.Normal(rng, 0f, 1f, 5, 7);
        for (var pass = 0; pass < 3; pass++)
        {
            x.ZeroGrad();
            var u = x.Mul(w).Add(Tensor.Ones(5, 7));
            u.Mul(u).Sum().Backward();
            for (var i = 0; i < 35; i++)
            {
                var expected = 2.0 * (x.Data[i] * (double)w.Data[i] + 1.0) * w.Data[i];
                Assert.InRange(x.Grad![i], expected - 1e-5 * (1 + Math.Abs(expected)), expected + 1e-5 * (1 + Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void AnArrayTheCallerAssignedIsNeverHandedOutAgain()
    {
        var x = Tensor.Ones(4).RequireGrad();
        var loss = x.Mul(2f).Sum();
        var mine = new float[1];
        loss.Grad = mine; // the root's gradient, owned by the caller (backward adds its seed into it)
        loss.Backward();
        Assert.Equal([2f, 2f, 2f, 2f], x.Grad!);
        Array.Fill(mine, 7f);
        // Later passes make a root of the same length: they must not receive the caller's array.
        for (var pass = 0; pass < 3; pass++)
        {
            x.ZeroGrad();
            x.Mul(2f).Sum().Backward();
            Assert.Equal([2f, 2f, 2f, 2f], x.Grad!);
        }
        Assert.Equal([7f], mine);
    }

    [Fact]
    public void IntermediateGradientsAreClearedAfterBackward()
    {
        var x = Tensor.Ones(3).RequireGrad();
        var y = x.Mul(3f);
        y.Sum().Backward();
        Assert.Null(y.Grad);
        Assert.Equal([3f, 3f, 3f], x.Grad!);
    }
}
