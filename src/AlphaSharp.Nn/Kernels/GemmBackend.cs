namespace AlphaSharp.Nn.Kernels;

/// <summary>Which code multiplies the engine's large matrices.</summary>
public enum GemmBackend
{
    /// <summary>AlphaSharp's own kernel: always there, the same bits on any thread count.</summary>
    Managed,

    /// <summary>OpenBLAS's cblas_sgemm through P/Invoke, when libopenblas is installed; see <see cref="Gemm.Backend"/>.</summary>
    OpenBlas,
}

public static partial class Gemm
{
    private static GemmBackend _backend = GemmBackend.Managed;
    [ThreadStatic] private static GemmBackend? _backendHere;

    /// <summary>One OpenBLAS call at a time: its thread count is a process-wide setting that each call may change.</summary>
    private static readonly Lock OpenBlasGate = new();

    /// <summary>
    /// The backend for products that take the packed path (default: managed). With OpenBLAS, a call that has the
    /// whole thread budget goes to cblas_sgemm on that many OpenBLAS threads; calls made from inside an already
    /// parallel part (fewer threads than the budget) stay managed, so parts still run side by side. The choice
    /// depends only on the arguments, so a run is as repeatable as OpenBLAS itself, though its bits differ from the
    /// managed kernel's. Setting it when libopenblas cannot be loaded throws, naming the files tried.
    /// </summary>
    public static GemmBackend Backend
    {
        get => _backend;
        set => _backend = Checked(value);
    }

    /// <summary>Test hook: the backend calls on this thread use (null: <see cref="Backend"/>).</summary>
    internal static GemmBackend? BackendOnThisThread
    {
        get => _backendHere;
        set => _backendHere = value is null ? null : Checked(value.Value);
    }

    /// <summary>The library OpenBLAS calls go to, or null when libopenblas is not installed.</summary>
    public static string? OpenBlasLibrary => OpenBlas.Library;

    /// <summary>Parses a backend name as written in a config or on a command line ("managed" or "openblas").</summary>
    public static GemmBackend ParseBackend(string name) => name.Trim().ToLowerInvariant() switch
    {
        "managed" => GemmBackend.Managed,
        "openblas" => GemmBackend.OpenBlas,
        _ => throw new ArgumentException($"gemm: unknown backend '{name}' (expected managed or openblas)"),
    };

    private static GemmBackend Checked(GemmBackend value)
    {
        if (!Enum.IsDefined(value)) throw new ArgumentException($"gemm: unknown backend {(int)value}");
        if (value == GemmBackend.OpenBlas && !OpenBlas.Available) throw new InvalidOperationException(OpenBlas.MissingMessage);
        return value;
    }

    /// <summary>Sends a packed-path product to OpenBLAS when that backend is chosen and the call has the whole budget.</summary>
    private static unsafe bool TryOpenBlas(bool transA, bool transB, int m, int n, int k, float alpha, float* a, int lda,
        float* b, int ldb, float beta, float* c, int ldc, int threads)
    {
        if ((_backendHere ?? _backend) != GemmBackend.OpenBlas || threads != DefaultThreads) return false;
        lock (OpenBlasGate) OpenBlas.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);
        return true;
    }
}
