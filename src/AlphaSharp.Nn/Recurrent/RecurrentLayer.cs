using System.Buffers;
using System.Runtime.Intrinsics;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// One layer-direction over a whole sequence, forward and backward. The input projection of all T x B rows is one
/// Gemm; the time loop runs per block of batch rows (rows never interact, so each block runs the whole sequence on
/// its own thread and a call forks once, not once per step); the weight gradients are a few Gemms over all steps
/// at once. Blocks are fixed by the thread count, so the same thread count gives the same bits.
/// </summary>
internal static class RecurrentLayer
{
    /// <summary>Fewer rows than this per block and the per-step Gemms get too thin to be worth a thread.</summary>
    internal const int MinRowsPerBlock = 16;

    /// <summary>How many row blocks a batch of <paramref name="batch"/> is split into on <paramref name="threads"/> threads.</summary>
    internal static int BlockCount(int batch, int threads) => Math.Max(1, Math.Min(threads, batch / MinRowsPerBlock));

    /// <summary>
    /// x is time-major (T x B x inputSize). <paramref name="h0"/> and <paramref name="c0"/> (B x H) may be empty
    /// for zero initial states. Fills <paramref name="tape"/>.
    /// </summary>
    public static void Forward(StepShape sh, int inputSize, float[] x, LayerWeights w,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, LayerTape tape, int threads)
    {
        var kind = tape.Kind;
        int H = sh.H, G = kind.Gates() * H, rows = sh.T * sh.B;
        var bias = StepBias(kind, H, w.BIh, w.BHh);
        Gemm.Sgemm(false, true, rows, G, inputSize, 1f, x, inputSize, w.WIh, inputSize, 0f, tape.Gates, G, threads);

        var hasInitial = !h0.IsEmpty || !c0.IsEmpty;
        var initialH = tape.Hs.AsSpan(tape.InitialOffset, sh.B * H);
        if (h0.IsEmpty) initialH.Clear();
        else h0.CopyTo(initialH);
        if (kind == CellKind.Lstm)
        {
            var initialC = tape.Cs.AsSpan(tape.InitialOffset, sh.B * H);
            if (c0.IsEmpty) initialC.Clear();
            else c0.CopyTo(initialC);
        }

        ForBlocks(sh.B, threads, (b0, m) =>
        {
            switch (kind)
            {
                case CellKind.Lstm:
                    LstmCell.Forward(sh, b0, m, hasInitial, w.WHh, bias, tape.Gates, tape.Hs, tape.Cs);
                    break;
                case CellKind.Gru:
                    var bHn = w.BHh is null ? ReadOnlySpan<float>.Empty : w.BHh.AsSpan(2 * H, H);
                    GruCell.Forward(sh, b0, m, hasInitial, w.WHh, bias, bHn, tape.Gates, tape.Hs, tape.Aux, new float[m * G]);
                    break;
                default:
                    RnnCell.Forward(sh, b0, m, hasInitial, kind == CellKind.RnnRelu, w.WHh, bias, tape.Gates, tape.Hs);
                    break;
            }
        });
    }

    /// <summary>
    /// The bias each step adds to the input projection: b_ih + b_hh, summed once rather than per row. A GRU keeps
    /// b_hn out (r multiplies it, so it joins the h-side term inside the step). Null without biases.
    /// </summary>
    private static float[]? StepBias(CellKind kind, int H, float[]? bIh, float[]? bHh)
    {
        if (bIh is null || bHh is null) return null;
        var bias = new float[bIh.Length];
        for (var j = 0; j < bias.Length; j++) bias[j] = bIh[j] + bHh[j];
        if (kind == CellKind.Gru) bIh.AsSpan(2 * H, H).CopyTo(bias.AsSpan(2 * H));
        return bias;
    }

