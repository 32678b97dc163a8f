using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Norm;

/// <summary>
/// Reading the fx_attn.py fixture layout: param.* (state before the step), in.*, out.*, gout.* (upstream
/// gradients), grad.in.*, grad.param.*, after.* (buffers after the forward).
/// </summary>
public static class ModuleParity
{
    /// <summary>Loads param.* into the module strictly (every key must match, both ways).</summary>
    public static void LoadParams(Module module, Dictionary<string, Tensor> fx)
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in fx)
        {
            if (!key.StartsWith("param.", StringComparison.Ordinal)) continue;
            state[key["param.".Length..]] = value;
        }
        module.LoadStateDict(state);
    }

    /// <summary>A fresh copy of in.&lt;name&gt; that records its gradient.</summary>
    public static Tensor Input(Dictionary<string, Tensor> fx, string name, bool grad = true)
        => fx.Get("in." + name).Detach().RequireGrad(grad);

    /// <summary>Back-propagates loss = sum(out * gout) for one output.</summary>
    public static void Backward(Dictionary<string, Tensor> fx, Tensor output, string name = "y")
        => output.Backward(fx.Get("gout." + name).Data);

    /// <summary>Every grad.param.* against the module's parameter gradients (and no parameter left unchecked).</summary>
    public static void AssertParamGrads(Module module, Dictionary<string, Tensor> fx, string what)
    {
        var count = 0;
        foreach (var (name, p) in module.NamedParameters())
        {
            TensorAssert.GradClose(fx.Get("grad.param." + name), p, $"{what}: grad {name}");
            count++;
        }
        Assert.Equal(fx.Keys.Count(k => k.StartsWith("grad.param.", StringComparison.Ordinal)), count);
    }

    /// <summary>Every after.* against the module's buffers.</summary>
    public static void AssertBuffersAfter(Module module, Dictionary<string, Tensor> fx, string what)
    {
        foreach (var (name, b) in module.NamedBuffers())
            TensorAssert.Close(fx.Get("after." + name).Data, b.Data, $"{what}: {name} after the step");
    }
}
