using AlphaSharp.Nn.Recurrent;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>
/// Central differences against the fused backward: input, h0, c0 and every weight, through outputs and final
/// states at once (the checked scalar is a fixed random projection of y, h_n and c_n).
/// </summary>
public class RecurrentGradCheckTests
{
    public static TheoryData<RecurrentCase> Cases()
    {
        var data = new TheoryData<RecurrentCase>();
        foreach (var kind in new[] { "lstm", "gru", "rnn_tanh", "rnn_relu" })
        {
            data.Add(new RecurrentCase(kind, 3, 4, 1, false, false, true, true, 4, 2));
            data.Add(new RecurrentCase(kind, 3, 9, 2, true, true, true, true, 3, 2));
            data.Add(new RecurrentCase(kind, 2, 5, 1, true, false, false, false, 5, 3));
            // 36 rows: two blocks of the time loop wherever two threads are allowed.
            data.Add(new RecurrentCase(kind, 2, 3, 1, false, true, true, true, 3, 36));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchFiniteDifferences(RecurrentCase c) => Check(c, threads: 2);

    [Fact]
    public void TrainingDropoutBetweenLayersHasTheGradientOfItsMask()
    {
        // The masks are pinned by handing every evaluation a fresh generator with the same seed.
        Check(new RecurrentCase("lstm", 3, 4, 3, true, false, true, true, 3, 2, Dropout: 0.4f), threads: 1);
        Check(new RecurrentCase("gru", 3, 4, 2, false, true, true, false, 3, 2, Dropout: 0.5f), threads: 1);
    }

    [Theory]
    [InlineData("lstm", "hn")]
    [InlineData("lstm", "cn")]
    [InlineData("gru", "hn")]
    [InlineData("rnn_tanh", "hn")]
    public void OnlyAFinalStateInTheLossStillReachesEveryInput(string kind, string which)
    {
        // The output itself is unused: its gradient is the zeros the final state's entry hands over.
        var c = new RecurrentCase(kind, 3, 5, 2, true, true, true, true, 4, 3);
        var rng = new Rng(31);
        var m = c.Build(rng);
        var x = Tensor.Normal(rng, 0f, 1f, c.InputShape).RequireGrad();
        var h0 = Tensor.Normal(rng, 0f, 0.5f, c.StateShape).RequireGrad();
        var c0 = kind == "lstm" ? Tensor.Normal(rng, 0f, 0.5f, c.StateShape).RequireGrad() : null;
        var inputs = new List<Tensor> { x, h0 };
        if (c0 is not null) inputs.Add(c0);
        inputs.AddRange(m.Parameters());
        GradCheck.Check(_ =>
        {
            var (_, hn, cn) = RecurrentFixture.Run(m, x, h0, c0);
            return which == "cn" ? cn! : hn;
        }, [.. inputs], maxPerInput: 16);
    }

    // Central differences are meaningless where a step straddles a relu kink (one pre-activation within eps of
    // zero; checked by hand: there the difference quotient converges to the autograd value as eps shrinks). With
    // hundreds of pre-activations that happens for some seeds, so the relu cases use one where none does.
    private const ulong ReluSeed = 707;

    private static void Check(RecurrentCase c, int threads)
    {
        var rng = new Rng(c.Kind == "rnn_relu" ? ReluSeed : 101);
        var m = c.Build(rng);
        var x = Tensor.Normal(rng, 0f, 1f, c.InputShape).RequireGrad();
        var inputs = new List<Tensor> { x };
        Tensor? h0 = null, c0 = null;
        if (c.WithState)
        {
            h0 = Tensor.Normal(rng, 0f, 0.5f, c.StateShape).RequireGrad();
            inputs.Add(h0);
            if (c.Kind == "lstm")
            {
                c0 = Tensor.Normal(rng, 0f, 0.5f, c.StateShape).RequireGrad();
                inputs.Add(c0);
            }
        }
        inputs.AddRange(m.Parameters());
        var gy = new Dictionary<string, Tensor>();

        Tensor F(Tensor[] _)
        {
            m.DropoutRng = new Rng(99);
            using var scope = RecurrentStack.UseThreads(threads);
            var (y, hn, cn) = RecurrentFixture.Run(m, x, h0, c0);
            var pairs = new List<(Tensor, Tensor)> { (y, Upstream(gy, "y", y)), (hn, Upstream(gy, "hn", hn)) };
            if (cn is not null) pairs.Add((cn, Upstream(gy, "cn", cn)));
            return Projection.Of(pairs);
        }

        GradCheck.Check(F, [.. inputs], maxPerInput: 24);
    }

    private static Tensor Upstream(Dictionary<string, Tensor> cache, string key, Tensor like)
    {
        if (!cache.TryGetValue(key, out var g))
            cache[key] = g = Tensor.Normal(new Rng((ulong)key.Length * 31 + 5), 0f, 1f, like.Shape);
        return g;
    }
}
