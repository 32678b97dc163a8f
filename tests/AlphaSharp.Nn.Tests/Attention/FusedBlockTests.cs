using AlphaSharp.Nn.Attention;
using AlphaSharp.Nn.Kernels;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Attention;

/// <summary>The Transformer layer's fused pieces: dropout masks, residual dropout and the feed-forward block.</summary>
public class FusedBlockTests
{
    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void DropoutMaskDropsAtTheRequestedRateAndRescales(float p)
    {
        const int n = 200_001; // odd: the last element uses half a counter
        var keep = new float[n];
        DropoutMask.Fill(keep, p, 42);
        var dropped = keep.Count(v => v == 0f);
        // Binomial standard deviation sqrt(n p (1-p)) is at most 224 here; allow 5 of them.
        Assert.InRange(dropped, n * p - 1120, n * p + 1120);
        Assert.All(keep, v => Assert.True(v == 0f || v == 1f / (1f - p)));
        var again = new float[n];
        DropoutMask.Fill(again, p, 42);
        Assert.Equal(keep, again);
        DropoutMask.Fill(again, p, 43);
        Assert.NotEqual(keep, again);
        var saved = Gemm.ThreadsOnThisThread;
        try
        {
            // Counter-based: filling in parallel chunks gives the same mask as one thread.
            Gemm.ThreadsOnThisThread = 3;
            DropoutMask.Fill(again, p, 42);
            Assert.Equal(keep, again);
        }
        finally { Gemm.ThreadsOnThisThread = saved; }
        // Neighbouring elements (the two halves of one counter) are not correlated.
        var both = Enumerable.Range(0, n / 2).Count(i => keep[2 * i] == 0f && keep[2 * i + 1] == 0f);
        Assert.InRange(both, n / 2 * p * p - 1120, n / 2 * p * p + 1120);
    }

