namespace AlphaSharp.Models.Training;

/// <summary>A model's figures on a validation segment: its loss and its mean daily IC.</summary>
public sealed record ValidationScore(double Loss, double Ic)
{
    /// <summary>The figure <paramref name="metric"/> watches, and whether higher is better.</summary>
    public double By(StopMetric metric) => metric == StopMetric.Loss ? Loss : Ic;

    public static bool HigherIsBetter(StopMetric metric) => metric == StopMetric.Ic;
}

/// <summary>
/// Scores predictions on labelled data as the trainer validates a regression: the loss is the mean of
/// weight x (score - label)^2, the IC the mean over days of the Pearson correlation (<see cref="DailyIc"/>).
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
        return new ValidationScore(sum / Math.Max(1, scores.Length), DailyIc.Mean(data.Samples, scores, labels));
    }
}
