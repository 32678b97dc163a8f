using AlphaSharp.Nn.Kernels;
using AlphaSharp.Nn.Norm;

namespace AlphaSharp.Nn.Tests.Kernels;

/// <summary>The chunked passes over long arrays and the row-block column sums that bias gradients use.</summary>
public class ElementwiseTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(Elementwise.ParallelFloats - 1)]
    [InlineData(Elementwise.ParallelFloats + 7)]
    [InlineData(3 * Elementwise.ParallelFloats + Elementwise.Chunk / 2)]
    public void ForVisitsEveryIndexOnceInChunksThatDependOnlyOnTheLength(int length)
    {
        var visits = new int[length];
        var ranges = new System.Collections.Concurrent.ConcurrentBag<(int From, int To)>();
        Elementwise.For(length, (from, to) =>
        {
            ranges.Add((from, to));
            for (var i = from; i < to; i++) Interlocked.Increment(ref visits[i]);
        });
        Assert.All(visits, v => Assert.Equal(1, v));
        if (length >= Elementwise.ParallelFloats)
            Assert.All(ranges, r =>
            {
                Assert.Equal(0, r.From % Elementwise.Chunk);
                Assert.Equal(Math.Min(length, r.From + Elementwise.Chunk), r.To);
            });
    }

    [Theory]
    [InlineData(100)]
    [InlineData(Elementwise.ParallelFloats + 3)]
    public void ClearZeroesThePrefixAndNothingElse(int length)
    {
        var a = Enumerable.Repeat(7f, length + 5).ToArray();
        Elementwise.Clear(a, length);
        Assert.All(a.Take(length), v => Assert.Equal(0f, v));
        Assert.All(a.Skip(length), v => Assert.Equal(7f, v));
    }

    [Theory]
    [InlineData(3, 5, 2)]
    [InlineData(5120, 618, 206)]
    [InlineData(70000, 3, 1)]
    public void BroadcastRowsCopiesTheSliceIntoEveryRow(int rows, int width, int offset)
    {
        var src = Enumerable.Range(0, offset + width + 4).Select(i => i * 0.5f - 3f).ToArray();
        var dst = Enumerable.Repeat(-1f, rows * width + 3).ToArray();
        Elementwise.BroadcastRows(src, offset, width, rows, dst);
        for (var r = 0; r < rows; r++)
            for (var j = 0; j < width; j++)
                if (dst[r * width + j] != src[offset + j]) Assert.Fail($"row {r} column {j}: {dst[r * width + j]} != {src[offset + j]}");
        Assert.All(dst.Skip(rows * width), v => Assert.Equal(-1f, v));
    }

    [Theory]
    [InlineData(1, 9)]
    [InlineData(63, 5)]
    [InlineData(5120, 206)]
    [InlineData(1000, 618)]
    public void AddColumnSumsAddsEachColumnsTotalToWhatIsThere(int rows, int cols)
    {
        var rng = new Rng(3);
        var g = Tensor.Normal(rng, 0f, 1f, rows, cols).Data;
        var dst = Enumerable.Range(0, cols + 2).Select(j => 0.25f * j).ToArray();
        var before = (float[])dst.Clone();
        RowBlocks.AddColumnSums(g, rows, cols, dst.AsSpan(1, cols));
        Assert.Equal(before[0], dst[0]);
        Assert.Equal(before[cols + 1], dst[cols + 1]);
        for (var j = 0; j < cols; j++)
        {
            // Reference: the column's exact total in double, then one float rounding, as the helper promises.
            double total = 0;
            for (var r = 0; r < rows; r++) total += g[r * cols + j];
            Assert.Equal(before[j + 1] + (float)total, dst[j + 1], 1e-6f * Math.Max(1f, Math.Abs(dst[j + 1])));
        }
    }

    [Fact]
    public void SameShapeArithmeticOnLongTensorsMatchesTheElementwiseDefinition()
    {
        var rng = new Rng(5);
        var n = Elementwise.ParallelFloats + 1001;
        var a = Tensor.Normal(rng, 0f, 1f, n);
        var b = Tensor.Normal(rng, 2f, 0.5f, n);
        var sum = a.Add(b).Data;
        var diff = a.Sub(b).Data;
        var prod = a.Mul(b).Data;
        var quot = a.Div(b).Data;
        for (var i = 0; i < n; i++)
        {
            float x = a.Data[i], y = b.Data[i];
            if (sum[i] != x + y || diff[i] != x - y || prod[i] != x * y || quot[i] != x / y)
                Assert.Fail($"element {i}: {sum[i]} {diff[i]} {prod[i]} {quot[i]} for {x}, {y}");
        }
    }
}
