using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Evaluation;

namespace AlphaSharp.Models.Tests.Evaluation;

public class PredictionIcTests
{
    [Fact]
    public void DailyIcsAndTheirRatiosMatchHandComputedValues()
    {
        // Day 0: scores 1,2,3 vs labels 1,2,4 -> Pearson 0.98198050606, Spearman 1.
        // Day 1: scores 1,2,3 vs labels 3,2,1 -> Pearson -1, Spearman -1.
        // Day 2: one finite pair only -> no IC.
        var samples = SampleIndex.Build(new SegmentSpan("test", 0, 2, 0), 3, 3, null, null);
        // Samples are day-major: (0,0),(0,1),(0,2),(1,0),...
        float[] scores = [1, 2, 3, 1, 2, 3, 5, float.NaN, 7];
        float[] labels = [1, 2, 4, 3, 2, 1, 1, 2, float.NaN];
        var r = PredictionIc.Of(samples, scores, labels);
        Assert.Equal(2, r.Days);
        Assert.Equal([0, 1], r.DayIndices);
        var p0 = 0.9819805060619659; // numpy.corrcoef([1,2,3], [1,2,4])[0, 1]
        Assert.Equal(p0, r.DailyIc[0], 12);
        Assert.Equal(-1, r.DailyIc[1], 12);
        Assert.Equal((p0 - 1) / 2, r.Ic, 12);
        var std = Math.Sqrt(((p0 - r.Ic) * (p0 - r.Ic) + (-1 - r.Ic) * (-1 - r.Ic)) / 1);
        Assert.Equal(r.Ic / std, r.IcIr, 12);
        Assert.Equal(0, r.RankIc, 12);
        Assert.Equal(0, r.RankIcIr, 12);
    }
}
