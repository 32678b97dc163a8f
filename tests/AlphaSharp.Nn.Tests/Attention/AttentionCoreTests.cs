using AlphaSharp.Nn.Attention;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Attention;

public class AttentionCoreTests
{
    private const int E = 6, H = 2;

    private static Tensor Seq(Rng rng, bool batchFirst, int n, int t) =>
        batchFirst ? Tensor.Normal(rng, 0, 1, n, t, E) : Tensor.Normal(rng, 0, 1, t, n, E);

    /// <summary>Attention written out with plain loops in double, straight from the definition.</summary>
    private static float[] Reference(Tensor q, Tensor k, Tensor v, Tensor w, Tensor b, bool batchFirst, int n, int l, int s,
        float[]? attnMask, bool perHead, float[]? keyMask)
    {
        int dh = E / H;
        double At(Tensor x, int batch, int t, int c) =>
            x.Data[(batchFirst ? batch * x.Shape[1] + t : t * x.Shape[1] + batch) * E + c];
        double Proj(Tensor x, int part, int batch, int t, int col)
        {
            double acc = b.Data[part * E + col];
            for (var c = 0; c < E; c++) acc += w.Data[(part * E + col) * E + c] * At(x, batch, t, c);
            return acc;
        }
        var outp = new float[n * l * E];
        for (var nb = 0; nb < n; nb++)
            for (var h = 0; h < H; h++)
                for (var i = 0; i < l; i++)
                {
                    var scores = new double[s];
                    for (var j = 0; j < s; j++)
                    {
                        double dot = 0;
                        for (var d = 0; d < dh; d++) dot += Proj(q, 0, nb, i, h * dh + d) * Proj(k, 1, nb, j, h * dh + d);
                        scores[j] = dot / Math.Sqrt(dh);
                        if (attnMask is not null) scores[j] += attnMask[(perHead ? (nb * H + h) * l * s : 0) + i * s + j];
                        if (keyMask is not null) scores[j] += keyMask[nb * s + j];
                    }
                    var max = scores.Max();
                    var ex = scores.Select(x => Math.Exp(x - max)).ToArray();
                    var z = ex.Sum();
                    for (var d = 0; d < dh; d++)
                    {
                        double acc = 0;
                        for (var j = 0; j < s; j++) acc += ex[j] / z * Proj(v, 2, nb, j, h * dh + d);
                        var row = batchFirst ? nb * l + i : i * n + nb;
                        outp[row * E + h * dh + d] = (float)acc;
                    }
                }
        return outp;
    }

    [Theory]
    [InlineData("self", true)]
    [InlineData("self", false)]
    [InlineData("kv", true)]
    [InlineData("kv", false)]
    [InlineData("separate", true)]
    [InlineData("separate", false)]
    public void MatchesTheDefinitionWithMasks(string sharing, bool batchFirst)
    {
        var rng = new Rng(21);
        int n = 3, l = 4;
        var s = sharing == "self" ? l : 5;
        var q = Seq(rng, batchFirst, n, l);
        var k = sharing == "self" ? q : Seq(rng, batchFirst, n, s);
        var v = sharing == "separate" ? Seq(rng, batchFirst, n, s) : k;
        var w = Tensor.Normal(rng, 0, 0.4f, 3 * E, E);
        var b = Tensor.Normal(rng, 0, 0.2f, 3 * E);
        var attn = Tensor.Normal(rng, 0, 1, n * H, l, s).Data;
        var keyMask = new float[n * s];
        keyMask[s - 1] = float.NegativeInfinity;
        keyMask[2 * s + 1] = -1.5f;
        var opt = new AttentionCore.Options(H, batchFirst, attn, true, keyMask, 0f, null);
        var y = AttentionCore.Apply(q, k, v, w, b, opt, out var probs);
        TensorAssert.Close(Reference(q, k, v, w, b, batchFirst, n, l, s, attn, true, keyMask), y.Data, "attention", 1e-5, 1e-5);
        Assert.Equal(0f, probs[s - 1]); // sample 0, head 0, query 0 never sees the padded key
    }

