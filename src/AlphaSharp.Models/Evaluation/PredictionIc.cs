using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.Evaluation;

/// <summary>
/// Qlib's signal metrics of a prediction: per day the Pearson (IC) and Spearman (Rank IC) correlation of scores and
/// labels across that day's samples; IC = mean of the daily values, ICIR = mean / std (sample std, as pandas), the same
/// for Rank IC. Days with fewer than two finite pairs, or a flat side, have no IC and are left out.
/// </summary>
public sealed record PredictionIc(double Ic, double IcIr, double RankIc, double RankIcIr, int Days, IReadOnlyList<int> DayIndices, IReadOnlyList<double> DailyIc, IReadOnlyList<double> DailyRankIc)
{
    /// <param name="samples">In day order, as <see cref="SampleIndex.Build"/> makes them.</param>
    public static PredictionIc Of(SampleIndex samples, ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        if (scores.Length != samples.Count || labels.Length != samples.Count)
            throw new ArgumentException($"prediction IC: {scores.Length} scores and {labels.Length} labels for {samples.Count} samples");
        var dayList = new List<int>();
        var ics = new List<double>();
        var rankIcs = new List<double>();
        var a = new List<double>();
        var b = new List<double>();
        for (var start = 0; start < samples.Count;)
        {
            var end = start;
            while (end < samples.Count && samples.Days[end] == samples.Days[start]) end++;
            a.Clear();
            b.Clear();
            for (var k = start; k < end; k++)
                if (float.IsFinite(scores[k]) && float.IsFinite(labels[k]))
                {
                    a.Add(scores[k]);
                    b.Add(labels[k]);
                }
            if (a.Count >= 2)
            {
                var x = a.ToArray();
                var y = b.ToArray();
                double ic = Correlation.Pearson(x, y), rank = Correlation.Spearman(x, y);
                if (!double.IsNaN(ic) && !double.IsNaN(rank))
                {
                    dayList.Add(samples.Days[start]);
                    ics.Add(ic);
                    rankIcs.Add(rank);
                }
            }
            start = end;
        }
        var (icMean, icIr) = MeanAndRatio(ics);
        var (rankMean, rankIr) = MeanAndRatio(rankIcs);
        return new PredictionIc(icMean, icIr, rankMean, rankIr, ics.Count, dayList, ics, rankIcs);
    }

    private static (double Mean, double Ratio) MeanAndRatio(IReadOnlyList<double> x)
    {
        if (x.Count == 0) return (double.NaN, double.NaN);
        var mean = x.Average();
        if (x.Count < 2) return (mean, double.NaN);
        var ss = x.Sum(v => (v - mean) * (v - mean));
        var std = Math.Sqrt(ss / (x.Count - 1));
        return (mean, std > 0 ? mean / std : double.NaN);
    }
}
