using System.Runtime.CompilerServices;

namespace AlphaSharp.Nn.Kernels;

/// <summary>
/// Single-precision matrix multiply, row-major, with BLAS semantics:
/// <c>C = alpha * op(A) * op(B) + beta * C</c>, where op(X) is X or its transpose, op(A) is m x k, op(B) is k x n.
/// Large products run a packed, cache-blocked, register-blocked kernel (BLIS's loop nest) that is split over
/// output tiles; every element of C is summed over k in the same order whatever the split, so the result is
/// bit-identical for any thread count. Small products take a direct SIMD path where packing would cost more
/// than it saves.
/// </summary>
public static partial class Gemm
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>
    /// Most threads one call uses (default: the processor count). GEMM's results do not depend on it. A test that pins
    /// <see cref="ThreadsOnThisThread"/> sees its own count here, so no test changes the count under another one.
    /// </summary>
    public static int MaxThreads
    {
        get => _threadsHere > 0 ? _threadsHere : _maxThreads;
        set => _maxThreads = value >= 1 ? value : throw new ArgumentException($"gemm: MaxThreads must be at least 1, got {value}");
    }

    /// <summary>
    /// Products whose op(B) holds at most this many values skip packing. Measured: packing pays from about
    /// 8 x 8 x 8 on (16 x 16 x 16 runs 4x faster packed). The rule looks at B only, never at m, so every row of C
    /// takes the same path and the same summation order however many rows a call has: a caller that splits its
    /// rows over threads gets the bits of one big call.
    /// </summary>
    internal const long SmallB = 64;

    /// <summary>Below this many multiply-adds a call stays on one thread: a fork costs more than it saves.</summary>
    internal const long ParallelWork = 2_000_000;

    // Test hooks, per thread so a test that flips one cannot change the kernel under a test running beside it.
    [ThreadStatic] private static bool _force256;
    [ThreadStatic] private static bool _forcePacked;

    /// <summary>Test hook: forces the 256-bit kernel even where 512-bit vectors are fast (calling thread only).</summary>
    internal static bool Force256 { get => _force256; set => _force256 = value; }

    /// <summary>Test hook: forces the packed path even for small products (calling thread only).</summary>
    internal static bool ForcePacked { get => _forcePacked; set => _forcePacked = value; }

    [ThreadStatic] private static bool _forcePackedA;

    /// <summary>Test hook: packs every sliver of A, never reading it in place (calling thread only).</summary>
    internal static bool ForcePackedA { get => _forcePackedA; set => _forcePackedA = value; }

    [ThreadStatic] private static int _threadsHere;

    /// <summary>
    /// Test hook: the thread count calls made on this thread use (0: <see cref="MaxThreads"/>), so a test can vary
    /// it without changing the engine-wide setting under tests running beside it.
    /// </summary>
    internal static int ThreadsOnThisThread { get => _threadsHere; set => _threadsHere = value; }

    internal static int DefaultThreads => MaxThreads;

    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, DefaultThreads);

    /// <summary>As the BLAS call, on at most <paramref name="threads"/> threads (1 inside an already-parallel caller).</summary>
    public static unsafe void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int threads)
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc, threads);
        if (m == 0 || n == 0) return;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (k == 0 || alpha == 0f)
            {
                ScaleC(m, n, beta, pc, ldc);
                return;
            }
            var work = (long)m * n * k;
            // A column vector B wastes most of a register tile; the direct path streams it instead (except for
            // A^T times a column, which the direct path would walk one value at a time).
            var columnB = n == 1 && (!transA || transB);
            if (((long)n * k <= SmallB || columnB) && !ForcePacked)
                SmallGemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            else if (!TryOpenBlas(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, threads))
                PackedGemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc,
                    work < ParallelWork ? 1 : threads);
        }
    }

    private static void Validate(bool transA, bool transB, int m, int n, int k, int aLen, int lda, int bLen, int ldb,
        int cLen, int ldc, int threads)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException($"gemm: sizes must be non-negative, got m={m} n={n} k={k}");
        if (threads < 1) throw new ArgumentException($"gemm: threads must be at least 1, got {threads}");
        CheckOperand("A", transA ? k : m, transA ? m : k, aLen, lda);
        CheckOperand("B", transB ? n : k, transB ? k : n, bLen, ldb);
        CheckOperand("C", m, n, cLen, ldc);
    }

    internal static void CheckOperand(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentException($"gemm: ld{name.ToLowerInvariant()}={ld} is less than the {cols} columns of {name} ({rows} x {cols} as stored)");
        if (rows == 0 || cols == 0) return;
        var need = (long)(rows - 1) * ld + cols;
        if (length < need)
            throw new ArgumentException($"gemm: {name} ({rows} x {cols}, ld {ld}) needs {need} values, the span holds {length}");
    }

    /// <summary>C = beta * C; beta 0 writes zeros (BLAS: C is not read, so NaN in C does not survive).</summary>
    private static unsafe void ScaleC(int m, int n, float beta, float* c, int ldc)
    {
        if (beta == 1f) return;
        for (var i = 0; i < m; i++)
        {
            var row = new Span<float>(c + (long)i * ldc, n);
            if (beta == 0f) row.Clear();
            else Scale(row, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(Span<float> row, float s)
    {
        for (var j = 0; j < row.Length; j++) row[j] *= s;
    }
}
