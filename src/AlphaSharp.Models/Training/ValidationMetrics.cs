namespace AlphaSharp.Models.Training;

/// <summary>A model's figures on a validation segment: its loss, its mean daily IC and its validation backtest's Sharpe ratio.</summary>
public sealed record ValidationScore(double Loss, double Ic, double Sharpe = double.NaN)
{
    /// <summary>The figure <paramref name="metric"/> watches, and whether higher is better.</summary>
    public double By(StopMetric metric) => metric switch
    {
        StopMetric.Ic => Ic,
        StopMetric.Sharpe => Sharpe,
        _ => Loss,
    };

    public static bool HigherIsBetter(StopMetric metric) => metric != StopMetric.Loss;
}

/// <summary>
/// Scores predictions on labelled data as the trainer validates a regression: the loss is the mean of
/// weight x (score - label)^2, the IC the mean over days of the Pearson correlation (<see cref="DailyIc"/>), and
/// where the data carries raw returns the Sharpe ratio of <see cref="TopQuintileSharpe"/>.
/// Any model's predictions can be scored so, which is what lets an ensemble or a search compare unlike models.
/// </summary>
public static class ValidationMetrics
{
    public static ValidationScore Of(ModelData data, ReadOnlySpan<float> scores)
    {
        var labels = data.Labels ?? throw new ArgumentException("validation: the data has no labels");
        if (scores.Length != data.Count) throw new ArgumentException($"validation: {scores.Length} scores for {data.Count} samples");
        double sum = 0;
        for (var k = 0; k < scores.Length; k++)
        {
            var e = (double)scores[k] - labels[k];
            sum += (data.Weights?[k] ?? 1f) * e * e;
        }
        var sharpe = data.Returns is { } r ? TopQuintileSharpe(data.Samples.Days, scores, r) : double.NaN;
        return new ValidationScore(sum / Math.Max(1, scores.Length), DailyIc.Mean(data.Samples, scores, labels), sharpe);
    }

    /// <summary>
    /// The validation backtest early stopping may watch: each day, hold the fifth of the scored samples with the highest
    /// scores (at least one; ties by sample order), equal-weighted, earning each one's raw return; its excess is that
    /// mean minus the mean over all the day's samples. Sharpe = mean(excess) / std(excess, ddof 1) x sqrt(252) over
    /// the days with at least 5 samples. Frictionless and daily-rebalanced on purpose: it ranks epochs, it is not the
    /// strategy's backtest. NaN with fewer than 2 such days or no spread.
    /// </summary>
    /// <param name="days">Each sample's day, in day order (as <see cref="Datasets.SampleIndex"/> keeps them).</param>
    public static double TopQuintileSharpe(ReadOnlySpan<int> days, ReadOnlySpan<float> scores, ReadOnlySpan<float> returns)
    {
        var excess = new List<double>();
        var order = new List<int>();
        for (var from = 0; from < days.Length;)
        {
            var to = from;
            while (to < days.Length && days[to] == days[from]) to++;
            order.Clear();
            for (var k = from; k < to; k++)
                if (float.IsFinite(scores[k]) && float.IsFinite(returns[k])) order.Add(k);
            if (order.Count >= 5)
            {
                var keys = new float[order.Count];
                for (var j = 0; j < keys.Length; j++) keys[j] = -scores[order[j]];
                var held = order.ToArray();
                // A stable sort on the negated score: highest first, ties in sample order.
                var positions = Enumerable.Range(0, keys.Length).OrderBy(j => keys[j]).ToArray();
                for (var j = 0; j < positions.Length; j++) order[j] = held[positions[j]];
                var top = Math.Max(1, order.Count / 5);
                double all = 0, best = 0;
                for (var j = 0; j < order.Count; j++)
                {
                    all += returns[order[j]];
                    if (j < top) best += returns[order[j]];
                }
                excess.Add(best / top - all / order.Count);
            }
            from = to;
        }
        if (excess.Count < 2) return double.NaN;
        var mean = excess.Average();
        var std = Math.Sqrt(excess.Sum(v => (v - mean) * (v - mean)) / (excess.Count - 1));
        return std > 0 ? mean / std * Math.Sqrt(252) : double.NaN;
    }
}
