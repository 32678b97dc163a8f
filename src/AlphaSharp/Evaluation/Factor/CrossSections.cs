using AlphaSharp.Data;

namespace AlphaSharp.Evaluation.Factor;

/// <summary>
/// The pairs one date contributes: universe members (all instruments when no mask) where both the factor and the
/// forward return exist. Missing values are left out, never read as zero. Arrays are instrument-major (as the
/// panel's fields and the members mask): these run once per date, so converting here would copy the panel per date.
/// </summary>
public static class CrossSections
{
    public static (double[] Factor, double[] Return, int[] Instruments) Pairs(PanelArray factor, PanelArray forward, bool[]? members, int t)
    {
        RequireInstrumentMajor(factor, members);
        RequireInstrumentMajor(forward, members);
        if (!factor.SameShape(forward))
            throw new ArgumentException($"factor is {factor.T} x {factor.N}, forward return {forward.T} x {forward.N}");
        float[] factors = factor.Values, returns = forward.Values;
        int T = factor.T, N = factor.N;
        var x = new List<double>(N);
        var y = new List<double>(N);
        var ids = new List<int>(N);
        for (var i = 0; i < N; i++)
        {
            var at = i * T + t;
            if (members is not null && !members[at]) continue;
            float f = factors[at], r = returns[at];
            if (float.IsNaN(f) || float.IsNaN(r) || float.IsInfinity(f)) continue;
            x.Add(f);
            y.Add(r);
            ids.Add(i);
        }
        return (x.ToArray(), y.ToArray(), ids.ToArray());
    }

    /// <summary>Share of the date's members with a finite factor value (NaN when the date has no members).</summary>
    public static double Coverage(PanelArray factor, bool[]? members, int t)
    {
        RequireInstrumentMajor(factor, members);
        var values = factor.Values;
        int T = factor.T, N = factor.N;
        int count = 0, valid = 0;
        for (var i = 0; i < N; i++)
        {
            var at = i * T + t;
            if (members is not null && !members[at]) continue;
            count++;
            if (float.IsFinite(values[at])) valid++;
        }
        return count == 0 ? double.NaN : (double)valid / count;
    }

    /// <summary>Checks that <paramref name="panel"/> is instrument-major and that the mask, if any, covers it.</summary>
    internal static void RequireInstrumentMajor(PanelArray panel, bool[]? members)
    {
        if (!panel.IsInstrumentMajor) throw new ArgumentException("cross-sections read instrument-major arrays; convert with ToLayout(PanelLayout.InstrumentMajor)");
        if (members is not null && members.Length != panel.Values.Length)
            throw new ArgumentException($"members mask has {members.Length} cells, the panel {panel.T} x {panel.N}");
    }
}
