namespace AlphaSharp.Reports.Charts;

/// <summary>
/// Okabe-Ito colours (distinguishable with colour-vision deficiency), in the order series take them; its yellow is
/// darkened to read on white.
/// </summary>
public static class Palette
{
    public static readonly string[] Series =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#A08A00"];

    public static string At(int i) => Series[i % Series.Length];

    /// <summary>
    /// Diverging red-white-green for signed values scaled to [-1, 1]: negative red, zero white, positive green
    /// (pyfolio's RdYlGn reading; NaN grey).
    /// </summary>
    public static string Diverging(double t)
    {
        if (double.IsNaN(t)) return "#eeeeee";
        t = Math.Clamp(t, -1, 1);
        (int R, int G, int B) lo = (215, 48, 39), mid = (255, 255, 255), hi = (26, 152, 80);
        var (from, to, u) = t < 0 ? (mid, lo, -t) : (mid, hi, t);
        int Mix(int a, int b) => (int)Math.Round(a + (b - a) * u);
        return $"#{Mix(from.R, to.R):x2}{Mix(from.G, to.G):x2}{Mix(from.B, to.B):x2}";
    }
}
