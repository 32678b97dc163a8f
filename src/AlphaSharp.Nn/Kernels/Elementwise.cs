namespace AlphaSharp.Nn.Kernels;

/// <summary>
/// Splits a pass over a long array (zeroing, a fused add, broadcasting bias rows) into fixed chunks on the worker
/// pool. AlphaNetV4's step makes dozens of such passes over 1-3 M floats each; run on one thread, they were a
/// tenth of the step while the other core waited for the next product.
/// </summary>
internal static class Elementwise
{
    /// <summary>Floats per chunk: the chunk edges depend only on the length, so element-wise results never depend on the thread count.</summary>
    public const int Chunk = 1 << 15;

    /// <summary>Below this many floats one thread does it all: forking costs more than it saves.</summary>
    public const int ParallelFloats = 1 << 17;

    /// <summary>Runs body(from, to) over [0, length) in chunks, in parallel when the array is long.</summary>
    public static void For(int length, Action<int, int> body)
    {
        if (length < ParallelFloats || Gemm.MaxThreads <= 1)
        {
            if (length > 0) body(0, length);
            return;
        }
        var chunks = (length + Chunk - 1) / Chunk;
        WorkerPool.ForEach(chunks, Gemm.MaxThreads, c => body(c * Chunk, Math.Min(length, (c + 1) * Chunk)));
    }

    /// <summary>Zeroes a[0, length).</summary>
    public static void Clear(float[] a, int length)
    {
        if (length < ParallelFloats) Array.Clear(a, 0, length);
        else For(length, (from, to) => Array.Clear(a, from, to - from));
    }

    /// <summary>Writes src[offset, offset + width) into each of the first <paramref name="rows"/> rows of dst (row stride width).</summary>
    public static void BroadcastRows(float[] src, int offset, int width, int rows, float[] dst)
    {
        if (width == 0 || rows == 0) return;
        var rowsPerChunk = Math.Max(1, Chunk / width);
        var chunks = (rows + rowsPerChunk - 1) / rowsPerChunk;
        void Fill(int c)
        {
            var row = src.AsSpan(offset, width);
            for (int r = c * rowsPerChunk, end = Math.Min(rows, r + rowsPerChunk); r < end; r++)
                row.CopyTo(dst.AsSpan(r * width, width));
        }
        if ((long)rows * width < ParallelFloats || Gemm.MaxThreads <= 1)
            for (var c = 0; c < chunks; c++) Fill(c);
        else WorkerPool.ForEach(chunks, Gemm.MaxThreads, Fill);
    }
}
