namespace AlphaSharp.Factors.Operators;

/// <summary>A kernel over one instrument's time series (input and output are the same length).</summary>
public delegate void SeriesKernel(ReadOnlySpan<float> x, Span<float> y);

/// <summary>A kernel over two aligned time series of one instrument.</summary>
public delegate void PairSeriesKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y);

/// <summary>
/// Runs per-series kernels over a panel field (instrument-major, <c>values[i * T + t]</c>), in parallel over
/// instruments. Each instrument's output depends only on its own input, so results do not depend on scheduling.
/// </summary>
public static class SeriesMap
{
    /// <param name="parallel">
    /// False for kernels that only move memory (a shift): one core already saturates the memory bus, and waking
    /// thread-pool workers on a busy machine costs more than the copy.
    /// </param>
    public static void Apply(float[] x, float[] y, int T, SeriesKernel kernel, bool parallel = true)
    {
        Check(x.Length, y.Length, T);
        var n = x.Length / T;
        if (!parallel)
        {
            for (var i = 0; i < n; i++) kernel(x.AsSpan(i * T, T), y.AsSpan(i * T, T));
            return;
        }
        Parallel.For(0, n, i => kernel(x.AsSpan(i * T, T), y.AsSpan(i * T, T)));
    }

    public static void Apply(float[] a, float[] b, float[] y, int T, PairSeriesKernel kernel)
    {
        Check(a.Length, y.Length, T);
        Check(b.Length, y.Length, T);
        var n = a.Length / T;
        Parallel.For(0, n, i => kernel(a.AsSpan(i * T, T), b.AsSpan(i * T, T), y.AsSpan(i * T, T)));
    }

    public static float[] Apply(float[] x, int T, SeriesKernel kernel)
    {
        var y = GC.AllocateUninitializedArray<float>(x.Length); // every kernel writes every element
        Apply(x, y, T, kernel);
        return y;
    }

    public static float[] Apply(float[] a, float[] b, int T, PairSeriesKernel kernel)
    {
        var y = GC.AllocateUninitializedArray<float>(a.Length);
        Apply(a, b, y, T, kernel);
        return y;
    }

    private static void Check(int input, int output, int T)
    {
        if (T <= 0) throw new ArgumentException($"series length {T} must be positive");
        if (input != output || input % T != 0)
            throw new ArgumentException($"panel of {input} values does not split into series of {T} (output {output})");
    }
}
