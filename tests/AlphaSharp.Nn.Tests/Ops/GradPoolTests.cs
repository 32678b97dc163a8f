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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AGradientHandedToALaterEntryIsNotRecycledBeforeItIsRead(bool sideFirst)
    {
        // A two-output op as the recurrent stack records one: the extra output's entry stores its gradient for the
        // main entry, which adds it to x's. Spent gradients go back to the pool as the pass goes, and other entries
        // of the same size run in between, so a handed-over gradient recycled early would be overwritten.
        // loss = sum(5 * side) + sum(3 * (2 * main)), main = x: d loss / dx = 5 + 6 = 11.
        var x = Tensor.Zeros(4).RequireGrad();
        float[]? handed = null;
        var main = Autograd.Record(new Tensor(new float[4], 4), [x], o =>
        {
            var gx = Autograd.GradOf(x);
            for (var i = 0; i < 4; i++) gx[i] += o.Grad![i] + (handed?[i] ?? 0f);
        }, "two_output.main");
        var side = Autograd.Record(new Tensor(new float[4], 4), [main], t =>
        {
            handed = t.Grad;
            Autograd.GradOf(main);
        }, "two_output.side", handsOverGradient: true);
        var other = main.Mul(2f).Mul(3f).Sum();
        var sideTerm = side.Mul(5f).Sum();
        var loss = sideFirst ? sideTerm.Add(other) : other.Add(sideTerm);
        loss.Backward();
        Assert.All(x.Grad!, g => Assert.Equal(11f, g));
    }
}
