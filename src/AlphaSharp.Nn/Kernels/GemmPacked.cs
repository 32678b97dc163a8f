using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Kernels;

public static partial class Gemm
{
    /// <summary>Depth of one packed block: an MR x KC sliver of A and a KC x NR sliver of B stay in L1/L2.</summary>
    internal const int KC = 256;
    /// <summary>Rows of A per block, sized so a packed MC x KC block sits in L2 while B slivers stream past.</summary>
    internal const int MC = 144;
    /// <summary>Columns of B per packed block (KC x NC floats live in L3).</summary>
    internal const int NC = 3072;

    /// <summary>The register tile: 8 x 32 with 512-bit vectors (16 accumulators), 6 x 16 with 256-bit ones (12).</summary>
    internal static (int Mr, int Nr) TileShape()
        => Vector512.IsHardwareAccelerated && !Force256 ? (MR512, NR512) : (MR256, NR256);

    private static unsafe void PackedGemm(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, int threads)
    {
        var (mr, nr) = TileShape();
        var use512 = mr == MR512 && nr == NR512;
        var mPanels = (m + mr - 1) / mr;
        var mcPanels = Math.Max(1, MC / mr);
        // Equal-sized depth blocks: a 257-deep product splits 129 + 128, not 256 + 1.
        var kBlocks = (k + KC - 1) / KC;
        var kcMax = (k + kBlocks - 1) / kBlocks;
        var ncMax = Math.Min(NC, (n + nr - 1) / nr * nr);

        var bufB = PackBuffers.B(ncMax * kcMax);
        // With few rows, packing B (k x n) costs as much as multiplying by it. B stored k x n already has each
        // depth step's 32 columns side by side, so the 512-bit kernel can read them in place; only a ragged last
        // sliver is packed (zero-padded). Same values, same order: the bits equal the packed path's.
        var direct = !transB && use512 && m <= DirectMaxRows;

        for (var p0 = 0; p0 < k; p0 += kcMax)
        {
            var kc = Math.Min(kcMax, k - p0);
            var betaNow = p0 == 0 ? beta : 1f;
            for (var j0 = 0; j0 < n; j0 += NC)
            {
                var nc = Math.Min(NC, n - j0);
                var fullPanels = direct ? nc / nr : 0;
                if (fullPanels * nr < nc)
                    PackBInParts(transB, b, ldb, j0 + fullPanels * nr, nc - fullPanels * nr, p0, kc, nr, bufB, threads);
                var job = new TileJob
                {
                    A = a, Lda = lda, TransA = transA, P0 = p0, B = bufB, C = c + j0, Ldc = ldc, M = m, N = nc, Kc = kc,
                    Mr = mr, Nr = nr, McPanels = mcPanels, MPanels = mPanels,
                    Alpha = alpha, Beta = betaNow, Use512 = use512,
                    BDirect = b + (long)p0 * ldb + j0, Ldb = ldb, DirectPanels = fullPanels,
                    InPlaceA = ReadAInPlace(use512, transA, n, lda),
                };
                RunTiles(job, threads);
            }
        }
    }

    /// <summary>
    /// <see cref="PackB"/> with the slivers split over the workers when the block is large. A weight gradient
    /// (k = rows of the batch) packs a 256 x n block of B for every depth block, and packing it on one thread left the
    /// other core idle for about a tenth of such a product. Each sliver's values land in the same place either way.
    /// </summary>
    private static unsafe void PackBInParts(bool transB, float* b, int ldb, int j0, int nc, int p0, int kc, int nr, float* dst, int threads)
    {
        var slivers = (nc + nr - 1) / nr;
        var parts = Math.Min(threads, slivers);
        if (parts < 2 || (long)nc * kc < PackBInPartsFloats)
        {
            PackB(transB, b, ldb, j0, nc, p0, kc, nr, dst);
            return;
        }
        nint bAt = (nint)b, dstAt = (nint)dst;
        WorkerPool.Run(parts, w =>
        {
            int from = slivers * w / parts * nr, to = Math.Min(nc, slivers * (w + 1) / parts * nr);
            if (to > from) PackB(transB, (float*)bAt, ldb, j0 + from, to - from, p0, kc, nr, (float*)dstAt + (long)from * kc);
        });
    }

    /// <summary>Blocks of B smaller than this (floats) are packed on one thread: the fork would cost more than it saves.</summary>
    internal const int PackBInPartsFloats = 1 << 14;

    /// <summary>Up to this many rows of C, B stored k x n is read in place instead of packed.</summary>
    internal const int DirectMaxRows = 64;

