namespace AlphaSharp.Nn.Kernels;

/// <summary>
/// A right-hand operand op(B) (k x n) packed once into the micro-kernel's sliver layout, for products that reuse
/// the same B many times: a recurrent weight multiplied at every time step, a layer's weight across micro-batches.
/// Packing is then paid once instead of on every call. Re-<see cref="Pack"/> after the values change (an
/// optimizer step); the buffer is reused when the size allows.
/// </summary>
public sealed class PackedMatrix
{
    private float[] _data = [];

    public int K { get; private set; }
    public int N { get; private set; }
    internal bool Use512 { get; private set; }
    internal int KcMax { get; private set; }
    internal int Panels { get; private set; }

    private static readonly Stack<PackedMatrix> Pool = new();

    /// <summary>
    /// Packs op(B) into a matrix from a shared pool, whose buffer an earlier call already allocated: a recurrent
    /// layer re-packs its weights on every call, and a fresh pinned buffer each time was a large allocation per
    /// step that set off full garbage collections. Hand it back with <see cref="Return"/> when done.
    /// </summary>
    internal static PackedMatrix Rent(bool transB, int k, int n, ReadOnlySpan<float> b, int ldb)
    {
        PackedMatrix? p = null;
        lock (Pool)
            if (Pool.Count > 0) p = Pool.Pop();
        p ??= new PackedMatrix();
        p.Pack(transB, k, n, b, ldb);
        return p;
    }

    internal static void Return(PackedMatrix p)
    {
        lock (Pool)
            if (Pool.Count < 64) Pool.Push(p);
    }

    /// <summary>Packs op(B) (k x n, row-major B with leading dimension <paramref name="ldb"/>).</summary>
    public static PackedMatrix Create(bool transB, int k, int n, ReadOnlySpan<float> b, int ldb)
    {
        var p = new PackedMatrix();
        p.Pack(transB, k, n, b, ldb);
        return p;
    }

    public unsafe void Pack(bool transB, int k, int n, ReadOnlySpan<float> b, int ldb)
    {
        if (k < 0 || n < 0) throw new ArgumentException($"gemm pack: sizes must be non-negative, got k={k} n={n}");
        Gemm.CheckOperand("B", transB ? n : k, transB ? k : n, b.Length, ldb);
        var nr = Gemm.TileShape().Nr;
        K = k;
        N = n;
        Use512 = nr == Gemm.NR512;
        var kBlocks = Math.Max(1, (k + Gemm.KC - 1) / Gemm.KC);
        KcMax = k == 0 ? 0 : (k + kBlocks - 1) / kBlocks;
        Panels = (n + nr - 1) / nr;
        var need = (long)Panels * nr * k;
        if (need > int.MaxValue - 64) throw new ArgumentException($"gemm pack: {k} x {n} is too large to pack");
        if (_data.Length < need + 16) _data = GC.AllocateUninitializedArray<float>((int)need + 16, pinned: true);
        if (k == 0 || n == 0) return;
        fixed (float* pb = b)
        {
            var dst = Base;
            for (var p0 = 0; p0 < k; p0 += KcMax)
            {
                var kc = Math.Min(KcMax, k - p0);
                Gemm.PackB(transB, pb, ldb, 0, n, p0, kc, nr, dst);
                dst += (long)Panels * nr * kc;
            }
        }
    }

    /// <summary>64-byte aligned start of the packed data (the array is pinned, so the address is stable).</summary>
    internal unsafe float* Base
    {
        get
        {
            var p = (float*)System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
            var misalign = (int)((nint)p & 63) / sizeof(float);
            return misalign == 0 ? p : p + (16 - misalign);
        }
    }
}

public static partial class Gemm
{
    /// <summary>C = alpha op(A) B + beta C with B packed beforehand (see <see cref="PackedMatrix"/>); op(A) is m x B.K.</summary>
    public static unsafe void Sgemm(bool transA, int m, float alpha, ReadOnlySpan<float> a, int lda, PackedMatrix b,
        float beta, Span<float> c, int ldc, int threads = 0)
    {
        if (threads == 0) threads = DefaultThreads;
        int k = b.K, n = b.N;
        if (m < 0) throw new ArgumentException($"gemm: m must be non-negative, got {m}");
        if (threads < 1) throw new ArgumentException($"gemm: threads must be at least 1, got {threads}");
        CheckOperand("A", transA ? k : m, transA ? m : k, a.Length, lda);
        CheckOperand("C", m, n, c.Length, ldc);
        // The kernel is the one the matrix was packed for, whichever thread multiplies with it.
        var (mr, nr) = b.Use512 ? (MR512, NR512) : (MR256, NR256);
        if (m == 0 || n == 0) return;
        fixed (float* pa = a)
        fixed (float* pc = c)
        {
            if (k == 0 || alpha == 0f)
            {
                ScaleC(m, n, beta, pc, ldc);
                return;
            }
            var mPanels = (m + mr - 1) / mr;
            var packed = b.Base;
            var work = (long)m * n * k;
            var useThreads = work < ParallelWork ? 1 : threads;
            for (var p0 = 0; p0 < k; p0 += b.KcMax)
            {
                var kc = Math.Min(b.KcMax, k - p0);
                var job = new TileJob
                {
                    A = pa, Lda = lda, TransA = transA, P0 = p0, B = packed, C = pc, Ldc = ldc, M = m, N = n, Kc = kc,
                    Mr = mr, Nr = nr, McPanels = Math.Max(1, MC / mr), MPanels = mPanels,
                    Alpha = alpha, Beta = p0 == 0 ? beta : 1f, Use512 = b.Use512,
                    InPlaceA = ReadAInPlace(b.Use512, transA, n, lda),
                };
                RunTiles(job, useThreads);
                packed += (long)b.Panels * nr * kc;
            }
        }
    }
}
