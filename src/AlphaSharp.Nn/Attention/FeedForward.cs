using System.Runtime.Intrinsics;
using AlphaSharp.Nn.Kernels;
using AlphaSharp.Nn.Norm;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn.Attention;

/// <summary>
/// A Transformer layer's feed-forward block, linear2(dropout(activation(linear1(x)))), as one tape entry: two
/// GEMMs with the bias, activation and dropout done in one pass between them, and a backward of four GEMMs
/// with the activation and dropout derivatives in one pass. The parameters stay in the two Linear modules.
/// </summary>
internal static class FeedForward
{
    public static Tensor Apply(Tensor x, Linear linear1, Linear linear2, bool gelu, float p, Rng rng, bool training)
    {
        int d = linear1.InFeatures, f = linear1.OutFeatures;
        if (x.Rank == 0 || x.Shape[^1] != d || linear2.InFeatures != f || linear2.OutFeatures != d)
            throw new ArgumentException($"feed-forward: input {x.ShapeString} does not fit Linear({d}, {f}) -> Linear({linear2.InFeatures}, {linear2.OutFeatures})");
        var rows = x.Numel / d;
        Tensor w1 = linear1.Weight, w2 = linear2.Weight;
        Tensor? b1 = linear1.Bias, b2 = linear2.Bias;

        // Only the pre-activation is kept for backward: the dropout mask is counter-based and drawn again from its
        // seed, and the hidden activation is recomputed from the two (an elementwise pass, against two hidden-sized
        // buffers per layer held through the whole step). Buffers come from the pool: fresh arrays of this size cost
        // zeroing and page faults every step. Pooled arrays can be longer than asked: every use below passes explicit
        // lengths and writes before reading.
        var pool = new RentedBuffers();
        var pre = pool.Rent(rows * f);
        Affine(x.Data, rows, d, w1.Data, b1?.Data, f, pre);
        var dropped = training && p > 0f;
        var seed = dropped ? rng.NextULong() : 0;
        var inputs = new List<Tensor> { x, w1, w2 };
        if (b1 is not null) inputs.Add(b1);
        if (b2 is not null) inputs.Add(b2);
        // Inference keeps nothing for backward, so the activation can overwrite its input.
        var recording = Autograd.Needs([.. inputs]);
        var step = new RentedBuffers();
        var keep = Keep(step, rows * f, dropped, p, seed);
        var hidden = recording ? step.Rent(rows * f) : pre;
        RowBlocks.For(rows, f, (_, start, end) => Activate(pre, keep, gelu, hidden, start * f, end * f));
        var y = TensorArena.OutputToOverwrite(rows * d);
        Affine(hidden, rows, f, w2.Data, b2?.Data, d, y);
        step.ReturnAll();
        var output = new Tensor(y, x.Shape);
        if (!recording)
        {
            pool.ReturnAll();
            return output;
        }
        return Autograd.Record(output, [.. inputs], o =>
        {
            var g = o.Grad!;
            var mask = Keep(pool, rows * f, dropped, p, seed);
            if (b2 is { RequiresGrad: true }) RowBlocks.AddColumnSums(g, rows, d, Autograd.GradOf(b2));
            if (w2.RequiresGrad)
            {
                var again = pool.Rent(rows * f);
                RowBlocks.For(rows, f, (_, start, end) => Activate(pre, mask, gelu, again, start * f, end * f));
                Gemm.Sgemm(true, false, d, f, rows, 1f, g, d, again, f, 1f, Autograd.GradOf(w2), f);
            }
            var dpre = pool.Rent(rows * f);
            Gemm.Sgemm(false, false, rows, f, d, 1f, g, d, w2.Data, f, 0f, dpre, f);
            RowBlocks.For(rows, f, (_, start, end) => ActivationBackward(pre, mask, gelu, dpre, start * f, end * f));
            if (b1 is { RequiresGrad: true }) RowBlocks.AddColumnSums(dpre, rows, f, Autograd.GradOf(b1));
            if (w1.RequiresGrad) Gemm.Sgemm(true, false, f, d, rows, 1f, dpre, f, x.Data, d, 1f, Autograd.GradOf(w1), d);
            if (x.RequiresGrad) Gemm.Sgemm(false, false, rows, d, f, 1f, dpre, f, w1.Data, d, 1f, Autograd.GradOf(x), d);
            pool.ReturnAll();
        }, "transformer_feed_forward");
    }

