using System.Buffers;
using AlphaSharp.Nn.Attention;

namespace AlphaSharp.Nn.Tests.Attention;

/// <summary>
/// The attention, feed-forward and residual-dropout entries keep their large buffers in the shared pool: a pool full
/// of stale values (NaN) must change nothing, and the dropout mask of a longer pooled array equals a fresh one.
/// </summary>
public class PooledBufferTests
{
    [Fact]
    public void DropoutMaskOfAPrefixEqualsTheMaskOfAnArrayThatLong()
    {
        const int n = 70_001; // more than one parallel chunk, odd
        var exact = new float[n];
        DropoutMask.Fill(exact, 0.3f, 7);
        var longer = new float[n + 5000];
        Array.Fill(longer, float.NaN);
        DropoutMask.Fill(longer, n, 0.3f, 7);
        Assert.Equal(exact, longer[..n]);
        Assert.All(longer[n..], v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void AStalePoolDoesNotChangeAnEncoderLayersOutputsOrGradients()
    {
        var (y1, g1) = TrainingPass();
        // Fill the pool buckets this layer uses with NaN-filled arrays: a buffer read before it is written (or a
        // gradient added into without clearing) would show up as NaN or as a different value.
        foreach (var size in new[] { 8 * 6 * 36, 8 * 6 * 12, 8 * 6 * 20, 8 * 6 * 24, 1 << 10, 1 << 12, 1 << 14 })
        {
            var held = Enumerable.Range(0, 4).Select(_ => ArrayPool<float>.Shared.Rent(size)).ToArray();
            foreach (var a in held) Array.Fill(a, float.NaN);
            foreach (var a in held) ArrayPool<float>.Shared.Return(a);
        }
        var (y2, g2) = TrainingPass();
        Assert.Equal(y1, y2);
        Assert.Equal(g1.Length, g2.Length);
        for (var i = 0; i < g1.Length; i++) Assert.Equal(g1[i], g2[i]);
    }

    /// <summary>One forward and backward of a seeded layer in training mode (dropout on): output and every gradient.</summary>
    private static (float[] Output, float[][] Grads) TrainingPass()
    {
        var rng = new Rng(5);
        var layer = new TransformerEncoderLayer(12, 2, rng, dimFeedforward: 20, dropout: 0.2f, batchFirst: true);
        layer.Train();
        var x = Tensor.Normal(new Rng(9), 0f, 1f, 8, 6, 12).RequireGrad();
        var y = layer.Forward(x);
        y.Mul(y).Sum().Backward();
        var grads = layer.Parameters().Select(p => (float[])p.Grad!.Clone()).Append((float[])x.Grad!.Clone()).ToArray();
        return ((float[])y.Data.Clone(), grads);
    }
}