    /// <summary>
    /// Everything one depth block of tiles needs: A unpacked (each work item packs its own rows, BLIS-style, so
    /// packing runs in parallel and the packed block is still in L2 when used), B packed, C.
    /// </summary>
    private unsafe struct TileJob
    {
        public float* A, B, C, BDirect;
        public int Lda, Ldb, P0, Ldc, M, N, Kc, Mr, Nr, McPanels, MPanels;
        /// <summary>Column slivers read in place from <see cref="BDirect"/>; the rest are packed in <see cref="B"/>.</summary>
        public int DirectPanels;
        public float Alpha, Beta;
        public bool Use512, TransA;
        /// <summary>Full slivers of A are read where they lie (see <see cref="ReadAInPlace"/>); only a ragged one is packed.</summary>
        public bool InPlaceA;
    }

    /// <summary>
    /// Whether the 512-bit kernel reads A where it lies instead of packing it. Packing copies every value of A once
    /// per depth block and pays off over many column slivers; recurrent products have few (n = 64-1024) and
    /// short rows, and packing A was 6-7 % of a qlib-lstm training step. Measured on one core, best of 40, in place
    /// against packed: 1.43x for 400 x 64 x 256 (the LSTM's backward step), 1.11x for 400 x 256 x 64 (its forward
    /// step), 1.13x for 64 x 256 x 256 with A^T (its weight gradient), 1.06x at lda 206, 0.96-0.99x at lda 412
    /// and for A^T with lda 206; so rows more than 256 floats apart, and A^T's depth steps more than 128, stay packed.
    /// </summary>
    internal static bool ReadAInPlace(bool use512, bool transA, int n, int lda)
        => use512 && !ForcePackedA && n <= InPlaceMaxColumns && lda <= (transA ? InPlaceMaxLdaT : InPlaceMaxLda);

    internal const int InPlaceMaxColumns = 1024, InPlaceMaxLda = 256, InPlaceMaxLdaT = 128;

    private static unsafe void RunTiles(TileJob job, int threads)
    {
        var icBlocks = (job.MPanels + job.McPanels - 1) / job.McPanels;
        var nPanels = (job.N + job.Nr - 1) / job.Nr;
        // Enough work items for every thread to stay busy; each item is (row block, run of column slivers).
        var chunks = threads == 1 ? 1 : Math.Min(nPanels, Math.Max(1, (4 * threads + icBlocks - 1) / icBlocks));
        var items = icBlocks * chunks;
        if (threads == 1 || items == 1)
        {
            var packed = -1;
            for (var it = 0; it < items; it++) RunItem(ref job, it, chunks, nPanels, ref packed);
            return;
        }
        // Worker w owns the contiguous items [w * items / workers, (w + 1) * items / workers) and takes them from
        // the front; once its own run is empty it takes from the back of the others', so a descheduled worker's
        // items still get done. Neighbouring items share a row block, so each worker packs each block of A about
        // once (claiming items round-robin had both threads of a 2-core machine pack every block). Each C element
        // is still written by exactly one kernel call per depth block in a fixed order, so who runs an item does
        // not change the bits.
        var workers = Math.Min(threads, items);
        var runs = new long[workers];
        for (var w = 0; w < workers; w++) runs[w] = Run((int)((long)w * items / workers), (int)((long)(w + 1) * items / workers));
        var copy = job;
        WorkerPool.Run(workers, w =>
        {
            var local = copy;
            var packed = -1;
            int it;
            while ((it = Take(ref runs[w], fromBack: false)) >= 0) RunItem(ref local, it, chunks, nPanels, ref packed);
            for (var v = 1; v < workers; v++)
            {
                ref var other = ref runs[(w + v) % workers];
                while ((it = Take(ref other, fromBack: true)) >= 0) RunItem(ref local, it, chunks, nPanels, ref packed);
            }
        });
    }

    /// <summary>A run of work items [front, back) as one word, so taking from either end is one compare-and-swap.</summary>
    private static long Run(int front, int back) => (uint)front | ((long)back << 32);

    /// <summary>Takes the first (or last) item of a run; -1 when the run is empty.</summary>
    private static int Take(ref long run, bool fromBack)
    {
        while (true)
        {
            var seen = Volatile.Read(ref run);
            int front = (int)seen, back = (int)(seen >> 32);
            if (front >= back) return -1;
            var rest = fromBack ? Run(front, back - 1) : Run(front + 1, back);
            if (Interlocked.CompareExchange(ref run, rest, seen) == seen) return fromBack ? back - 1 : front;
        }
    }

