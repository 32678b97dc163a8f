using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Evaluation;

namespace AlphaSharp.Models.Training;

/// <summary>The validation IC early stopping watches: <see cref="PredictionIc"/>'s mean daily Pearson IC.</summary>
public static class DailyIc
{
    /// <param name="samples">In day order, as <see cref="SampleIndex.Build"/> makes them.</param>
    public static double Mean(SampleIndex samples, ReadOnlySpan<float> scores, ReadOnlySpan<float> labels) =>
        PredictionIc.Of(samples, scores, labels).Ic;
}
