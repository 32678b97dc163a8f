using AlphaSharp.Nn.Recurrent;
using AlphaSharp.Nn.Tests.Support;
using Xunit.Abstractions;

namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>
/// The LSTM with a relu (or identity) candidate and cell output, Keras's <c>LSTM(units, activation='relu')</c>:
/// against PyTorch's explicit time loop (fx_lstm_activation.py) on the default and the forced 256-bit cell passes,
/// the same bits whatever the thread count and vector width, against finite differences, and its argument errors.
/// </summary>
[Collection("lockstep")]
public class LstmActivationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names =>
    [
        "lstm_relu_bi_2l_bf_h0", "lstm_relu_bi_bf_wide_h0", "lstm_relu_odd_nobias", "lstm_relu_units_2l_bf_h0",
        "lstm_linear_2l_h0",
    ];

    /// <summary>Every value the fixture holds a reference for (out.* and grad.*), by fixture key.</summary>
    private static Dictionary<string, float[]> RunFixture(RecurrentFixture fx, int threads, bool force256)
    {
        var m = fx.BuildModule();
        var x = fx["in.x"].Detach().RequireGrad();
        var h0 = fx.HasH0 ? fx["in.h0"].Detach().RequireGrad() : null;
        var c0 = fx.HasH0 ? fx["in.c0"].Detach().RequireGrad() : null;
        LstmPass.Force256 = force256;
        try
        {
            using var scope = RecurrentStack.UseThreads(threads);
            var (y, hn, cn) = RecurrentFixture.Run(m, x, h0, c0);
            Projection.Of([(y, fx["gout.y"]), (hn, fx["gout.hn"]), (cn!, fx["gout.cn"])]).Backward();
            var got = new Dictionary<string, float[]>
            {
                ["out.y"] = y.Data.ToArray(), ["out.hn"] = hn.Data.ToArray(), ["out.cn"] = cn!.Data.ToArray(),
                ["grad.in.x"] = x.Grad!.ToArray(),
            };
            if (h0 is not null)
            {
                got["grad.in.h0"] = h0.Grad!.ToArray();
                got["grad.in.c0"] = c0!.Grad!.ToArray();
            }
            foreach (var (key, p) in m.NamedParameters()) got["grad.param." + key] = (p.Grad ?? new float[p.Numel]).ToArray();
            return got;
        }
        finally { LstmPass.Force256 = false; }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesPyTorchsExplicitLoopOnBothVectorWidths(string name)
    {
        var fx = RecurrentFixture.Load(name);
        Assert.Equal("lstm", fx.Kind);
        Assert.NotEqual(CellActivation.Tanh, fx.Activation);
        var wide = RunFixture(fx, threads: 2, force256: false);
        var narrow = RunFixture(fx, threads: 2, force256: true);
        // Every reference the fixture holds is checked, and nothing it lacks.
        Assert.Equal(fx.Tensors.Keys.Where(k => k.StartsWith("out.", StringComparison.Ordinal) || k.StartsWith("grad.", StringComparison.Ordinal)).Order(),
            wide.Keys.Order());
        var worst = 0.0;
        foreach (var (key, values) in wide)
        {
            // The tolerances of RecurrentParityTests (1e-4 relative or 1e-5 absolute).
            TensorAssert.Close(fx[key].Data, values, $"{name} {key}");
            var expected = fx[key].Data;
            for (var k = 0; k < values.Length; k++) worst = Math.Max(worst, Math.Abs((double)values[k] - expected[k]));
            // The 256-bit cell passes run the 512-bit ones' operations in the same order: the same bits.
            Assert.True(values.AsSpan().SequenceEqual(narrow[key]), $"{name} {key}: the forced 256-bit path differs from the default");
        }
        output.WriteLine($"{name}: max |AlphaSharp - PyTorch| over outputs, states and gradients {worst:G3}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ThreadCountsGiveTheSameBits(string name)
    {
        // 1 thread: one row block; 2 and 3: two row blocks for 37 rows, unit parts for 5 rows of 70 units. Every
        // fixture has fewer than RowParallel.MinRowsPerPart time x batch rows, so the weight-gradient sums are one
        // part at every count and all gradients must agree too.
        var fx = RecurrentFixture.Load(name);
        var one = RunFixture(fx, threads: 1, force256: false);
        foreach (var threads in new[] { 2, 3 })
        {
            var many = RunFixture(fx, threads, force256: false);
            foreach (var (key, values) in one)
                Assert.True(values.AsSpan().SequenceEqual(many[key]), $"{name} {key}: {threads} threads differ from 1");
        }
    }

    [Fact]
    public void TheFixturesReachTheSplitPaths()
    {
        // What ThreadCountsGiveTheSameBits relies on: the wide fixture's 37 rows make two row blocks and the
        // 5-row, 70-unit one splits by units.
        Assert.Equal(2, RowParallel.BlockCount(37, 2));
        Assert.Equal(2, LstmUnitParts.PartCount(5, 70, 2));
        Assert.Equal(1, LstmUnitParts.PartCount(5, 70, 1));
    }

    public static TheoryData<RecurrentCase> GradCases() =>
    [
        new RecurrentCase("lstm", 3, 4, 2, true, true, true, true, 4, 2, Activation: CellActivation.Relu),
        // 9 units: an 8-lane pass and a scalar unit in every row.
        new RecurrentCase("lstm", 3, 9, 1, true, false, true, true, 3, 2, Activation: CellActivation.Relu),
        new RecurrentCase("lstm", 2, 5, 1, false, false, false, false, 5, 3, Activation: CellActivation.Relu),
        // 17 units: the 16-lane pass where 512-bit vectors are fast, and a scalar unit.
        new RecurrentCase("lstm", 2, 17, 1, true, false, true, true, 2, 1, Activation: CellActivation.Relu),
        // 36 rows: two blocks of the time loop wherever two threads are allowed.
        new RecurrentCase("lstm", 2, 3, 1, false, true, true, true, 3, 36, Activation: CellActivation.Relu),
        new RecurrentCase("lstm", 3, 4, 2, true, false, true, true, 4, 2, Activation: CellActivation.Linear),
    ];

    private const double Eps = 1e-3;

    /// <summary>
    /// Central differences against the fused backward for the input, h0, c0 and every weight, through outputs and
    /// final states at once. A relu kink inside a difference step would make the quotient meaningless, so the
    /// draw is the first from seed 1 whose every nonzero relu argument (g's and c's, from the double-precision
    /// reference) stays 10 steps from zero; the module's forward must also match that reference.
    /// </summary>
    [Theory]
    [MemberData(nameof(GradCases))]
    public void GradientsMatchFiniteDifferences(RecurrentCase c)
    {
        LSTM m = null!;
        Tensor x = null!;
        Tensor? h0 = null, c0 = null;
        var margin = 0.0;
        ulong seed;
        for (seed = 1; seed <= 20000; seed++)
        {
            var rng = new Rng(seed);
            m = (LSTM)c.Build(rng);
            x = Tensor.Normal(rng, 0f, 1f, c.InputShape);
            h0 = c.WithState ? Tensor.Normal(rng, 0f, 0.5f, c.StateShape) : null;
            c0 = c.WithState ? Tensor.Normal(rng, 0f, 0.5f, c.StateShape) : null;
            margin = LstmReference.Run(m, x, h0, c0).Margin;
            if (margin >= 10 * Eps) break;
        }
        Assert.True(margin >= 10 * Eps, $"{c}: no draw keeps the relu arguments {10 * Eps} from zero");
        output.WriteLine($"{c}: seed {seed}, smallest nonzero |relu argument| {margin:G3}");

        var reference = LstmReference.Run(m, x, h0, c0);
        var (y, (hn, cn)) = m.Forward(x, h0 is null ? null : (h0, c0!));
        TensorAssert.Close(reference.Y.Select(v => (float)v).ToArray(), y.Data, $"{c} output against double precision");
        TensorAssert.Close(reference.Hn.Select(v => (float)v).ToArray(), hn.Data, $"{c} h_n against double precision");
        TensorAssert.Close(reference.Cn.Select(v => (float)v).ToArray(), cn.Data, $"{c} c_n against double precision");

        var inputs = new List<Tensor> { x.RequireGrad() };
        if (h0 is not null) inputs.AddRange([h0.RequireGrad(), c0!.RequireGrad()]);
        inputs.AddRange(m.Parameters());
        var rngY = new Rng(5);
        var gy = Tensor.Normal(rngY, 0f, 1f, y.Shape);
        var gh = Tensor.Normal(rngY, 0f, 1f, hn.Shape);
        var gc = Tensor.Normal(rngY, 0f, 1f, cn.Shape);
        GradCheck.Check(_ =>
        {
            using var scope = RecurrentStack.UseThreads(2);
            var (yy, (hh, cc)) = m.Forward(x, h0 is null ? null : (h0, c0!));
            return Projection.Of([(yy, gy), (hh, gh), (cc, gc)]);
        }, [.. inputs], eps: Eps, maxPerInput: 24);
    }

    [Fact]
    public void TanhIsTheDefaultAndGivesItsBits()
    {
        var c = new RecurrentCase("lstm", 5, 20, 2, true, true, true, true, 6, 3);
        Tensor Run(CellActivation? act)
        {
            var rng = new Rng(3);
            var m = act is { } a ? new LSTM(5, 20, rng, 2, batchFirst: true, bidirectional: true, activation: a)
                : new LSTM(5, 20, rng, 2, batchFirst: true, bidirectional: true);
            return m.Forward(Tensor.Normal(rng, 0f, 1f, c.InputShape)).Output;
        }
        Assert.Equal(CellActivation.Tanh, new LSTM(3, 4, new Rng(1)).Activation);
        var byDefault = Run(null);
        Assert.True(byDefault.Data.AsSpan().SequenceEqual(Run(CellActivation.Tanh).Data));
        // And the option reaches the kernel: the relu cell is a different function of the same weights.
        Assert.False(byDefault.Data.AsSpan().SequenceEqual(Run(CellActivation.Relu).Data));
    }

    [Fact]
    public void AnActivationOutsideAnLstmOrUnknownIsOneClearError()
    {
        var rng = new Rng(1);
        Assert.Contains("unknown activation",
            Assert.Throws<ArgumentException>(() => new LSTM(3, 4, rng, activation: (CellActivation)7)).Message);
        var gru = new RecurrentSpec("GRU", CellKind.Gru, 3, 4, 1, true, false, 0f, false, CellActivation.Relu);
        Assert.Contains("LSTM cells only", Assert.Throws<ArgumentException>(gru.Validate).Message);
        new RecurrentSpec("LSTM", CellKind.Lstm, 3, 4, 1, true, false, 0f, false, CellActivation.Linear).Validate();
    }
}
