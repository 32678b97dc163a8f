using AlphaSharp.Data;

namespace AlphaSharp.Evaluation.Factor;

/// <summary>
/// Daily IC of one factor at one horizon: per decision date, Pearson (IC) and Spearman (Rank IC) correlation of the
/// factor with the forward return across the universe members that have both; Count = those pairs; Coverage = share of
/// members with a factor value. A date with fewer than <see cref="MinPairs"/> pairs has NaN ICs.
/// </summary>
public sealed record IcSeries(int Horizon, double[] Ic, double[] RankIc, int[] Count, double[] Coverage)
{
    public const int MinPairs = 3;

    /// <summary>ICs on the dates from..to (inclusive); other dates are NaN with no pairs. A date-major input is transposed once.</summary>
    public static IcSeries Compute(PanelArray factor, PanelArray forward, bool[]? members, int horizon, int from = 0, int to = int.MaxValue)
    {
        if (!factor.SameShape(forward)) throw new ArgumentException($"factor is {factor.T} x {factor.N}, forward return {forward.T} x {forward.N}");
        factor = factor.ToLayout(PanelLayout.InstrumentMajor);
        forward = forward.ToLayout(PanelLayout.InstrumentMajor);
        var T = factor.T;
        from = Math.Max(0, from);
        to = Math.Min(T - 1, to);
        var ic = new double[T];
        var rank = new double[T];
        var count = new int[T];
        var coverage = new double[T];
        Array.Fill(ic, double.NaN);
        Array.Fill(rank, double.NaN);
        Array.Fill(coverage, double.NaN);
        if (from > to) return new IcSeries(horizon, ic, rank, count, coverage);
        Parallel.For(from, to + 1, t =>
        {
            var (x, y, _) = CrossSections.Pairs(factor, forward, members, t);
            count[t] = x.Length;
            coverage[t] = CrossSections.Coverage(factor, members, t);
            ic[t] = x.Length >= MinPairs ? Correlation.Pearson(x, y) : double.NaN;
            rank[t] = x.Length >= MinPairs ? Correlation.Spearman(x, y) : double.NaN;
        });
        return new IcSeries(horizon, ic, rank, count, coverage);
    }

    /// <summary>The same series kept only on the given dates (e.g. month ends), NaN elsewhere.</summary>
    public IcSeries On(IReadOnlyCollection<int> dates)
    {
        var keep = new HashSet<int>(dates);
        double[] Pick(double[] v) => v.Select((x, t) => keep.Contains(t) ? x : double.NaN).ToArray();
        return new IcSeries(Horizon, Pick(Ic), Pick(RankIc), Count.Select((c, t) => keep.Contains(t) ? c : 0).ToArray(), Pick(Coverage));
    }
}
