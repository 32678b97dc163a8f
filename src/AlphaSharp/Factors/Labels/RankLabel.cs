using AlphaSharp.Factors.Operators;

namespace AlphaSharp.Factors.Labels;

/// <summary>
/// The cross-sectional percentile rank of a label per date, over the universe members that have a value (ties averaged,
/// as pandas <c>rank(pct=True)</c>); NaN elsewhere. Reuses the factor engine's cross-sectional rank.
/// </summary>
public static class RankLabel
{
    public static float[] Compute(float[] label, bool[]? members, int T) => CrossSection.Rank(label, members, T);
}
