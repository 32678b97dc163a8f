using AlphaSharp.Nn.Kernels;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>
/// A small batch splits the LSTM time loop by hidden units over threads (<see cref="LstmUnitParts"/>). It must
/// give the bits of the one-thread row loop, whether the parts run in lockstep on several threads or one after
/// another on the caller (what happens while another call holds the lockstep threads).
/// </summary>
[Collection("lockstep")]
public class UnitPartsTests
{
    private sealed record Result(float[] Y, float[] Hn, float[] Cn, float[][] Grads);

    /// <summary>Forward and backward through outputs and final states; every gradient, flattened.</summary>
    private static Result Run(RecurrentCase c, int threads, bool sequential)
    {
        var rng = new Rng(31);
        var m = c.Build(rng);
        var x = Tensor.Normal(rng, 0f, 1f, c.InputShape).RequireGrad();
        var h0 = Tensor.Normal(rng, 0f, 0.5f, c.StateShape).RequireGrad();
        var c0 = Tensor.Normal(rng, 0f, 0.5f, c.StateShape).RequireGrad();
        var gy = new Rng(5);
        Lockstep.ForceSequential = sequential;
        try
        {
            using var scope = RecurrentStack.UseThreads(threads);
            var (y, (hn, cn)) = ((LSTM)m).Forward(x, c.WithState ? (h0, c0) : null);
            var loss = (y * Tensor.Normal(gy, 0f, 1f, y.Shape)).Sum() + (hn * Tensor.Normal(gy, 0f, 1f, hn.Shape)).Sum()
                + (cn * Tensor.Normal(gy, 0f, 1f, cn.Shape)).Sum();
            loss.Backward();
            var grads = new List<float[]> { x.Grad! };
            if (c.WithState) grads.AddRange([h0.Grad!, c0.Grad!]);
            grads.AddRange(m.Parameters().Select(p => p.Grad!));
            return new Result(y.Data.ToArray(), hn.Data.ToArray(), cn.Data.ToArray(), [.. grads.Select(g => g.ToArray())]);
        }
        finally { Lockstep.ForceSequential = false; }
    }

    public static TheoryData<RecurrentCase> Cases() =>
    [
        // 70 units: parts [0, 32) and [32, 70), the last with a scalar tail. Two layers, both directions, states.
        new RecurrentCase("lstm", 5, 70, 2, true, true, true, true, 6, 5),
        // No initial state (the first step skips the product), no biases, time-major, one direction.
        new RecurrentCase("lstm", 3, 96, 1, false, false, false, false, 4, 3),
        // The relu cell's own passes (LstmActivatedCell), split by units the same way.
        new RecurrentCase("lstm", 5, 70, 2, true, true, true, true, 6, 5, Activation: CellActivation.Relu),
        new RecurrentCase("lstm", 3, 96, 1, false, false, false, false, 4, 3, Activation: CellActivation.Linear),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnitPartsGiveTheBitsOfTheRowLoop(RecurrentCase c)
    {
        Assert.Equal(1, LstmUnitParts.PartCount(c.B, c.Hidden, threads: 1));
        Assert.Equal(2, LstmUnitParts.PartCount(c.B, c.Hidden, threads: 2));
        var rowLoop = Run(c, threads: 1, sequential: false);
        foreach (var sequential in new[] { false, true })
        {
            var parts = Run(c, threads: 2, sequential);
            var how = sequential ? "one after another" : "in lockstep";
            Assert.True(rowLoop.Y.AsSpan().SequenceEqual(parts.Y), $"output differs with unit parts run {how}");
            Assert.True(rowLoop.Hn.AsSpan().SequenceEqual(parts.Hn), $"h_n differs with unit parts run {how}");
            Assert.True(rowLoop.Cn.AsSpan().SequenceEqual(parts.Cn), $"c_n differs with unit parts run {how}");
            Assert.Equal(rowLoop.Grads.Length, parts.Grads.Length);
            for (var i = 0; i < rowLoop.Grads.Length; i++)
                Assert.True(rowLoop.Grads[i].AsSpan().SequenceEqual(parts.Grads[i]), $"gradient {i} differs with unit parts run {how}");
        }
    }

    [Fact]
    public void LargeBatchesKeepTheRowLoop()
    {
        // 32 rows fill two row blocks of 16: no unit split; narrow layers never split.
        Assert.Equal(1, LstmUnitParts.PartCount(32, 150, threads: 2));
        Assert.Equal(2, LstmUnitParts.PartCount(31, 150, threads: 2));
        Assert.Equal(1, LstmUnitParts.PartCount(20, 63, threads: 2));
        Assert.Equal(4, LstmUnitParts.PartCount(20, 150, threads: 8));
    }

    [Fact]
    public void AFailingPartEndsTheRunWithItsErrorInsteadOfHanging()
    {
        var ex = Assert.Throws<AggregateException>(() => Lockstep.Run(2, 50, (p, s) =>
        {
            if (p == 1 && s == 3) throw new InvalidOperationException("part 1 broke");
        }));
        Assert.Contains("part 1 broke", ex.InnerException!.Message);
        // The threads are free again afterwards.
        var seen = new int[2];
        Lockstep.Run(2, 10, (p, _) => Interlocked.Increment(ref seen[p]));
        Assert.Equal([10, 10], seen);
    }

    [Fact]
    public void AFailingPartEndsTheRunWithTheSameErrorOnTheCaller()
    {
        // The caller runs the parts itself when the pool is held by someone else (here: the outer WorkerPool call)
        // or when the test hook asks for it; either way the error must be the one the workers give.
        var outcomes = new Exception?[2];
        WorkerPool.Run(2, outer =>
        {
            try
            {
                Lockstep.Run(2, 50, (p, s) =>
                {
                    if (p == 1 && s == 3) throw new InvalidOperationException("part 1 broke");
                });
            }
            catch (Exception e) { outcomes[outer] = e; }
        });
        Exception? forced;
        Lockstep.ForceSequential = true;
        try
        {
            forced = Record.Exception(() => Lockstep.Run(2, 50, (p, s) =>
            {
                if (p == 1 && s == 3) throw new InvalidOperationException("part 1 broke");
            }));
        }
        finally { Lockstep.ForceSequential = false; }
        foreach (var e in outcomes.Append(forced))
        {
            var agg = Assert.IsType<AggregateException>(e);
            Assert.Contains("part 1 broke", agg.InnerException!.Message);
        }
    }

    [Fact]
    public void EveryPartSeesTheWholePreviousStep()
    {
        // Each part writes its slot at step s from both slots of step s - 1: any part running ahead of the
        // barrier would read a stale value and the sums would come out wrong.
        const int steps = 2000;
        var v = new long[steps + 1, 2];
        v[0, 0] = 1;
        v[0, 1] = 2;
        Lockstep.Run(2, steps, (p, s) => v[s + 1, p] = v[s, 0] + v[s, 1] + p);
        long a = 1, b = 2;
        for (var s = 0; s < steps; s++) (a, b) = (a + b, a + b + 1);
        Assert.Equal(a, v[steps, 0]);
        Assert.Equal(b, v[steps, 1]);
    }
}