    /// <summary>The dropout mask of <paramref name="seed"/> in a buffer of <paramref name="pool"/>; null without dropout.</summary>
    private static float[]? Keep(RentedBuffers pool, int length, bool dropped, float p, ulong seed)
    {
        if (!dropped) return null;
        var keep = pool.Rent(length);
        DropoutMask.Fill(keep, length, p, seed);
        return keep;
    }

    /// <summary>y [rows, n] = x [rows, k] W^T + b.</summary>
    private static void Affine(float[] x, int rows, int k, float[] w, float[]? b, int n, float[] y)
    {
        if (b is not null) Elementwise.BroadcastRows(b, 0, n, rows, y);
        Gemm.Sgemm(false, true, rows, n, k, 1f, x, k, w, k, b is null ? 0f : 1f, y, n);
    }

    /// <summary>hidden[i] = activation(pre[i]) * keep[i] for i in [from, to).</summary>
    private static unsafe void Activate(float[] pre, float[]? keep, bool gelu, float[] hidden, int from, int to)
    {
        if (gelu)
        {
            for (var i = from; i < to; i++)
            {
                double v = pre[i];
                var h = (float)(v * SpecialFunctions.NormalCdf(v));
                hidden[i] = keep is null ? h : h * keep[i];
            }
            return;
        }
        fixed (float* pp = pre)
        fixed (float* ph = hidden)
        fixed (float* pk = keep)
        {
            var i = from;
            if (Vector256.IsHardwareAccelerated)
                for (; i + 8 <= to; i += 8)
                {
                    var h = Vector256.Max(Vector256.Load(pp + i), Vector256<float>.Zero);
                    if (pk != null) h *= Vector256.Load(pk + i);
                    h.Store(ph + i);
                }
            for (; i < to; i++)
            {
                var h = MathF.Max(pp[i], 0f);
                ph[i] = pk == null ? h : h * pk[i];
            }
        }
    }

    /// <summary>d[i] *= keep[i] * activation'(pre[i]) for i in [from, to), in place (ReLU's derivative is 0 at 0, as PyTorch's).</summary>
    private static unsafe void ActivationBackward(float[] pre, float[]? keep, bool gelu, float[] d, int from, int to)
    {
        if (gelu)
        {
            for (var i = from; i < to; i++)
            {
                double v = pre[i];
                // d/dx x Phi(x) = Phi(x) + x phi(x).
                var slope = SpecialFunctions.NormalCdf(v) + v * Math.Exp(-0.5 * v * v) * InvSqrt2Pi;
                var g = (float)(d[i] * slope);
                d[i] = keep is null ? g : g * keep[i];
            }
            return;
        }
        fixed (float* pp = pre)
        fixed (float* pd = d)
        fixed (float* pk = keep)
        {
            var i = from;
            if (Vector256.IsHardwareAccelerated)
                for (; i + 8 <= to; i += 8)
                {
                    var g = Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Load(pp + i), Vector256<float>.Zero),
                        Vector256.Load(pd + i), Vector256<float>.Zero);
                    if (pk != null) g *= Vector256.Load(pk + i);
                    g.Store(pd + i);
                }
            for (; i < to; i++)
            {
                var g = pp[i] > 0f ? pd[i] : 0f;
                pd[i] = pk == null ? g : g * pk[i];
            }
        }
    }

    private const double InvSqrt2Pi = 0.39894228040143267794;
}
