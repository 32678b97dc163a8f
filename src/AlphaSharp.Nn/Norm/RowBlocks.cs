using System.Buffers;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Norm;

/// <summary>
/// Splits row-wise work into fixed blocks of rows and runs the blocks on up to <see cref="Gemm.MaxThreads"/>
/// threads. Block boundaries depend only on the row count, never on the thread count, so a reduction that keeps
/// one partial per block and adds the partials in block order gives the same bits on any number of threads.
/// </summary>
internal static class RowBlocks
{
    /// <summary>Rows per block.</summary>
    public const int Rows = 64;

    /// <summary>Below this many elements in all, one thread: forking costs more than it saves.</summary>
    private const long ParallelElements = 1 << 16;

    public static int Count(int rows) => (rows + Rows - 1) / Rows;

    /// <summary>Runs body(block, startRow, endRow) for every block; <paramref name="rowWidth"/> sizes the work.</summary>
    public static void For(int rows, int rowWidth, Action<int, int, int> body)
    {
        var blocks = Count(rows);
        var threads = Math.Min(Gemm.MaxThreads, blocks);
        if (threads <= 1 || (long)rows * rowWidth < ParallelElements)
        {
            for (var b = 0; b < blocks; b++) body(b, b * Rows, Math.Min(rows, (b + 1) * Rows));
            return;
        }
        WorkerPool.ForEach(blocks, threads,
            b => body(b, b * Rows, Math.Min(rows, (b + 1) * Rows)));
    }

    /// <summary>Adds the per-block partials [blocks, width] into <paramref name="total"/> in block order.</summary>
    public static void SumInOrder(double[] partials, int blocks, int width, Span<double> total)
    {
        for (var b = 0; b < blocks; b++)
        {
            var part = partials.AsSpan(b * width, width);
            for (var k = 0; k < width; k++) total[k] += part[k];
        }
    }

    /// <summary>
    /// dst[j] += sum over rows of g[r, j] (rows of <paramref name="cols"/> floats): a bias gradient. Each block's
    /// partial is summed in double and the partials are added in block order, so the bits do not depend on the
    /// thread count.
    /// </summary>
    public static void AddColumnSums(float[] g, int rows, int cols, Span<float> dst)
    {
        var blocks = Count(rows);
        var partial = ArrayPool<double>.Shared.Rent(blocks * cols + cols);
        try
        {
            Array.Clear(partial, 0, blocks * cols + cols);
            For(rows, cols, (block, start, end) =>
            {
                var acc = partial.AsSpan(block * cols, cols);
                for (var r = start; r < end; r++) NormSimd.ColumnSum(g.AsSpan(r * cols, cols), acc);
            });
            var total = partial.AsSpan(blocks * cols, cols);
            SumInOrder(partial, blocks, cols, total);
            for (var j = 0; j < cols; j++) dst[j] += (float)total[j];
        }
        finally { ArrayPool<double>.Shared.Return(partial); }
    }
}
