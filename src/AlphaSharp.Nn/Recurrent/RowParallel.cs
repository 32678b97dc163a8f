using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// The two ways a recurrent call splits its rows over threads, each with one fork per call: batch rows for the
/// time loop (rows never interact), and time x batch rows for the weight-gradient sums. Both splits depend only on
/// the sizes and the thread count, so the same thread count gives the same bits.
/// </summary>
internal static class RowParallel
{
    /// <summary>Fewer batch rows than this per block and the per-step Gemms get too thin to be worth a thread.</summary>
    internal const int MinRowsPerBlock = 16;

    /// <summary>Fewer rows than this per part and a weight-gradient part is not worth a thread.</summary>
    internal const int MinRowsPerPart = 512;

    /// <summary>How many row blocks a batch of <paramref name="batch"/> is split into on <paramref name="threads"/> threads.</summary>
    internal static int BlockCount(int batch, int threads) => Math.Max(1, Math.Min(threads, batch / MinRowsPerBlock));

    /// <summary>How many parts a weight-gradient sum over <paramref name="rows"/> rows is split into.</summary>
    internal static int PartCount(int rows, int threads) => Math.Max(1, Math.Min(threads, rows / MinRowsPerPart));

    /// <summary>Runs <paramref name="body"/>(firstRow, rowCount) over the batch blocks, in parallel when there are several.</summary>
    public static void ForBlocks(int batch, int threads, Action<int, int> body)
        => ForParts(batch, BlockCount(batch, threads), (_, first, count) => body(first, count));

    /// <summary>Runs <paramref name="body"/>(part, firstRow, rowCount) over <paramref name="parts"/> equal row ranges.</summary>
    public static void ForParts(int rows, int parts, Action<int, int, int> body)
    {
        if (parts == 1)
        {
            body(0, 0, rows);
            return;
        }
        WorkerPool.Run(parts, p =>
        {
            var r0 = (int)((long)p * rows / parts);
            var r1 = (int)((long)(p + 1) * rows / parts);
            body(p, r0, r1 - r0);
        });
    }
}
