using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Rolling Max, Min, IdxMax and IdxMin in O(T): Max and Min by block-wise running extremes, IdxMax and IdxMin with a monotonic deque of indices. IdxMax / IdxMin are 1-based positions
/// inside the window (1 = the oldest day of the window, n = today; at the series start the window is shorter and
/// counts from the first day), the first occurrence winning ties, as numpy's argmax + 1 in Qlib. NaN values are skipped
/// (Qlib's argmax would instead point at the first NaN).
/// </summary>
public static class RollingExtrema
{
    public static void Max(ReadOnlySpan<float> x, Span<float> y, int n) => Blocks(x, y, n, max: true);
    public static void Min(ReadOnlySpan<float> x, Span<float> y, int n) => Blocks(x, y, n, max: false);
    public static void IdxMax(ReadOnlySpan<float> x, Span<float> y, int n) => Run(x, y, n, max: true, index: true);
    public static void IdxMin(ReadOnlySpan<float> x, Span<float> y, int n) => Run(x, y, n, max: false, index: true);

    /// <summary>
    /// Max or Min values by van Herk / Gil-Werman: cut the series into blocks of n days from its start, take running
    /// extremes forward within each block (into y) and backward (into a scratch series); the window ending at t covers
    /// the tail of one block and the head of the next, so its extreme is the better of the two, three comparisons a day
    /// and no data-dependent branches. A NaN loses every comparison, so it is skipped, and a window of NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blocks(ReadOnlySpan<float> x, Span<float> y, int n, bool max)
    {
        var T = x.Length;
        n = Window.Length(n, T);
        var rented = ArrayPool<float>.Shared.Rent(T);
        var back = rented.AsSpan(0, T);
        for (var start = 0; start < T; start += n)
        {
            var end = Math.Min(T, start + n);
            var run = x[start];
            y[start] = run;
            for (var t = start + 1; t < end; t++) y[t] = run = Better(x[t], run, max);
            run = x[end - 1];
            back[end - 1] = run;
            for (var t = end - 2; t >= start; t--) back[t] = run = Better(x[t], run, max);
        }
        // The combining pass picks either side about as often (a branch would mispredict): SIMD selects instead.
        var t0 = n;
        if (Vector.IsHardwareAccelerated && T - n >= Vector<float>.Count)
        {
            var count = (T - n) / Vector<float>.Count * Vector<float>.Count;
            var front = MemoryMarshal.Cast<float, Vector<float>>(back.Slice(1, count));
            var ends = MemoryMarshal.Cast<float, Vector<float>>(y.Slice(n, count));
            for (var k = 0; k < ends.Length; k++)
            {
                Vector<float> a = front[k], b = ends[k];
                var wins = (max ? Vector.GreaterThan(a, b) : Vector.LessThan(a, b)) | ~Vector.Equals(b, b);
                ends[k] = Vector.ConditionalSelect(wins, a, b);
            }
            t0 = n + count;
        }
        for (var t = t0; t < T; t++) y[t] = Better(back[t - n + 1], y[t], max);
        ArrayPool<float>.Shared.Return(rented);
    }

    /// <summary>The larger (smaller) of a and b, ignoring a NaN on either side; NaN only when both are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Better(float a, float b, bool max) => (max ? a > b : a < b) || float.IsNaN(b) ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(ReadOnlySpan<float> x, Span<float> y, int n, bool max, bool index)
    {
        var T = x.Length;
        n = Window.Length(n, T);
        var rented = ArrayPool<int>.Shared.Rent(T);
        var dq = rented.AsSpan(0, T);
        int head = 0, tail = 0; // dq[head..tail) holds indices with strictly worse values behind better ones
        for (var t = 0; t < T; t++)
        {
            var lo = t - n + 1;
            if (head < tail && dq[head] < lo) head++;
            var v = x[t];
            if (!float.IsNaN(v))
            {
                // Strict comparison keeps an earlier equal value in front: the first occurrence wins ties.
                if (max) while (tail > head && x[dq[tail - 1]] < v) tail--;
                else while (tail > head && x[dq[tail - 1]] > v) tail--;
                dq[tail++] = t;
            }
            if (head == tail) y[t] = float.NaN;
            else if (index) y[t] = dq[head] - Math.Max(lo, 0) + 1;
            else y[t] = x[dq[head]];
        }
        ArrayPool<int>.Shared.Return(rented);
    }
}
