using System.Buffers;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Rolling Max, Min, IdxMax and IdxMin in O(T) with a monotonic deque of indices. IdxMax / IdxMin are 1-based positions
/// inside the window (1 = the oldest day of the window, n = today; at the series start the window is shorter and
/// counts from the first day), the first occurrence winning ties, as numpy's argmax + 1 in Qlib. NaN values are skipped
/// (Qlib's argmax would instead point at the first NaN).
/// </summary>
public static class RollingExtrema
{
    public static void Max(ReadOnlySpan<float> x, Span<float> y, int n) => Run(x, y, n, max: true, index: false);
    public static void Min(ReadOnlySpan<float> x, Span<float> y, int n) => Run(x, y, n, max: false, index: false);
    public static void IdxMax(ReadOnlySpan<float> x, Span<float> y, int n) => Run(x, y, n, max: true, index: true);
    public static void IdxMin(ReadOnlySpan<float> x, Span<float> y, int n) => Run(x, y, n, max: false, index: true);

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
