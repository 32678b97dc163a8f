namespace AlphaSharp.Evaluation.Factor;

/// <summary>
/// The pairs one date contributes: universe members (all instruments when no mask) where both the factor and the
/// forward return exist. Missing values are left out, never read as zero.
/// </summary>
public static class CrossSections
{
    public static (double[] Factor, double[] Return, int[] Instruments) Pairs(float[] factor, float[] forward, bool[]? members, int T, int t)
    {
        var N = factor.Length / T;
        var x = new List<double>(N);
        var y = new List<double>(N);
        var ids = new List<int>(N);
        for (var i = 0; i < N; i++)
        {
            var at = i * T + t;
            if (members is not null && !members[at]) continue;
            float f = factor[at], r = forward[at];
            if (float.IsNaN(f) || float.IsNaN(r) || float.IsInfinity(f)) continue;
            x.Add(f);
            y.Add(r);
            ids.Add(i);
        }
        return (x.ToArray(), y.ToArray(), ids.ToArray());
    }

    /// <summary>Share of the date's members with a finite factor value (NaN when the date has no members).</summary>
    public static double Coverage(float[] factor, bool[]? members, int T, int t)
    {
        var N = factor.Length / T;
        int count = 0, valid = 0;
        for (var i = 0; i < N; i++)
        {
            var at = i * T + t;
            if (members is not null && !members[at]) continue;
            count++;
            if (float.IsFinite(factor[at])) valid++;
        }
        return count == 0 ? double.NaN : (double)valid / count;
    }
}
