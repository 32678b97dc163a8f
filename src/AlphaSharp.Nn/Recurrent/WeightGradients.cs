using System.Buffers;
using System.Runtime.Intrinsics;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// dW_ih, dW_hh, db_ih and db_hh of one layer-direction from the pre-activation gradients its backward pass left
/// on the tape: sums over all T x B rows as a few large Gemms. The rows are split into one part per thread, each
/// part summed by a single-threaded Gemm, and the parts added in order afterwards: one fork per call instead of one
/// per depth block inside the Gemm (a 48000-row sum has 188), and the same bits for the same thread count.
/// The products are formed W^T-shaped (x^T dA, h^T dA: few rows, gate-wide), which the Gemm runs markedly faster
/// than dA^T x when x or h is narrow (measured 2x for qlib's 6 inputs, 1.2x for the hidden state), then
/// transposed in.
/// </summary>
internal static class WeightGradients
{
    public static void Accumulate(StepShape sh, int inputSize, float[] x, LayerTape tape, LayerGrads grads, int threads)
    {
        var gru = tape.Kind == CellKind.Gru;
        int H = sh.H, G = tape.Kind.Gates() * H, rows = sh.T * sh.B;
        var needBias = grads.BIh is not null || grads.BHh is not null;
        var parts = RowParallel.PartCount(rows, threads);
        var gemmThreads = parts == 1 ? threads : 1;
        int ihSize = inputSize * G, slab = ihSize + H * G, sumSize = G + H;
        var partial = ArrayPool<float>.Shared.Rent(parts * slab);
        // Column sums of dA, then (GRU) of the h-side n gradient, per part, in double.
        var sums = new double[parts * sumSize];

        var chunkRows = ChunkRows(G);
        RowParallel.ForParts(rows, parts, (p, r0, n) =>
        {
            var ih = partial.AsSpan(p * slab, ihSize);
            var hh = partial.AsSpan(p * slab + ihSize, H * G);
            // dA streams from memory (the backward pass wrote all T x B rows of it); in chunks of rows that fit
            // in L2, the products with x and with h and the column sums read each chunk once from memory, not
            // three times.
            for (var c0 = 0; c0 < n; c0 += chunkRows)
            {
                int first = r0 + c0, count = Math.Min(chunkRows, n - c0);
                var beta = c0 == 0 ? 0f : 1f;
                var dA = tape.Gates.AsSpan(first * G, count * G);
                var hPrev = tape.Hs.AsSpan(sh.PrevSlabOffset + first * H, count * H);
                var aux = gru ? tape.Aux.AsSpan(first * H, count * H) : default;
                if (grads.WIh is not null)
                    Gemm.Sgemm(true, false, inputSize, G, count, 1f, x.AsSpan(first * inputSize, count * inputSize), inputSize, dA, G, beta, ih, G, gemmThreads);
                if (grads.WHh is not null)
                {
                    if (gru)
                    {
                        // Hidden side of a GRU: r and z columns shared with the input side, the n column its own.
                        Gemm.Sgemm(true, false, H, 2 * H, count, 1f, hPrev, H, dA, G, beta, hh, G, gemmThreads);
                        Gemm.Sgemm(true, false, H, H, count, 1f, hPrev, H, aux, H, beta, hh[(2 * H)..], G, gemmThreads);
                    }
                    else Gemm.Sgemm(true, false, H, G, count, 1f, hPrev, H, dA, G, beta, hh, G, gemmThreads);
                }
                if (needBias)
                {
                    AccumulateColumnSums(dA, count, G, G, sums.AsSpan(p * sumSize, G));
                    if (gru) AccumulateColumnSums(aux, count, H, H, sums.AsSpan(p * sumSize + G, H));
                }
            }
        });

        var total = partial.AsSpan(0, slab);
        for (var p = 1; p < parts; p++)
        {
            var part = partial.AsSpan(p * slab, slab);
            for (var i = 0; i < slab; i++) total[i] += part[i];
        }
        if (grads.WIh is not null) AddTransposed(total[..ihSize], inputSize, G, grads.WIh);
        if (grads.WHh is not null) AddTransposed(total[ihSize..], H, G, grads.WHh);
        ArrayPool<float>.Shared.Return(partial);
        if (needBias) AddBiasGradients(gru, H, G, sums, parts, grads);
    }

    /// <summary>
    /// Rows per chunk: about 256 KB of dA (a whole Gemm depth block when the gates are 256 wide), at least 64 rows
    /// and a multiple of 8.
    /// </summary>
    internal static int ChunkRows(int gates) => Math.Clamp(65536 / gates / 8 * 8, 64, Gemm.KC);

    /// <summary>
    /// b_ih gets the dA column sums; b_hh enters exactly where b_ih does, so it gets the same ones, except a GRU's
    /// b_hn, which sits inside r * (W_hn h + b_hn) and gets the h-side n sums.
    /// </summary>
    private static void AddBiasGradients(bool gru, int H, int G, double[] sums, int parts, LayerGrads grads)
    {
        var sumSize = G + H;
        var total = new double[sumSize];
        for (var p = 0; p < parts; p++)
            for (var j = 0; j < sumSize; j++) total[j] += sums[p * sumSize + j];
        if (grads.BIh is not null)
            for (var j = 0; j < G; j++) grads.BIh[j] += (float)total[j];
        if (grads.BHh is not null)
            for (var j = 0; j < G; j++)
                grads.BHh[j] += (float)(gru && j >= 2 * H ? total[G + j - 2 * H] : total[j]);
    }

    /// <summary>dst (cols x rows) += src (rows x cols) transposed, in cache-sized tiles.</summary>
    internal static void AddTransposed(ReadOnlySpan<float> src, int rows, int cols, Span<float> dst)
    {
        const int Tile = 32;
        for (var i0 = 0; i0 < rows; i0 += Tile)
            for (var j0 = 0; j0 < cols; j0 += Tile)
            {
                int i1 = Math.Min(rows, i0 + Tile), j1 = Math.Min(cols, j0 + Tile);
                for (var j = j0; j < j1; j++)
                {
                    var d = dst.Slice(j * rows, rows);
                    for (var i = i0; i < i1; i++) d[i] += src[i * cols + j];
                }
            }
    }

    /// <summary>acc[j] += sum over rows of a[r * lda + j], in double.</summary>
    internal static unsafe void AccumulateColumnSums(ReadOnlySpan<float> a, int rows, int cols, int lda, Span<double> acc)
    {
        if (rows == 0) return;
        if ((long)(rows - 1) * lda + cols > a.Length || acc.Length < cols)
            throw new ArgumentException($"column sums: {rows} x {cols} (ld {lda}) does not fit {a.Length} values or {acc.Length} sums");
        fixed (float* pa = a)
        fixed (double* pc = acc)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = pa + (long)r * lda;
                var j = 0;
                if (Vector256.IsHardwareAccelerated)
                    for (; j <= cols - 8; j += 8)
                    {
                        var (lo, hi) = Vector256.Widen(Vector256.Load(row + j));
                        Vector256.Store(Vector256.Load(pc + j) + lo, pc + j);
                        Vector256.Store(Vector256.Load(pc + j + 4) + hi, pc + j + 4);
                    }
                for (; j < cols; j++) pc[j] += row[j];
            }
        }
    }
}
