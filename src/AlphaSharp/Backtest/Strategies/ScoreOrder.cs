namespace AlphaSharp.Backtest.Strategies;

/// <summary>
/// Sorting instruments by score, highest first, as pandas' sort_values(ascending=False) does: missing scores (NaN)
/// go last. Ties break by instrument index (symbol order), so every run gives the same order.
/// </summary>
internal static class ScoreOrder
{
    public static void SortDescending(List<int> instruments, ReadOnlySpan<float> scores)
    {
        var s = scores.ToArray();
        instruments.Sort((a, b) => Compare(s, a, b));
    }

    public static void SortDescending(List<int> instruments, float[] keys) => instruments.Sort((a, b) => Compare(keys, a, b));

    private static int Compare(float[] s, int a, int b)
    {
        float x = s[a], y = s[b];
        var xn = float.IsNaN(x);
        var yn = float.IsNaN(y);
        if (xn != yn) return xn ? 1 : -1;
        if (!xn && x != y) return y.CompareTo(x);
        return a.CompareTo(b);
    }
}
