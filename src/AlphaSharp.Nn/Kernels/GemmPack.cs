using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// Copies rows [0, m) x depth [p0, p0 + kc) of op(A) into slivers of <paramref name="mr"/> rows: for each depth
    /// step the sliver's mr values lie side by side, which is the order the micro-kernel broadcasts them in.
    /// Rows past m are zero so edge tiles need no special kernel.
    /// </summary>
    private static unsafe void PackA(bool transA, float* a, int lda, int m, int p0, int kc, int mr, float* dst)
    {
        for (var i0 = 0; i0 < m; i0 += mr)
        {
            var rows = Math.Min(mr, m - i0);
            if (transA)
            {
                // op(A) = A^T: each depth step's sliver is already contiguous in A; a full 8-row one is one vector copy.
                if (rows == 8 && mr == 8)
                    for (var p = 0; p < kc; p++)
                        Vector256.Store(Vector256.Load(a + (long)(p0 + p) * lda + i0), dst + p * mr);
                else
                    for (var p = 0; p < kc; p++)
                    {
                        var src = a + (long)(p0 + p) * lda + i0;
                        var d = dst + p * mr;
                        var r = 0;
                        for (; r < rows; r++) d[r] = src[r];
                        for (; r < mr; r++) d[r] = 0f;
                    }
            }
            else
            {
                var p = 0;
                // Full 8-row slivers: transpose 8 x 8 blocks in registers.
                if (rows == 8 && mr == 8 && Transpose8.Supported)
                    for (; p <= kc - 8; p += 8)
                        Transpose8.Block(a + (long)i0 * lda + p0 + p, lda, dst + p * mr, mr);
                for (var r = 0; r < rows; r++)
                {
                    var src = a + (long)(i0 + r) * lda + p0;
                    var d = dst + r;
                    for (var q = p; q < kc; q++) d[q * mr] = src[q];
                }
                for (var r = rows; r < mr; r++)
                    for (var q = 0; q < kc; q++) dst[q * mr + r] = 0f;
            }
            dst += (long)mr * kc;
        }
    }

    /// <summary>
    /// Copies depth [p0, p0 + kc) x columns [j0, j0 + nc) of op(B) into slivers of <paramref name="nr"/> columns,
    /// each depth step's nr values contiguous (one or two vector loads in the micro-kernel); columns past nc are zero.
    /// </summary>
    internal static unsafe void PackB(bool transB, float* b, int ldb, int j0, int nc, int p0, int kc, int nr, float* dst)
    {
        for (var jj = 0; jj < nc; jj += nr)
        {
            var cols = Math.Min(nr, nc - jj);
            if (!transB)
            {
                // A full sliver's row is one or two vectors: copied by hand, as a Memmove call per 64-128 bytes
                // was 3 % of an alphanet-v4 training step.
                var p = 0;
                if (cols == nr && nr == NR512 && Vector512.IsHardwareAccelerated)
                    for (; p < kc; p++)
                    {
                        var src = b + (long)(p0 + p) * ldb + j0 + jj;
                        Vector512.Store(Vector512.Load(src), dst + p * nr);
                        Vector512.Store(Vector512.Load(src + 16), dst + p * nr + 16);
                    }
                else if (cols == nr && nr == NR256 && Vector256.IsHardwareAccelerated)
                    for (; p < kc; p++)
                    {
                        var src = b + (long)(p0 + p) * ldb + j0 + jj;
                        Vector256.Store(Vector256.Load(src), dst + p * nr);
                        Vector256.Store(Vector256.Load(src + 8), dst + p * nr + 8);
                    }
                for (; p < kc; p++)
                {
                    var src = b + (long)(p0 + p) * ldb + j0 + jj;
                    var d = dst + p * nr;
                    new ReadOnlySpan<float>(src, cols).CopyTo(new Span<float>(d, cols));
                    if (cols < nr) new Span<float>(d + cols, nr - cols).Clear();
                }
            }
            else
            {
                // Whole groups of 8 columns by 8 x 8 register transposes, the rest one value at a time.
                var full = Transpose8.Supported ? cols / 8 * 8 : 0;
                var pFull = kc / 8 * 8;
                for (var j = 0; j < full; j += 8)
                {
                    var src = b + (long)(j0 + jj + j) * ldb + p0;
                    for (var p = 0; p < pFull; p += 8) Transpose8.Block(src + p, ldb, dst + p * nr + j, nr);
                    for (var jj2 = j; jj2 < j + 8; jj2++)
                    {
                        var s2 = b + (long)(j0 + jj + jj2) * ldb + p0;
                        for (var p = pFull; p < kc; p++) dst[p * nr + jj2] = s2[p];
                    }
                }
                for (var j = full; j < cols; j++)
                {
                    var src = b + (long)(j0 + jj + j) * ldb + p0;
                    var d = dst + j;
                    for (var p = 0; p < kc; p++) d[p * nr] = src[p];
                }
                if (cols < nr)
                    for (var p = 0; p < kc; p++) new Span<float>(dst + p * nr + cols, nr - cols).Clear();
            }
            dst += (long)nr * kc;
        }
    }

    /// <summary>
    /// Per-thread packing buffers, pinned and 64-byte aligned, grown on demand and then reused, so a steady training
    /// loop allocates nothing here.
    /// </summary>
    private static class PackBuffers
    {
        [ThreadStatic] private static float[]? _a;
        [ThreadStatic] private static float[]? _b;

        public static unsafe float* A(int count) => Get(ref _a, count);
        public static unsafe float* B(int count) => Get(ref _b, count);

        private static unsafe float* Get(ref float[]? buffer, int count)
        {
            if (buffer is null || buffer.Length < count + 16)
                buffer = GC.AllocateUninitializedArray<float>(count + 16, pinned: true);
            var p = (float*)Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0);
            var misalign = (int)((nint)p & 63) / sizeof(float);
            return misalign == 0 ? p : p + (16 - misalign);
        }
    }
}
