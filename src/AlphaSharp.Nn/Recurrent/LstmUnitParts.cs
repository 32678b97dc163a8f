using System.Buffers;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// The LSTM time loop split by hidden units instead of batch rows, for batches too small to give every thread a
/// block of rows (seed001 trains 20 sequences at a time, which left the whole loop on one core). Part p owns
/// units [j0, j1) of every row: each step it multiplies the whole previous h by its own columns of W_hh^T (the
/// four gates of its units) and runs the cell for its units; the parts then wait for each other (see
/// <see cref="Lockstep"/>), since the next step reads all of h. Backward mirrors it: the cell's backward for its
/// units, a wait, then its columns of dh = dgates W_hh. Each element gets exactly the row-block loop's arithmetic
/// (a Gemm element does not depend on which other columns share the call, and part boundaries fall on multiples
/// of 8 so every unit takes the same vector or scalar path), so the bits do not depend on the thread count.
/// </summary>
internal static unsafe class LstmUnitParts
{
    /// <summary>Fewer hidden units than this per part and a part's Gemm is too narrow to be worth a thread.</summary>
    internal const int MinUnitsPerPart = 32;

    /// <summary>How many unit parts a call uses: 1 (the row-block loop) whenever the batch already fills the threads.</summary>
    public static int PartCount(int batch, int hidden, int threads)
        => RowParallel.BlockCount(batch, threads) >= threads ? 1 : Math.Max(1, Math.Min(threads, hidden / MinUnitsPerPart));

    /// <summary>Part p owns units [bounds[p], bounds[p + 1]); inner bounds fall on multiples of 8.</summary>
    private static int[] Bounds(int hidden, int parts)
    {
        var bounds = new int[parts + 1];
        for (var p = 1; p < parts; p++) bounds[p] = (int)((long)hidden * p / parts) / 8 * 8;
        bounds[parts] = hidden;
        return bounds;
    }

    /// <summary>As <see cref="LstmCell.Forward"/> for all rows, in <paramref name="parts"/> unit parts.</summary>
    public static void Forward(StepShape sh, int parts, bool hasInitialState, LstmPass pass, float[] wHh, float[]? bias,
        float[] gates, float[] hs, float[] cs)
    {
        int B = sh.B, H = sh.H, G = 4 * H;
        var bounds = Bounds(H, parts);
        var packed = new PackedMatrix[parts];
        var acc = new float[parts][];
        for (var p = 0; p < parts; p++)
        {
            int j0 = bounds[p], n = bounds[p + 1] - j0;
            // This part's columns of W_hh^T are rows q * H + j of W_hh: gather them, gate by gate, and pack once.
            var rows = ArrayPool<float>.Shared.Rent(4 * n * H);
            for (var q = 0; q < 4; q++)
                wHh.AsSpan((q * H + j0) * H, n * H).CopyTo(rows.AsSpan(q * n * H));
            packed[p] = PackedMatrix.Rent(true, H, 4 * n, rows, H);
            ArrayPool<float>.Shared.Return(rows);
            acc[p] = ArrayPool<float>.Shared.Rent(B * 4 * n);
        }

        Lockstep.Run(parts, sh.T, (p, s) =>
        {
            int j0 = bounds[p], n = bounds[p + 1] - j0;
            var t = sh.TimeAt(s);
            var g = t * B * G;
            var prev = sh.PrevBlock(t) * B * H;
            var next = sh.NextBlock(t) * B * H;
            // As in the row-block loop, a zero initial state contributes nothing and is not multiplied.
            var multiply = s > 0 || hasInitialState;
            if (multiply) Gemm.Sgemm(false, B, 1f, hs.AsSpan(prev, B * H), H, packed[p], 0f, acc[p], 4 * n, 1);
            fixed (float* pg = gates, ph = hs, pc = cs, pb = bias, pa = acc[p])
            {
                for (var r = 0; r < B; r++)
                {
                    if (pass.IsTanh)
                        LstmCell.PointwiseForward(H, n, pg + g + r * G + j0, multiply ? pa + r * 4 * n : null, n,
                            pb == null ? null : pb + j0, pc + prev + r * H + j0, pc + next + r * H + j0, ph + next + r * H + j0);
                    else
                        LstmActivatedCell.PointwiseForward(pass, H, n, pg + g + r * G + j0, multiply ? pa + r * 4 * n : null,
                            n, pb == null ? null : pb + j0, pc + prev + r * H + j0, pc + next + r * H + j0, ph + next + r * H + j0);
                }
            }
        });
        for (var p = 0; p < parts; p++)
        {
            PackedMatrix.Return(packed[p]);
            ArrayPool<float>.Shared.Return(acc[p]);
        }
    }

    /// <summary>As <see cref="LstmCell.Backward"/> for all rows, in <paramref name="parts"/> unit parts.</summary>
    public static void Backward(StepShape sh, int parts, LstmPass pass, float[] wHh, float[]? dy, int dyOffset, int dyStrideT,
        int dyStrideB, float[] gates, float[] cs, float[] dh, float[] dc)
    {
        int B = sh.B, H = sh.H, G = 4 * H;
        var bounds = Bounds(H, parts);
        var packed = new PackedMatrix[parts];
        for (var p = 0; p < parts; p++)
        {
            int j0 = bounds[p], n = bounds[p + 1] - j0;
            packed[p] = PackedMatrix.Rent(false, G, n, wHh.AsSpan(j0), H);
        }

        // Two phases a step: the cell's backward for this part's units, then (once every part has written its
        // gate gradients) this part's columns of dh.
        Lockstep.Run(parts, 2 * sh.T, (p, phase) =>
        {
            int j0 = bounds[p], n = bounds[p + 1] - j0;
            var t = sh.TimeAt(sh.T - 1 - phase / 2);
            var g = t * B * G;
            if (phase % 2 == 1)
            {
                Gemm.Sgemm(false, B, 1f, gates.AsSpan(g, B * G), G, packed[p], 0f, dh.AsSpan(j0, B * H - j0), H, 1);
                return;
            }
            var prev = sh.PrevBlock(t) * B * H;
            var next = sh.NextBlock(t) * B * H;
            fixed (float* pg = gates, pc = cs, pdy = dy, pdh = dh, pdc = dc)
            {
                for (var r = 0; r < B; r++)
                {
                    var dyRow = pdy == null ? null : pdy + dyOffset + (long)t * dyStrideT + (long)r * dyStrideB + j0;
                    if (pass.IsTanh)
                        LstmCell.PointwiseBackward(H, n, pg + g + r * G + j0, pc + prev + r * H + j0, pc + next + r * H + j0,
                            dyRow, pdh + r * H + j0, pdc + r * H + j0);
                    else
                        LstmActivatedCell.PointwiseBackward(pass, H, n, pg + g + r * G + j0, pc + prev + r * H + j0,
                            pc + next + r * H + j0, dyRow, pdh + r * H + j0, pdc + r * H + j0);
                }
            }
        });
        foreach (var p in packed) PackedMatrix.Return(p);
    }
}
