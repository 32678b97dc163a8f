using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.TensorOps;

/// <summary>Outputs and input gradients of every op against PyTorch 1.13 (fixture core_ops).</summary>
public class OpParityTests
{
    private static readonly Lazy<Dictionary<string, Tensor>> Fx = new(() => Fixtures.Load("core_ops"));

    /// <summary>Op name -> the same computation in AlphaSharp; idx is the fixture's integer argument when there is one.</summary>
    private static Tensor Run(string name, Tensor a, Tensor? b, Tensor? idx) => name switch
    {
        "add" => a + b!,
        "sub" => a - b!,
        "mul" => a * b!,
        "div" => a / b!,
        "exp" => a.Exp(),
        "log" => a.Log(),
        "sqrt" => a.Sqrt(),
        "pow" => a.Pow(2.5f),
        "abs" => a.Abs(),
        "clamp" => a.Clamp(-0.7f, 0.9f),
        "relu" => a.Relu(),
        "leaky_relu" => a.LeakyRelu(0.2f),
        "tanh" => a.Tanh(),
        "sigmoid" => a.Sigmoid(),
        "gelu" => a.Gelu(),
        "gelu_tanh" => a.Gelu(tanhApproximation: true),
        "elu" => a.Elu(0.7f),
        "sum_dim1" => a.Sum(1),
        "mean_dim2_keep" => a.Mean(2, keepDim: true),
        "max_dim1" => a.Max(1),
        "max_all" => a.Max(),
        "var_dim0" => a.Var(0),
        "var_dim2_biased" => a.Var(2, unbiased: false),
        "var_all" => a.Var(),
        "softmax_dim1" => a.Softmax(1),
        "log_softmax_last" => a.LogSoftmax(-1),
        "matmul" or "matmul_bcast" or "matmul_big" or "matmul_vec" => a.MatMul(b!),
        "transpose" => a.Transpose(0, 2),
        "permute" => a.Permute(1, 2, 0),
        "concat" => Ops.Concat([a, b!, a], 1),
        "stack" => Ops.Stack([a, b!], 1),
        "narrow" => a.Narrow(2, 1, 2),
        "index_select" => a.IndexSelect(2, idx!.Data.Select(v => (int)v).ToArray()),
        "gather" => a.Gather(1, idx!),
        "masked_fill" => a.MaskedFill(idx!, -5f),
        _ => throw new ArgumentException($"no AlphaSharp mapping for fixture op '{name}'"),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var key in Fx.Value.Keys.Where(k => k.EndsWith(".out", StringComparison.Ordinal)).Order())
            data.Add(key[..^4]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesPyTorch(string name)
    {
        var fx = Fx.Value;
        var a = fx.Get(name + ".a").Detach().RequireGrad();
        var b = fx.TryGetValue(name + ".b", out var bt) ? bt.Detach().RequireGrad() : null;
        var idx = fx.TryGetValue(name + ".index", out var it) ? it : fx.TryGetValue(name + ".mask", out var mt) ? mt : null;
        var y = Run(name, a, b, idx);
        TensorAssert.Close(fx.Get(name + ".out"), y, name + " output");
        y.Backward(fx.Get(name + ".gout").Data);
        TensorAssert.GradClose(fx.Get(name + ".ga"), a, name + " grad a");
        if (b is not null) TensorAssert.GradClose(fx.Get(name + ".gb"), b, name + " grad b");
    }

    [Fact]
    public void EveryFixtureOpIsCovered() => Assert.Equal(38, ((IEnumerable<object[]>)Names()).Count());
}