    [Theory]
    [InlineData("self", true, 0f)]
    [InlineData("kv", false, 0f)]
    [InlineData("separate", true, 0f)]
    [InlineData("self", false, 0.3f)]
    [InlineData("separate", false, 0.25f)]
    public void GradientsMatchFiniteDifferences(string sharing, bool batchFirst, float dropout)
    {
        var rng = new Rng(22);
        int n = 2, l = 3, s = sharing == "self" ? 3 : 4;
        var q = Seq(rng, batchFirst, n, l).RequireGrad();
        var k = Seq(rng, batchFirst, n, s).RequireGrad();
        var v = Seq(rng, batchFirst, n, s).RequireGrad();
        var w = Tensor.Normal(rng, 0, 0.4f, 3 * E, E).RequireGrad();
        var b = Tensor.Normal(rng, 0, 0.2f, 3 * E).RequireGrad();
        var mask = AttentionMasks.Causal(Math.Max(l, s)).Data;
        var l2 = new float[l * s];
        for (var i = 0; i < l; i++) for (var j = 0; j < s; j++) l2[i * s + j] = mask[i * Math.Max(l, s) + j];
        Tensor F(Tensor[] xs)
        {
            // A fresh generator per call: the same dropout masks on every evaluation.
            var opt = new AttentionCore.Options(H, batchFirst, l2, false, null, dropout, new Rng(5));
            return sharing switch
            {
                "self" => AttentionCore.Apply(xs[0], xs[0], xs[0], xs[1], xs[2], opt, out _),
                "kv" => AttentionCore.Apply(xs[0], xs[3], xs[3], xs[1], xs[2], opt, out _),
                _ => AttentionCore.Apply(xs[0], xs[3], xs[4], xs[1], xs[2], opt, out _),
            };
        }
        Tensor[] inputs = sharing switch { "self" => [q, w, b], "kv" => [q, w, b, k], _ => [q, w, b, k, v] };
        GradCheck.Check(F, inputs);
    }

    [Fact]
    public void DropoutZeroesWholeProbabilitiesAndRescalesTheRest()
    {
        var rng = new Rng(23);
        var x = Tensor.Normal(rng, 0, 1, 2, 5, E);
        var w = Tensor.Normal(rng, 0, 0.4f, 3 * E, E);
        var plain = new AttentionCore.Options(H, true, null, false, null, 0f, null);
        AttentionCore.Apply(x, x, x, w, null, plain, out var p0);
        var dropped = new AttentionCore.Options(H, true, null, false, null, 0.5f, new Rng(1));
        AttentionCore.Apply(x, x, x, w, null, dropped, out var p1);
        int zeros = 0;
        for (var i = 0; i < p0.Length; i++)
        {
            if (p1[i] == 0f) zeros++;
            else Assert.Equal(2 * p0[i], p1[i], 6);
        }
        Assert.InRange(zeros, p0.Length / 4, 3 * p0.Length / 4);
    }

    [Fact]
    public void WeightsNobodyAsksForAreNotMadeAndTheOutputIsTheSame()
    {
        var rng = new Rng(24);
        var x = Tensor.Normal(rng, 0, 1, 2, 5, E);
        var w = Tensor.Normal(rng, 0, 0.4f, 3 * E, E);
        var asked = AttentionCore.Apply(x, x, x, w, null, new AttentionCore.Options(H, true, null, false, null, 0.5f, new Rng(1)), out var p1);
        var skipped = AttentionCore.Apply(x, x, x, w, null,
            new AttentionCore.Options(H, true, null, false, null, 0.5f, new Rng(1), NeedWeights: false), out var p2);
        Assert.Equal(2 * H * 5 * 5, p1.Length);
        Assert.Empty(p2);
        Assert.Equal(asked.Data, skipped.Data);
    }

    [Fact]
    public void ABlockedRowGivesNaNLikePyTorch()
    {
        var rng = new Rng(24);
        var x = Tensor.Normal(rng, 0, 1, 1, 3, E);
        var w = Tensor.Normal(rng, 0, 0.4f, 3 * E, E);
        var keyMask = AttentionMasks.KeyPadding([0], 3).Data;
        var y = AttentionCore.Apply(x, x, x, w, null, new AttentionCore.Options(H, true, null, false, keyMask, 0f, null), out _);
        Assert.All(y.Data, v => Assert.True(float.IsNaN(v)));
    }

