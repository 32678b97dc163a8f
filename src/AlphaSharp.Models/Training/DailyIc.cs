using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.Training;

/// <summary>The mean over days of the cross-sectional Pearson correlation of scores and labels (days with 2+ samples).</summary>
public static class DailyIc
{
    public static double Mean(SampleIndex samples, ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        double sum = 0;
        var days = 0;
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
                var ic = Correlation.Pearson(a.ToArray(), b.ToArray());
                if (!double.IsNaN(ic))
                {
                    sum += ic;
                    days++;
                }
            }
            start = end;
        }
        return days == 0 ? double.NaN : sum / days;
    }
}
