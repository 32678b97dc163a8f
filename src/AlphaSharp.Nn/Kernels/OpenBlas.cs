using System.Runtime.InteropServices;

namespace AlphaSharp.Nn.Kernels;

/// <summary>
/// OpenBLAS's <c>cblas_sgemm</c> through P/Invoke, when libopenblas is installed (Debian: libopenblas0-pthread).
/// Loaded on first use and never required: the managed kernel is always there, and the engine only calls this
/// when <see cref="Gemm.Backend"/> asks for it.
/// </summary>
internal static unsafe class OpenBlas
{
    // CBLAS enum values.
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    private static readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> SgemmFn;
    private static readonly delegate* unmanaged[Cdecl]<int, void> SetThreadsFn;
    private static int _threads;
    private static long _calls;

    /// <summary>Products sent to OpenBLAS so far (tests check which calls went where).</summary>
    internal static long Calls => Interlocked.Read(ref _calls);

    /// <summary>The library file that was loaded, or null when none was found.</summary>
    public static string? Library { get; }

    public static bool Available => Library is not null;

    /// <summary>The names tried, in order: Debian's runtime package installs the first.</summary>
    internal static readonly string[] Names = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libopenblas.dll", "openblas"];

    static OpenBlas()
    {
        var found = Load(Names);
        if (found is null) return;
        Library = found.Value.Name;
        SgemmFn = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)found.Value.Sgemm;
        SetThreadsFn = (delegate* unmanaged[Cdecl]<int, void>)found.Value.SetThreads;
    }

    /// <summary>The first of <paramref name="names"/> that loads and exports cblas_sgemm, with its entry points; null if none.</summary>
    internal static (string Name, nint Sgemm, nint SetThreads)? Load(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm)) continue;
            NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads);
            return (name, sgemm, setThreads);
        }
        return null;
    }

    /// <summary>Row-major C = alpha * op(A) * op(B) + beta * C on <paramref name="threads"/> OpenBLAS threads.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb,
        float beta, float* c, int ldc, int threads)
    {
        if (!Available) throw new InvalidOperationException(MissingMessage);
        // OpenBLAS keeps one process-wide thread count; set it only when it changes. Callers hold Gemm's OpenBLAS
        // lock, so no other call is running when it does.
        if (SetThreadsFn != null && threads != _threads)
        {
            SetThreadsFn(threads);
            _threads = threads;
        }
        Interlocked.Increment(ref _calls);
        SgemmFn(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    internal static string MissingMessage =>
        $"gemm: the OpenBLAS backend needs libopenblas, and none of {string.Join(", ", Names)} could be loaded " +
        "(Debian: apt-get install libopenblas0-pthread)";
}