    [Theory]
    [InlineData(0.1f, 37)]
    [InlineData(0.5f, 70_001)]
    public void DropoutMaskIsSplitMix64OfTheElementPairCounter(float p, int n)
    {
        // The generator written out once more, one element at a time: element i keeps when its 32-bit half of
        // SplitMix64(seed, counter i / 2) is at least p * 2^32. Covers the vector body, its tail and chunk edges.
        const ulong seed = 0x0123456789ABCDEFUL;
        var keep = new float[n];
        DropoutMask.Fill(keep, p, seed);
        var threshold = (uint)Math.Round(p * 4294967296.0);
        for (var i = 0; i < n; i++)
        {
            var z = unchecked(seed + ((ulong)i / 2 + 1) * 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            var half = i % 2 == 0 ? (uint)z : (uint)(z >> 32);
            Assert.Equal(half >= threshold ? 1f / (1f - p) : 0f, keep[i]);
        }
    }

    [Fact]
    public void ResidualDropoutIsXPlusMaskedY()
    {
        var rng = new Rng(61);
        var x = Tensor.Normal(rng, 0, 1, 4, 9).RequireGrad();
        var y = Tensor.Normal(rng, 0, 1, 4, 9).RequireGrad();
        var z = ResidualDropout.Apply(x, y, 0.4f, new Rng(3), training: true);
        var keep = new float[36];
        DropoutMask.Fill(keep, 0.4f, new Rng(3).NextULong());
        TensorAssert.Close(Enumerable.Range(0, 36).Select(i => x.Data[i] + y.Data[i] * keep[i]).ToArray(), z.Data, "x + keep * y", 1e-6, 1e-6);
        Assert.Equal(x.Add(y).Data, ResidualDropout.Apply(x, y, 0.4f, new Rng(3), training: false).Data);
        GradCheck.Check(xs => ResidualDropout.Apply(xs[0], xs[1], 0.4f, new Rng(3), true), [x, y]);
    }

    [Fact]
    public void ResidualDropoutOnALongTensorMasksEveryChunkAndRoutesEachGradient()
    {
        // Long enough that the pass runs in chunks on the worker pool.
        var n = AlphaSharp.Nn.Kernels.Elementwise.ParallelFloats + 77;
        var rng = new Rng(62);
        var x = Tensor.Normal(rng, 0, 1, n).RequireGrad();
        var y = Tensor.Normal(rng, 0, 1, n).RequireGrad();
        var w = Tensor.Normal(rng, 0, 1, n);
        var z = ResidualDropout.Apply(x, y, 0.3f, new Rng(4), training: true);
        z.Mul(w).Sum().Backward();
        var keep = new float[n];
        DropoutMask.Fill(keep, 0.3f, new Rng(4).NextULong());
        for (var i = 0; i < n; i++)
        {
            var want = MathF.FusedMultiplyAdd(y.Data[i], keep[i], x.Data[i]);
            if (z.Data[i] != want) Assert.Fail($"output {i}: {z.Data[i]} != {want}");
            if (x.Grad![i] != w.Data[i]) Assert.Fail($"x grad {i}: {x.Grad[i]} != {w.Data[i]}");
            if (y.Grad![i] != w.Data[i] * keep[i]) Assert.Fail($"y grad {i}: {y.Grad[i]} != {w.Data[i] * keep[i]}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FeedForwardWithoutDropoutEqualsTheUnfusedOps(bool gelu)
    {
        var rng = new Rng(62);
        var l1 = new Linear(10, 17, rng);
        var l2 = new Linear(17, 10, rng);
        var x = Tensor.Normal(rng, 0, 1, 3, 4, 10).RequireGrad();
        var fused = FeedForward.Apply(x, l1, l2, gelu, 0.3f, new Rng(1), training: false);
        var h = l1.Forward(x);
        var plain = l2.Forward(gelu ? h.Gelu() : h.Relu());
        TensorAssert.Close(plain, fused, "output", 1e-6, 1e-6);
        using (Autograd.NoGrad())
            Assert.Equal(fused.Data, FeedForward.Apply(x, l1, l2, gelu, 0.3f, new Rng(1), training: false).Data);
        var g = Tensor.Normal(rng, 0, 1, 3, 4, 10).Data;
        fused.Backward(g);
        var fusedGrads = new[] { x.Grad!, l1.Weight.Grad!, l1.Bias!.Grad!, l2.Weight.Grad!, l2.Bias!.Grad! }.Select(a => (float[])a.Clone()).ToArray();
        foreach (var t in new[] { x, l1.Weight, l1.Bias!, l2.Weight, l2.Bias! }) t.ZeroGrad();
        plain.Backward(g);
        var names = new[] { "x", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias" };
        var plainGrads = new[] { x.Grad!, l1.Weight.Grad!, l1.Bias!.Grad!, l2.Weight.Grad!, l2.Bias!.Grad! };
        for (var i = 0; i < names.Length; i++) TensorAssert.Close(plainGrads[i], fusedGrads[i], "grad " + names[i], 1e-5, 1e-6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FeedForwardGradientsWithDropoutMatchFiniteDifferences(bool gelu)
    {
        var rng = new Rng(63);
        var l1 = new Linear(5, 11, rng);
        var l2 = new Linear(11, 5, rng);
        var x = Tensor.Normal(rng, 0, 1, 2, 3, 5).RequireGrad();
        GradCheck.Check(xs => FeedForward.Apply(xs[0], l1, l2, gelu, 0.3f, new Rng(8), training: true),
            [x, l1.Weight, l1.Bias!, l2.Weight, l2.Bias!]);
    }

    [Fact]
    public void TransformerLayerGradientsWithDropoutMatchFiniteDifferences()
    {
        var rng = new Rng(64);
        var layer = new TransformerEncoderLayer(4, 2, rng, dimFeedforward: 6, dropout: 0.2f, batchFirst: true);
        var x = Tensor.Normal(rng, 0, 1, 2, 3, 4).RequireGrad();
        var inputs = new List<Tensor> { x };
        inputs.AddRange(layer.Parameters());
        GradCheck.Check(xs =>
        {
            // Fresh generators per evaluation: the same masks each time, as the check requires.
            layer.DropoutRng = new Rng(9);
            layer.SelfAttn.DropoutRng = new Rng(10);
            return layer.Forward(xs[0]);
        }, [.. inputs], maxPerInput: 16);
    }
}
