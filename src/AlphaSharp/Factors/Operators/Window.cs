namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Window rules shared by every rolling operator (Qlib's, which are pandas' <c>rolling(n, min_periods=1)</c>): the
/// window at t is [t - n + 1, t] clipped at the series start, so early dates use the shorter history they have; NaN
/// values inside a window are skipped; a window with no valid value gives NaN. A window of 0 means expanding
/// (everything up to t), as in Qlib.
/// </summary>
public static class Window
{
    /// <summary>The effective length for a series of length T: 0 (expanding) becomes T.</summary>
    public static int Length(int n, int T) =>
        n < 0 ? throw new ArgumentOutOfRangeException(nameof(n), $"window {n} is negative") : n == 0 || n > T ? Math.Max(T, 1) : n;

    /// <summary>
    /// How often running sums are rebuilt from scratch: adding and removing values in double keeps a rounding residue
    /// that grows with the number of updates, and a rebuild every window (at most 256 steps) bounds it at the cost of
    /// one extra pass over the window, so the work stays O(T).
    /// </summary>
    public static int RebuildPeriod(int n) => Math.Min(n, 256);
}