    /// <summary>
    /// Back through the sequence. <paramref name="dy"/> holds this direction's output gradient, element (t, b, j) at
    /// dyOffset + t * dyStrideT + b * dyStrideB + j, or is null when the outputs were not used. <paramref name="dh"/>
    /// and <paramref name="dc"/> (B x H) hold the final-state gradients on entry (zeros when unused) and the
    /// initial-state gradients on exit. Weight gradients are added into <paramref name="grads"/>; the input
    /// gradient (T x B x inputSize) is written into <paramref name="dx"/> or added to it when
    /// <paramref name="accumulateDx"/>; null skips it.
    /// </summary>
    public static void Backward(StepShape sh, int inputSize, float[] x, LayerWeights w, LayerTape tape,
        float[]? dy, int dyOffset, int dyStrideT, int dyStrideB, float[] dh, float[] dc,
        LayerGrads grads, float[]? dx, bool accumulateDx, int threads)
    {
        var kind = tape.Kind;
        int H = sh.H, G = kind.Gates() * H, rows = sh.T * sh.B;

        ForBlocks(sh.B, threads, (b0, m) =>
        {
            var dySpan = dy is null ? ReadOnlySpan<float>.Empty : dy.AsSpan(dyOffset);
            switch (kind)
            {
                case CellKind.Lstm:
                    LstmCell.Backward(sh, b0, m, w.WHh, dySpan, dyStrideT, dyStrideB, tape.Gates, tape.Cs, dh, dc);
                    break;
                case CellKind.Gru:
                    GruCell.Backward(sh, b0, m, w.WHh, dySpan, dyStrideT, dyStrideB, tape.Gates, tape.Hs, tape.Aux, dh, new float[m * G]);
                    break;
                default:
                    RnnCell.Backward(sh, b0, m, kind == CellKind.RnnRelu, w.WHh, dySpan, dyStrideT, dyStrideB, tape.Gates, tape.Hs, dh);
                    break;
            }
        });

        var dA = tape.Gates;
        var hPrev = tape.Hs.AsSpan(sh.PrevSlabOffset, rows * H);
        // Weight gradients as W^T-shaped products (x^T dA, h^T dA: few rows, G wide), which the Gemm runs markedly
        // faster than dA^T x when x or h is narrow (measured 2x for qlib's 6 inputs, 1.2x for h), then transposed in.
        var wT = ArrayPool<float>.Shared.Rent(Math.Max(inputSize, H) * G);
        if (grads.WIh is not null)
        {
            Gemm.Sgemm(true, false, inputSize, G, rows, 1f, x, inputSize, dA, G, 0f, wT, G, threads);
            AddTransposed(wT, inputSize, G, grads.WIh);
        }
        float[]? biasSums = null;
        if (grads.BIh is not null)
        {
            biasSums = new float[G];
            AddColumnSums(dA, rows, G, G, biasSums);
            for (var j = 0; j < G; j++) grads.BIh[j] += biasSums[j];
        }
        if (kind == CellKind.Gru)
        {
            // Hidden side: the r and z columns are shared with the input side, the n column is its own.
            if (grads.WHh is not null)
            {
                Gemm.Sgemm(true, false, H, 2 * H, rows, 1f, hPrev, H, dA, G, 0f, wT, G, threads);
                Gemm.Sgemm(true, false, H, H, rows, 1f, hPrev, H, tape.Aux, H, 0f, wT.AsSpan(2 * H), G, threads);
                AddTransposed(wT, H, G, grads.WHh);
            }
            if (grads.BHh is not null)
            {
                // r and z enter the hidden side exactly as the input side, so those sums are shared.
                if (biasSums is not null)
                    for (var j = 0; j < 2 * H; j++) grads.BHh[j] += biasSums[j];
                else AddColumnSums(dA, rows, 2 * H, G, grads.BHh);
                AddColumnSums(tape.Aux, rows, H, H, grads.BHh.AsSpan(2 * H));
            }
        }
        else
        {
            if (grads.WHh is not null)
            {
                Gemm.Sgemm(true, false, H, G, rows, 1f, hPrev, H, dA, G, 0f, wT, G, threads);
                AddTransposed(wT, H, G, grads.WHh);
            }
            // b_hh enters exactly where b_ih does, so its gradient is the same column sums.
            if (grads.BHh is not null)
            {
                if (grads.BIh is not null)
                    for (var j = 0; j < G; j++) grads.BHh[j] += biasSums![j];
                else AddColumnSums(dA, rows, G, G, grads.BHh);
            }
        }
        ArrayPool<float>.Shared.Return(wT);
        if (dx is not null)
            Gemm.Sgemm(false, false, rows, inputSize, G, 1f, dA, G, w.WIh, inputSize, accumulateDx ? 1f : 0f, dx, inputSize, threads);
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

    /// <summary>dst[j] += sum over rows of a[r * lda + j], summed in double.</summary>
    internal static unsafe void AddColumnSums(ReadOnlySpan<float> a, int rows, int cols, int lda, Span<float> dst)
    {
        if (rows == 0) return;
        if ((long)(rows - 1) * lda + cols > a.Length || dst.Length < cols)
            throw new ArgumentException($"column sums: {rows} x {cols} (ld {lda}) does not fit {a.Length} values or {dst.Length} outputs");
        var acc = new double[cols];
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
        for (var j = 0; j < cols; j++) dst[j] += (float)acc[j];
    }

    /// <summary>Runs <paramref name="body"/>(firstRow, rowCount) over the row blocks, in parallel when there are several.</summary>
    private static void ForBlocks(int batch, int threads, Action<int, int> body)
    {
        var n = BlockCount(batch, threads);
        if (n == 1)
        {
            body(0, batch);
            return;
        }
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = n }, c =>
        {
            var b0 = (int)((long)c * batch / n);
            var b1 = (int)((long)(c + 1) * batch / n);
            body(b0, b1 - b0);
        });
    }
}
