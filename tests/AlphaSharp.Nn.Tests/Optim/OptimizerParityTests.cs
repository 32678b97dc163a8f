using AlphaSharp.Nn.Optim;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Optim;

/// <summary>Five training steps of each optimizer against PyTorch 1.13 on the same model, data and start.</summary>
public class OptimizerParityTests
{
    private static Optimizer Make(string name, IReadOnlyList<Tensor> p) => name switch
    {
        "adam" => new Adam(p, lr: 0.05),
        "adam_wd_amsgrad" => new Adam(p, lr: 0.05, beta1: 0.8, beta2: 0.99, weightDecay: 0.1, amsgrad: true),
        "adamw" => new AdamW(p, lr: 0.05, weightDecay: 0.1),
        "sgd_momentum" => new Sgd(p, lr: 0.1, momentum: 0.9),
        "sgd_nesterov_wd" => new Sgd(p, lr: 0.1, momentum: 0.8, nesterov: true, weightDecay: 0.05),
        "sgd_dampening" => new Sgd(p, lr: 0.1, momentum: 0.9, dampening: 0.3),
        "rmsprop" => new RmsProp(p, lr: 0.01),
        "rmsprop_centered_momentum" => new RmsProp(p, lr: 0.01, alpha: 0.9, momentum: 0.5, centered: true, weightDecay: 0.01),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("adam")]
    [InlineData("adam_wd_amsgrad")]
    [InlineData("adamw")]
    [InlineData("sgd_momentum")]
    [InlineData("sgd_nesterov_wd")]
    [InlineData("sgd_dampening")]
    [InlineData("rmsprop")]
    [InlineData("rmsprop_centered_momentum")]
    public void FiveStepsMatchPyTorch(string name)
    {
        var fx = Fixtures.Load("optim_" + name);
        var rng = new Rng(1);
        var model = new Sequential(new Linear(5, 4, rng), new Tanh(), new Linear(4, 1, rng));
        model.LoadStateDict(fx.Where(kv => kv.Key.StartsWith("init.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["init.".Length..], kv => kv.Value));
        var opt = Make(name, model.Parameters());
        var x = fx.Get("x");
        var y = fx.Get("y");
        for (var step = 0; step < 5; step++)
        {
            opt.ZeroGrad();
            var loss = Losses.Mse(model.Forward(x), y);
            TensorAssert.Close(fx.Get($"loss.{step}"), loss, $"{name} loss at step {step}");
            loss.Backward();
            opt.Step();
        }
        foreach (var (key, p) in model.StateDict())
        {
            var start = fx.Get("init." + key);
            Assert.False(start.Data.AsSpan().SequenceEqual(p.Data), $"{name}: {key} did not move");
            TensorAssert.Close(fx.Get("final." + key), p, $"{name} {key} after 5 steps");
        }
    }
}
