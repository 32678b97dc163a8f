using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Nn.Tests.Optim;

/// <summary>
/// An optimizer restored from its state dict continues exactly as the one it was saved from: the parameters after
/// the remaining steps are the same bits as an uninterrupted run's, which is what resuming a killed training needs.
/// </summary>
public class OptimizerStateTests
{
    private static (Tensor W, Tensor B) Params(ulong seed)
    {
        var rng = new Rng(seed);
        return (Tensor.Normal(rng, 0, 1, 7, 5), Tensor.Normal(rng, 0, 1, 5));
    }

    private static void Gradients(Tensor w, Tensor b, int step)
    {
        // A gradient that depends on the parameters and the step, so a wrong state shows at once.
        w.Grad = w.Data.Select((v, k) => MathF.Sin(v * (k + 1) + step)).ToArray();
        b.Grad = b.Data.Select((v, k) => v - 0.1f * (k + step)).ToArray();
    }

    public static TheoryData<string> Kinds => ["adam", "adamw", "amsgrad", "sgd-momentum", "rmsprop-centered"];

    private static Optimizer Make(string kind, Tensor[] p) => kind switch
    {
        "adam" => new Adam(p, lr: 1e-2, weightDecay: 1e-3),
        "adamw" => new AdamW(p, lr: 1e-2),
        "amsgrad" => new Adam(p, lr: 1e-2, amsgrad: true),
        "sgd-momentum" => new Sgd(p, lr: 1e-2, momentum: 0.9),
        _ => new RmsProp(p, lr: 1e-2, momentum: 0.5, centered: true),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ARestoredOptimizerContinuesWithTheSameBits(string kind)
    {
        var (w1, b1) = Params(3);
        var straight = Make(kind, [w1, b1]);
        for (var s = 0; s < 12; s++) { Gradients(w1, b1, s); straight.Step(); }

        var (w2, b2) = Params(3);
        var first = Make(kind, [w2, b2]);
        for (var s = 0; s < 5; s++) { Gradients(w2, b2, s); first.Step(); }
        var saved = first.StateDict();
        var (w3, b3) = (new Tensor((float[])w2.Data.Clone(), 7, 5), new Tensor((float[])b2.Data.Clone(), 5));
        var resumed = Make(kind, [w3, b3]);
        resumed.LoadStateDict(saved);
        Assert.Equal(5, resumed.StepCount);
        for (var s = 5; s < 12; s++) { Gradients(w3, b3, s); resumed.Step(); }

        Assert.Equal(w1.Data, w3.Data);
        Assert.Equal(b1.Data, b3.Data);
        // And the state is really needed: a fresh optimizer from the same parameters ends elsewhere.
        var (w4, b4) = (new Tensor((float[])w2.Data.Clone(), 7, 5), new Tensor((float[])b2.Data.Clone(), 5));
        var fresh = Make(kind, [w4, b4]);
        for (var s = 5; s < 12; s++) { Gradients(w4, b4, s); fresh.Step(); }
        Assert.NotEqual(w1.Data, w4.Data);
    }

    [Fact]
    public void AStateOfAnotherShapeIsRefused()
    {
        var (w, b) = Params(1);
        var adam = new Adam([w, b]);
        Gradients(w, b, 0);
        adam.Step();
        var state = adam.StateDict();
        state["exp_avg.1"] = new float[3];
        Assert.Contains("exp_avg.1 has 3 values, parameter 1 has 5", Assert.Throws<ArgumentException>(() => new Adam([w, b]).LoadStateDict(state)).Message);
        var extra = adam.StateDict();
        extra["exp_avg.9"] = new float[1];
        Assert.Contains("'exp_avg.9' belongs to no parameter", Assert.Throws<ArgumentException>(() => new Adam([w, b]).LoadStateDict(extra)).Message);
    }

    [Fact]
    public void AGeneratorRestoredFromItsStateDrawsTheSameStream()
    {
        var rng = new Rng(11);
        for (var k = 0; k < 7; k++) rng.NextULong();
        rng.NextNormal(); // leaves a spare normal cached: part of the state
        var state = rng.State;
        var expected = Enumerable.Range(0, 20).Select(_ => rng.NextNormal()).ToArray();
        var other = new Rng(999);
        other.State = state;
        Assert.Equal(expected, Enumerable.Range(0, 20).Select(_ => other.NextNormal()).ToArray());
        Assert.Throws<ArgumentException>(() => other.State = default);
    }
}
