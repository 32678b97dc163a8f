using AlphaSharp.Nn.Recurrent;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Recurrent;

public class LastTimeStepTests
{
    [Fact]
    public void PicksTheLastStepInEitherLayoutAndRoutesTheGradientThere()
    {
        // out[t, b, f] = 100 t + 10 b + f, so the picked values name their own position.
        const int T = 4, B = 3, F = 2;
        var tm = Tensor.Zeros(T, B, F);
        var bf = Tensor.Zeros(B, T, F);
        for (var t = 0; t < T; t++)
            for (var b = 0; b < B; b++)
                for (var f = 0; f < F; f++)
                {
                    tm.Data[(t * B + b) * F + f] = 100 * t + 10 * b + f;
                    bf.Data[(b * T + t) * F + f] = 100 * t + 10 * b + f;
                }
        float[] expected = [300, 301, 310, 311, 320, 321];
        Assert.Equal(expected, Sequence.LastTimeStep(tm, batchFirst: false).Data);
        Assert.Equal(expected, Sequence.LastTimeStep(bf, batchFirst: true).Data);
        Assert.Equal([B, F], Sequence.LastTimeStep(bf, batchFirst: true).Shape);
        Assert.Equal([301f, 311f], Sequence.LastTimeStep(Tensor.From([1, 11, 301, 311], 2, 2), batchFirst: true).Data);

        bf.RequireGrad();
        var last = Sequence.LastTimeStep(bf, batchFirst: true);
        last.Backward([1, 2, 3, 4, 5, 6]);
        var g = bf.Grad!;
        Assert.Equal(21f, g.Sum());
        Assert.Equal(1f, g[(0 * T + 3) * F]);
        Assert.Equal(6f, g[(2 * T + 3) * F + 1]);
        Assert.Equal(0f, g[(1 * T + 2) * F]);
    }

    [Fact]
    public void RejectsWhatIsNotASequence()
        => Assert.Contains("last time step", Assert.Throws<ArgumentException>(() => Sequence.LastTimeStep(Tensor.Zeros(3), false)).Message);

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var x = Tensor.Normal(new Rng(4), 0f, 1f, 3, 5, 2).RequireGrad();
        GradCheck.Check(xs => Sequence.LastTimeStep(xs[0], batchFirst: true), [x]);
    }
}
