using AlphaSharp.Data;

namespace AlphaSharp.Evaluation.Factor;

/// <summary>
/// IC decay: for lag k = 0..K-1, the mean IC and Rank IC of the factor at t against the one-day return from t + k to
/// t + k + 1 (members at t). A factor whose signal fades shows these shrinking with k.
/// </summary>
public sealed record IcDecay(int[] Lags, double[] MeanIc, double[] MeanRankIc)
{
    /// <remarks>A date-major input is transposed once.</remarks>
    public static IcDecay Compute(PanelArray factor, PanelArray oneDayForward, bool[]? members, int maxLag, int from, int to)
    {
        if (maxLag < 1) throw new ArgumentOutOfRangeException(nameof(maxLag), $"decay needs at least one lag, got {maxLag}");
        if (!factor.SameShape(oneDayForward)) throw new ArgumentException($"factor is {factor.T} x {factor.N}, forward return {oneDayForward.T} x {oneDayForward.N}");
        factor = factor.ToLayout(PanelLayout.InstrumentMajor);
        var forward = oneDayForward.ToLayout(PanelLayout.InstrumentMajor).Values;
        int T = factor.T, N = factor.N;
        var lags = Enumerable.Range(0, maxLag).ToArray();
        var ic = new double[maxLag];
        var rank = new double[maxLag];
        var shifted = new float[forward.Length];
        var shiftedPanel = new PanelArray(shifted, T, N, PanelLayout.InstrumentMajor);
        foreach (var k in lags)
        {
            Parallel.For(0, N, i =>
            {
                for (var t = 0; t < T; t++)
                    shifted[i * T + t] = t + k < T ? forward[i * T + t + k] : float.NaN;
            });
            var s = IcSeries.Compute(factor, shiftedPanel, members, 1, from, to);
            ic[k] = IcSummary.Of(s.Ic.Skip(from).Take(to - from + 1)).Mean;
            rank[k] = IcSummary.Of(s.RankIc.Skip(from).Take(to - from + 1)).Mean;
        }
        return new IcDecay(lags, ic, rank);
    }
}
