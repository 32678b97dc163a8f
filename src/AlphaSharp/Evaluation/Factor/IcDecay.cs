namespace AlphaSharp.Evaluation.Factor;

/// <summary>
/// IC decay: for lag k = 0..K-1, the mean IC and Rank IC of the factor at t against the one-day return from t + k to
/// t + k + 1 (members at t). A factor whose signal fades shows these shrinking with k.
/// </summary>
public sealed record IcDecay(int[] Lags, double[] MeanIc, double[] MeanRankIc)
{
    public static IcDecay Compute(float[] factor, float[] oneDayForward, bool[]? members, int T, int maxLag, int from, int to)
    {
        if (maxLag < 1) throw new ArgumentOutOfRangeException(nameof(maxLag), $"decay needs at least one lag, got {maxLag}");
        var N = factor.Length / T;
        var lags = Enumerable.Range(0, maxLag).ToArray();
        var ic = new double[maxLag];
        var rank = new double[maxLag];
        var shifted = new float[factor.Length];
        foreach (var k in lags)
        {
            Parallel.For(0, N, i =>
            {
                for (var t = 0; t < T; t++)
                    shifted[i * T + t] = t + k < T ? oneDayForward[i * T + t + k] : float.NaN;
            });
            var s = IcSeries.Compute(factor, shifted, members, T, 1, from, to);
            ic[k] = IcSummary.Of(s.Ic.Skip(from).Take(to - from + 1)).Mean;
            rank[k] = IcSummary.Of(s.RankIc.Skip(from).Take(to - from + 1)).Mean;
        }
        return new IcDecay(lags, ic, rank);
    }
}
