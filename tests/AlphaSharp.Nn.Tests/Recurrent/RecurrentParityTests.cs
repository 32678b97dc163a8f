using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>
/// Outputs, final states and every gradient against PyTorch (fx_recurrent.py), within 1e-4 relative or 1e-5
/// absolute. The loss is sum(out * gout) over y, h_n (and c_n), as the script computes it.
/// </summary>
public class RecurrentParityTests
{
    public static TheoryData<string> Names =>
    [
        "lstm_odd", "lstm_2l_bf_h0", "lstm_bi_2l_h0", "lstm_bi_bf_nobias", "lstm_3l_eval_dropout",
        "lstm_bi_bf_wide_h0", "lstm_unbatched_h0",
        "gru_odd", "gru_2l_bf_h0", "gru_bi_2l_h0", "gru_bi_bf_nobias", "gru_3l_eval_dropout", "gru_bi_bf_wide_h0",
        "gru_unbatched",
        "rnn_tanh_odd", "rnn_relu_2l_bf_h0", "rnn_tanh_bi_2l_h0", "rnn_relu_bi_bf_nobias", "rnn_tanh_3l_eval_dropout",
        "rnn_relu_bi_bf_wide_h0",
        // 1200 rows: the weight gradients sum several chunks of rows on each thread.
        "lstm_long_2l_bf_h0", "gru_long_2l_bf_h0",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesPyTorch(string name) => CheckAgainstPyTorch(name);

    [Theory]
    [InlineData("lstm_bi_2l_h0")]
    [InlineData("gru_3l_eval_dropout")]
    [InlineData("rnn_relu_bi_bf_wide_h0")]
    public void MatchesPyTorchWhenThePoolHandsBackPoisonedBuffers(string name)
    {
        // The kernels rent their buffers; every value they read must be one they wrote.
        for (var size = 16; size <= 1 << 20; size *= 2)
        {
            var held = new List<float[]>();
            for (var k = 0; k < 3; k++)
            {
                var a = System.Buffers.ArrayPool<float>.Shared.Rent(size);
                Array.Fill(a, float.NaN);
                held.Add(a);
            }
            foreach (var a in held) System.Buffers.ArrayPool<float>.Shared.Return(a);
        }
        CheckAgainstPyTorch(name);
    }

    internal static void CheckAgainstPyTorch(string name)
    {
        var fx = RecurrentFixture.Load(name);
        var m = fx.BuildModule();
        var x = fx["in.x"].Detach().RequireGrad();
        var h0 = fx.HasH0 ? fx["in.h0"].Detach().RequireGrad() : null;
        var c0 = fx.HasH0 && fx.Kind == "lstm" ? fx["in.c0"].Detach().RequireGrad() : null;

        var (y, hn, cn) = RecurrentFixture.Run(m, x, h0, c0);
        TensorAssert.Close(fx["out.y"], y, $"{name} output");
        TensorAssert.Close(fx["out.hn"], hn, $"{name} h_n");
        if (cn is not null) TensorAssert.Close(fx["out.cn"], cn, $"{name} c_n");

        var pairs = new List<(Tensor, Tensor)> { (y, fx["gout.y"]), (hn, fx["gout.hn"]) };
        if (cn is not null) pairs.Add((cn, fx["gout.cn"]));
        Projection.Of(pairs).Backward();

        TensorAssert.GradClose(fx["grad.in.x"], x, $"{name} grad x");
        if (h0 is not null) TensorAssert.GradClose(fx["grad.in.h0"], h0, $"{name} grad h0");
        if (c0 is not null) TensorAssert.GradClose(fx["grad.in.c0"], c0, $"{name} grad c0");
        var checkedParams = 0;
        foreach (var (key, p) in m.NamedParameters())
        {
            TensorAssert.GradClose(fx["grad.param." + key], p, $"{name} grad {key}");
            checkedParams++;
        }
        Assert.Equal(fx.Tensors.Keys.Count(k => k.StartsWith("grad.param.", StringComparison.Ordinal)), checkedParams);
    }
}
