using AlphaSharp.Nn.Recurrent;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>Names, shapes, initialisation, argument errors and the invariants between outputs and final states.</summary>
public class RecurrentModuleTests
{
    [Fact]
    public void ParametersHavePyTorchNamesAndShapes()
    {
        var lstm = new LSTM(7, 5, new Rng(1), numLayers: 2, bidirectional: true);
        var shapes = lstm.NamedParameters().ToDictionary(p => p.Name, p => p.Value.ShapeString);
        Assert.Equal(
            [
                "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse",
            ],
            lstm.NamedParameters().Select(p => p.Name));
        Assert.Equal("[20, 7]", shapes["weight_ih_l0"]);
        Assert.Equal("[20, 5]", shapes["weight_hh_l0_reverse"]);
        Assert.Equal("[20, 10]", shapes["weight_ih_l1"]);
        Assert.Equal("[20]", shapes["bias_hh_l1_reverse"]);

        var gru = new GRU(3, 4, new Rng(1), bias: false);
        Assert.Equal(["weight_ih_l0", "weight_hh_l0"], gru.NamedParameters().Select(p => p.Name));
        Assert.Equal("[12, 3]", gru.NamedParameters().First().Value.ShapeString);
        var rnn = new RNN(3, 4, new Rng(1), numLayers: 3);
        Assert.Equal(12, rnn.NamedParameters().Count());
        Assert.Equal("[4, 4]", rnn.StateDict()["weight_ih_l2"].ShapeString);
    }

    [Fact]
    public void DefaultInitIsUniformWithinOneOverSqrtHidden()
    {
        var lstm = new LSTM(6, 64, new Rng(3), numLayers: 2);
        var bound = 1.0 / Math.Sqrt(64);
        var all = lstm.Parameters().SelectMany(p => p.Data).ToArray();
        Assert.All(all, v => Assert.InRange(Math.Abs(v), 0, bound));
        // A uniform(-b, b) sample has mean 0 and variance b^2 / 3; these hold to a few percent for 58k values.
        var mean = all.Average(v => (double)v);
        var variance = all.Average(v => ((double)v - mean) * ((double)v - mean));
        Assert.InRange(mean, -0.01 * bound, 0.01 * bound);
        Assert.InRange(variance / (bound * bound / 3), 0.97, 1.03);
        // Same seed, same weights.
        Assert.Equal(all, new LSTM(6, 64, new Rng(3), numLayers: 2).Parameters().SelectMany(p => p.Data));
    }