    [Theory]
    [InlineData(true, 5, 7, 3)]
    [InlineData(false, 9, 4, 35)]
    [InlineData(true, 12, 12, 8)]
    public void DirectAndGemmPathsAgree(bool batchFirst, int l, int s, int dh)
    {
        var rng = new Rng(25);
        int n = 2, heads = 3, e = heads * dh;
        // Packed self-attention layout for Q, separate K/V buffers, so every stride differs from the dense case.
        var q = Tensor.Normal(rng, 0, 1, n * l * 3 * e).Data;
        var kv = Tensor.Normal(rng, 0, 1, n * s * 2 * e).Data;
        var mask = new float[n * s];
        mask[1] = float.NegativeInfinity;
        var keep = new float[n * heads * l * s];
        for (var i = 0; i < keep.Length; i++) keep[i] = rng.NextFloat() < 0.2f ? 0f : 1.25f;
        var dO = Tensor.Normal(rng, 0, 1, n * l * e).Data;
        (float[] O, float[] P, float[] DQ, float[] DKV) Run(bool gemm)
        {
            var kernel = new SdpaKernel
            {
                Batch = n, Heads = heads, QueryLength = l, KeyLength = s, HeadDim = dh, Scale = 0.3f,
                Q = HeadLayout.Of(batchFirst, n, l, 3 * e, e, dh),
                K = HeadLayout.Of(batchFirst, n, s, 2 * e, 0, dh),
                V = HeadLayout.Of(batchFirst, n, s, 2 * e, e, dh),
                O = HeadLayout.Of(batchFirst, n, l, e, 0, dh),
                KeyMask = mask, ForceGemm = gemm,
            };
            var o = new float[n * l * e];
            var probs = new float[n * heads * l * s];
            kernel.Forward(q, kv, kv, o, probs, keep, 2);
            var dq = new float[q.Length];
            var dkv = new float[kv.Length];
            kernel.Backward(q, kv, kv, dO, probs, keep, dq, dkv, dkv, 2);
            return (o, probs, dq, dkv);
        }
        var direct = Run(false);
        var gemm = Run(true);
        TensorAssert.Close(gemm.O, direct.O, "output", 1e-5, 1e-6);
        TensorAssert.Close(gemm.P, direct.P, "probabilities", 1e-5, 1e-6);
        TensorAssert.Close(gemm.DQ, direct.DQ, "dq", 1e-4, 1e-5);
        TensorAssert.Close(gemm.DKV, direct.DKV, "dk, dv", 1e-4, 1e-5);
        Assert.Contains(direct.O, v => v != 0f);
    }

    [Fact]
    public void ResultsAreBitIdenticalForAnyThreadCount()
    {
        var rng = new Rng(26);
        int n = 5, heads = 2, l = 7, dh = 9, e = heads * dh;
        var qkv = Tensor.Normal(rng, 0, 1, n * l * 3 * e).Data;
        var dO = Tensor.Normal(rng, 0, 1, n * l * e).Data;
        var kernel = new SdpaKernel
        {
            Batch = n, Heads = heads, QueryLength = l, KeyLength = l, HeadDim = dh, Scale = 0.3f,
            Q = HeadLayout.Of(false, n, l, 3 * e, 0, dh), K = HeadLayout.Of(false, n, l, 3 * e, e, dh),
            V = HeadLayout.Of(false, n, l, 3 * e, 2 * e, dh), O = HeadLayout.Of(false, n, l, e, 0, dh),
        };
        (float[] O, float[] G) Run(int threads)
        {
            var o = new float[n * l * e];
            var probs = new float[n * heads * l * l];
            kernel.Forward(qkv, qkv, qkv, o, probs, null, threads);
            var g = new float[qkv.Length];
            kernel.Backward(qkv, qkv, qkv, dO, probs, null, g, g, g, threads);
            return (o, g);
        }
        var one = Run(1);
        foreach (var threads in new[] { 2, 3, 8 })
        {
            var other = Run(threads);
            Assert.True(one.O.AsSpan().SequenceEqual(other.O), $"output differs with {threads} threads");
            Assert.True(one.G.AsSpan().SequenceEqual(other.G), $"gradient differs with {threads} threads");
        }
    }
}