    /// <summary>Runs one work item; <paramref name="packedIc"/> is the row block this thread's A buffer holds.</summary>
    private static unsafe void RunItem(ref TileJob job, int item, int chunks, int nPanels, ref int packedIc)
    {
        var ic = item / chunks;
        var chunk = item % chunks;
        var jrFrom = (int)((long)nPanels * chunk / chunks);
        var jrTo = (int)((long)nPanels * (chunk + 1) / chunks);
        var irFrom = ic * job.McPanels;
        var irTo = Math.Min(job.MPanels, irFrom + job.McPanels);
        int mr = job.Mr, nr = job.Nr, kc = job.Kc;
        var bufA = PackBuffers.A(job.McPanels * mr * kc);
        // With A read in place only a ragged last sliver (fewer than mr rows left) is packed, zero-padded.
        var firstPacked = job.InPlaceA ? Math.Max(irFrom, job.M / mr) : irFrom;
        if (packedIc != ic)
        {
            var row0 = firstPacked * mr;
            var rows0 = Math.Min(job.M, irTo * mr) - row0;
            if (rows0 > 0)
                PackA(job.TransA, job.TransA ? job.A + row0 : job.A + (long)row0 * job.Lda, job.Lda, rows0, job.P0, kc, mr, bufA);
            packedIc = ic;
        }
        // 64-byte aligned scratch: a 512-bit store that straddles two cache lines costs twice.
        var edgeRaw = stackalloc float[MR512 * NR512 + 16];
        var edge = (float*)(((nint)edgeRaw + 63) & ~(nint)63);
        for (var jr = jrFrom; jr < jrTo; jr++)
        {
            var inPlace = jr < job.DirectPanels;
            var bp = inPlace ? job.BDirect + (long)jr * nr : job.B + (long)(jr - job.DirectPanels) * nr * kc;
            nint bStride = inPlace ? job.Ldb : nr;
            var cols = Math.Min(nr, job.N - jr * nr);
            for (var ir = irFrom; ir < irTo; ir++)
            {
                var rows = Math.Min(mr, job.M - ir * mr);
                var cp = job.C + (long)ir * mr * job.Ldc + jr * nr;
                if (ir < firstPacked)
                {
                    // A full sliver read in place: A^T's eight values per depth step are side by side, lda apart;
                    // A's eight rows are lda apart, one float per step.
                    var row0 = (long)ir * mr;
                    var ap = job.TransA ? job.A + (long)job.P0 * job.Lda + row0 : job.A + row0 * job.Lda + job.P0;
                    nint rowStride = job.TransA ? 1 : job.Lda, aStep = job.TransA ? job.Lda : 1;
                    if (cols == nr)
                    {
                        Kernel512(kc, ap, rowStride, aStep, bp, bStride, cp, job.Ldc, job.Alpha, job.Beta);
                        continue;
                    }
                    // B's last sliver is zero-padded to nr columns: the full tile into scratch, the same bits as
                    // the edge kernel's.
                    Kernel512(kc, ap, rowStride, aStep, bp, bStride, edge, nr, 1f, 0f);
                }
                else
                {
                    var ap = bufA + (long)(ir - firstPacked) * mr * kc;
                    if (rows == mr && cols == nr)
                    {
                        if (job.Use512) Kernel512(kc, ap, 1, mr, bp, bStride, cp, job.Ldc, job.Alpha, job.Beta);
                        else Kernel256(kc, ap, bp, cp, job.Ldc, job.Alpha, job.Beta);
                        continue;
                    }
                    // A ragged edge tile: compute only what exists (to the vector) into scratch, then merge.
                    if (job.Use512) EdgeKernel512(rows, cols <= 16, kc, ap, bp, bStride, edge, nr);
                    else Kernel256(kc, ap, bp, edge, nr, 1f, 0f);
                }
                MergeEdge(ref job, rows, cols, cp, edge, nr);
            }
        }
    }

    /// <summary>
    /// C (rows x cols at <paramref name="cp"/>) = beta C + alpha edge, with the full tile's rounding, so a row's bits
    /// do not depend on whether it landed in a full tile or an edge tile (that is, on m or on how a caller split
    /// the rows).
    /// </summary>
    private static unsafe void MergeEdge(ref TileJob job, int rows, int cols, float* cp, float* edge, int nr)
    {
        for (var r = 0; r < rows; r++)
        {
            var crow = cp + (long)r * job.Ldc;
            var erow = edge + r * nr;
            if (job.Beta == 0f)
                for (var j = 0; j < cols; j++) crow[j] = erow[j] * job.Alpha;
            else
                for (var j = 0; j < cols; j++) crow[j] = MathF.FusedMultiplyAdd(erow[j], job.Alpha, crow[j] * job.Beta);
        }
    }
}