    [Fact]
    public void BadArgumentsAreOneClearError()
    {
        var rng = new Rng(1);
        Assert.Contains("nonlinearity", Assert.Throws<ArgumentException>(() => new RNN(3, 4, rng, nonlinearity: "sigmoid")).Message);
        Assert.Contains("hidden_size", Assert.Throws<ArgumentException>(() => new LSTM(3, 0, rng)).Message);
        Assert.Contains("num_layers", Assert.Throws<ArgumentException>(() => new GRU(3, 4, rng, numLayers: 0)).Message);
        Assert.Contains("dropout", Assert.Throws<ArgumentException>(() => new GRU(3, 4, rng, dropout: 1.5f)).Message);

        var lstm = new LSTM(3, 4, rng, numLayers: 2);
        var e = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(5, 2, 4)));
        Assert.Contains("input_size", e.Message);
        Assert.Contains("LSTM", e.Message);
        Assert.Contains("2 (unbatched) or 3", Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(5, 2, 1, 3))).Message);
        var h0 = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(5, 2, 3), (Tensor.Zeros(1, 2, 4), Tensor.Zeros(2, 2, 4))));
        Assert.Contains("h0", h0.Message);
        Assert.Contains("[2, 2, 4]", h0.Message);
        Assert.Contains("c0", Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(5, 2, 3), (Tensor.Zeros(2, 2, 4), Tensor.Zeros(2, 3, 4)))).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(0, 2, 3))).Message);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("rnn_tanh")]
    public void FinalStatesAreTheOutputsAtEachDirectionsLastStep(string kind)
    {
        // Forward direction ends at t = T-1, the reverse one at t = 0; both live in the last layer's output.
        var c = new RecurrentCase(kind, 3, 5, 2, true, true, true, false, 6, 4);
        var m = c.Build(new Rng(5));
        var x = Tensor.Normal(new Rng(6), 0f, 1f, c.InputShape);
        var (y, hn, _) = RecurrentFixture.Run(m, x, null, null);
        Assert.Equal([4, 6, 10], y.Shape);
        Assert.Equal([4, 4, 5], hn.Shape);
        for (var b = 0; b < 4; b++)
            for (var j = 0; j < 5; j++)
            {
                Assert.Equal(y.Data[(b * 6 + 5) * 10 + j], hn.Data[(2 * 4 + b) * 5 + j]);
                Assert.Equal(y.Data[(b * 6 + 0) * 10 + 5 + j], hn.Data[(3 * 4 + b) * 5 + j]);
            }
    }

    [Fact]
    public void BatchFirstIsTheTransposeOfTimeMajor()
    {
        var tm = new GRU(3, 6, new Rng(8), numLayers: 2, bidirectional: true);
        var bf = new GRU(3, 6, new Rng(8), numLayers: 2, bidirectional: true, batchFirst: true);
        const int T = 5, B = 3;
        var x = Tensor.Normal(new Rng(9), 0f, 1f, T, B, 3);
        var xb = Tensor.Zeros(B, T, 3);
        for (var t = 0; t < T; t++)
            for (var b = 0; b < B; b++)
                x.Data.AsSpan((t * B + b) * 3, 3).CopyTo(xb.Data.AsSpan((b * T + t) * 3));
        var (y, hn) = tm.Forward(x);
        var (yb, hnb) = bf.Forward(xb);
        Assert.Equal(hn.Data, hnb.Data);
        for (var t = 0; t < T; t++)
            for (var b = 0; b < B; b++)
                Assert.Equal(y.Data.AsSpan((t * B + b) * 12, 12).ToArray(), yb.Data.AsSpan((b * T + t) * 12, 12).ToArray());
    }

    [Fact]
    public void NoGradRecordsNothingAndGivesTheSameNumbers()
    {
        var lstm = new LSTM(4, 6, new Rng(2), numLayers: 2);
        var x = Tensor.Normal(new Rng(3), 0f, 1f, 7, 3, 4).RequireGrad();
        var (y, (h, c)) = lstm.Forward(x);
        Assert.True(y.RequiresGrad && h.RequiresGrad && c.RequiresGrad);
        using (Autograd.NoGrad())
        {
            var (y2, (h2, c2)) = lstm.Forward(x);
            Assert.False(y2.RequiresGrad || h2.RequiresGrad || c2.RequiresGrad);
            Assert.Equal(y.Data, y2.Data);
            Assert.Equal(h.Data, h2.Data);
            Assert.Equal(c.Data, c2.Data);
        }
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("rnn_relu")]
    public void RowBlocksOnSeveralThreadsAgreeWithOneBlock(string kind)
    {
        // 50 batch rows split into 3 blocks for the time loop, and 32 x 50 rows into 3 parts for the weight
        // gradients, must give the one-thread numbers (the float sums over 1600 rows round differently per split, so
        // closeness within the parity tolerance, not identity) and the same bits again on a second run with 3 threads.
        var c = new RecurrentCase(kind, 5, 11, 2, true, false, true, true, 32, 50);
        var one = RunWithGrads(c, 1);
        var three = RunWithGrads(c, 3);
        var threeAgain = RunWithGrads(c, 3);
        for (var k = 0; k < one.Count; k++)
        {
            TensorAssert.Close(one[k], three[k], $"{kind} tensor {k}");
            Assert.Equal(three[k].Data, threeAgain[k].Data);
        }
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void ProjectingInputsStepByStepGivesTheBitsOfOneProjection(string kind)
    {
        // The time loop projects each step's inputs just before the step; one product over all steps first must
        // give the same bits: outputs, states and every gradient. Both directions, two layers, two row blocks.
        var c = new RecurrentCase(kind, 9, 20, 2, true, true, true, true, 7, 37);
        var stepByStep = RunWithGrads(c, 2);
        RecurrentLayer.ProjectAllStepsFirst = true;
        try
        {
            var allFirst = RunWithGrads(c, 2);
            for (var k = 0; k < stepByStep.Count; k++)
                Assert.True(stepByStep[k].Data.AsSpan().SequenceEqual(allFirst[k].Data), $"{kind} tensor {k} differs");
        }
        finally { RecurrentLayer.ProjectAllStepsFirst = false; }
    }

    private static List<Tensor> RunWithGrads(RecurrentCase c, int threads)
    {
        var rng = new Rng(17);
        var m = c.Build(rng);
        var x = Tensor.Normal(rng, 0f, 1f, c.InputShape).RequireGrad();
        var h0 = Tensor.Normal(rng, 0f, 0.5f, c.StateShape).RequireGrad();
        var c0 = c.Kind == "lstm" ? Tensor.Normal(rng, 0f, 0.5f, c.StateShape).RequireGrad() : null;
        using var scope = RecurrentStack.UseThreads(threads);
        var (y, hn, cn) = RecurrentFixture.Run(m, x, h0, c0);
        var pairs = new List<(Tensor, Tensor)> { (y, Tensor.Normal(rng, 0f, 1f, y.Shape)), (hn, Tensor.Normal(rng, 0f, 1f, hn.Shape)) };
        if (cn is not null) pairs.Add((cn, Tensor.Normal(rng, 0f, 1f, cn.Shape)));
        Projection.Of(pairs).Backward();
        var result = new List<Tensor> { y.Detach(), hn.Detach(), new(x.Grad!, x.Shape), new(h0.Grad!, h0.Shape) };
        result.AddRange(m.Parameters().Select(p => new Tensor(p.Grad!, p.Shape)));
        return result;
    }
}
