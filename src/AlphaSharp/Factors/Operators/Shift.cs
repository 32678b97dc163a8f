using System.Runtime.CompilerServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Ref, Delta and ts_return. Ref(x, k) is x k days earlier (k &lt; 0 reads -k days ahead: labels only); days before the
/// series start (or after its end) are NaN. Delta(x, k) = x - Ref(x, k). Return(x, k) = x / Ref(x, k) - 1 (AlphaNet's
/// ts_return, the growth over k days).
/// </summary>
public static class Shift
{
    /// <summary>A block copy and a NaN fill: shifting is moving memory, nothing more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Ref(ReadOnlySpan<float> x, Span<float> y, int k)
    {
        var T = x.Length;
        var m = Math.Min(Math.Abs(k), T);
        if (k >= 0)
        {
            x[..(T - m)].CopyTo(y[m..]);
            y[..m].Fill(float.NaN);
        }
        else
        {
            x[m..].CopyTo(y[..(T - m)]);
            y[(T - m)..].Fill(float.NaN);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Delta(ReadOnlySpan<float> x, Span<float> y, int k)
    {
        var T = x.Length;
        var m = Math.Min(Math.Abs(k), T);
        if (k >= 0)
        {
            Elementwise.Apply(Elementwise.Binary.Sub, x[m..], x[..(T - m)], y[m..]);
            y[..m].Fill(float.NaN);
        }
        else
        {
            Elementwise.Apply(Elementwise.Binary.Sub, x[..(T - m)], x[m..], y[..(T - m)]);
            y[(T - m)..].Fill(float.NaN);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Return(ReadOnlySpan<float> x, Span<float> y, int k)
    {
        var T = x.Length;
        for (var t = 0; t < T; t++)
        {
            var s = t - k;
            y[t] = s >= 0 && s < T ? (float)((double)x[t] / x[s] - 1) : float.NaN;
        }
    }
}
