using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.LossFunctions;

public class LossTests
{
    private static readonly Lazy<Dictionary<string, Tensor>> Fx = new(() => Fixtures.Load("loss_all"));

    private static Tensor Compute(string name, Tensor x, Reduction red)
    {
        var fx = Fx.Value;
        return name switch
        {
            "mse" => Losses.Mse(x, fx.Get("reg.target"), reduction: red),
            "mse_w" => Losses.Mse(x, fx.Get("reg.target"), fx.Get("reg.weight"), red),
            "l1" => Losses.L1(x, fx.Get("reg.target"), reduction: red),
            "l1_w" => Losses.L1(x, fx.Get("reg.target"), fx.Get("reg.weight"), red),
            "huber" => Losses.Huber(x, fx.Get("huber.target"), 0.5f, reduction: red),
            "huber_w" => Losses.Huber(x, fx.Get("huber.target"), 0.5f, fx.Get("reg.weight"), red),
            "ce" => Losses.CrossEntropy(x, fx.Get("ce.target"), reduction: red),
            "ce_w" => Losses.CrossEntropy(x, fx.Get("ce.target"), fx.Get("ce.class_weight"), red),
            "bce" => Losses.BceWithLogits(x, fx.Get("bce.target"), reduction: red),
            "bce_w" => Losses.BceWithLogits(x, fx.Get("bce.target"), fx.Get("bce.weight"), fx.Get("bce.pos_weight"), red),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("mse_w")]
    [InlineData("l1")]
    [InlineData("l1_w")]
    [InlineData("huber")]
    [InlineData("huber_w")]
    [InlineData("ce")]
    [InlineData("ce_w")]
    [InlineData("bce")]
    [InlineData("bce_w")]
    public void MatchesPyTorchForEveryReduction(string name)
    {
        foreach (var (red, key) in new[] { (Reduction.Mean, "mean"), (Reduction.Sum, "sum"), (Reduction.None, "none") })
        {
            var x = Fx.Value.Get(name + ".x").Detach().RequireGrad();
            var y = Compute(name, x, red);
            TensorAssert.Close(Fx.Value.Get($"{name}.{key}.out"), y, $"{name} {key} value");
            y.Backward(Fx.Value.Get($"{name}.{key}.gout").Data);
            TensorAssert.GradClose(Fx.Value.Get($"{name}.{key}.gx"), x, $"{name} {key} gradient");
        }
    }

    [Theory]
    [InlineData("mse_w")]
    [InlineData("l1_w")]
    [InlineData("huber_w")]
    [InlineData("ce_w")]
    [InlineData("bce_w")]
    public void GradCheck(string name)
    {
        var x = Fx.Value.Get(name + ".x").Detach().RequireGrad();
        Support.GradCheck.Check(xs => Compute(name, xs[0], Reduction.Mean), [x]);
        Support.GradCheck.Check(xs => Compute(name, xs[0], Reduction.None), [x]);
    }

    [Fact]
    public void MseGradientAlsoFlowsToATargetThatNeedsIt()
    {
        var x = Tensor.Uniform(new Rng(1), -1, 1, 5).RequireGrad();
        var t = Tensor.Uniform(new Rng(2), -1, 1, 5).RequireGrad();
        Support.GradCheck.Check(xs => Losses.Mse(xs[0], xs[1]), [x, t]);
        Support.GradCheck.Check(xs => Losses.Huber(xs[0], xs[1], 0.3f), [x, t]);
    }

    [Fact]
    public void HandComputedWeightedMse()
    {
        // w (x - t)^2 = [1*1, 2*4, 0.5*9] = [1, 8, 4.5]; mean 13.5 / 3 = 4.5.
        var loss = Losses.Mse(Tensor.From([1f, 2f, 3f]), Tensor.From([0f, 0f, 0f]), Tensor.From([1f, 2f, 0.5f]));
        Assert.Equal(4.5f, loss.Item(), 6);
    }

    [Fact]
    public void BadTargetsAreNamed()
    {
        var ex = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(Tensor.Zeros(2, 3), Tensor.From([0f, 3f])));
        Assert.Contains("target 1 is 3", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Losses.Mse(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Contains("[2, 3]", ex.Message);
    }
}
