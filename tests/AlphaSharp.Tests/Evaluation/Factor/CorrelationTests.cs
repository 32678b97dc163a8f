using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;

namespace AlphaSharp.Tests.Evaluation.Factor;

/// <summary>Correlations and IC summaries by formula on small hand-made samples.</summary>
public sealed class CorrelationTests
{
    [Fact]
    public void SpearmanAveragesTiedRanks()
    {
        double[] x = [3, 1, 4, 1, 5], y = [2, 7, 1, 8, 2];
        Assert.Equal(new[] { 3, 1.5, 4, 1.5, 5 }, Correlation.AverageRanks(x));
        Assert.Equal(new[] { 2.5, 4, 1, 5, 2.5 }, Correlation.AverageRanks(y));
        // Pearson of those rank vectors: deviations from 3 are (0,-1.5,1,-1.5,2) and (-0.5,1,-2,2,-0.5): sxy = -7.5, sxx = syy = 9.5.
        Assert.Equal(-7.5 / 9.5, Correlation.Spearman(x, y), 12);
        Assert.Equal(1.0, Correlation.Pearson([1, 2, 3], [2, 4, 6]), 12);
        Assert.True(double.IsNaN(Correlation.Pearson([1, 1, 1], [1, 2, 3])));
    }

    [Fact]
    public void SummaryIsMeanOverSampleStd()
    {
        var s = IcSummary.Of([0.1, double.NaN, -0.05, 0.2, 0.07]);
        var mean = (0.1 - 0.05 + 0.2 + 0.07) / 4;
        var std = Math.Sqrt(new[] { 0.1, -0.05, 0.2, 0.07 }.Sum(v => (v - mean) * (v - mean)) / 3);
        Assert.Equal(4, s.Count);
        Assert.Equal(mean, s.Mean, 12);
        Assert.Equal(mean / std, s.IcIr, 12);
        Assert.Equal(mean / std * 2, s.TStat, 12);
        Assert.Equal(0.75, s.PositiveShare, 12);
    }

    [Fact]
    public void MissingFactorValuesAreLeftOutNotZero()
    {
        const int T = 1;
        float[] factor = [1, 2, float.NaN, 4, 5];
        float[] fwd = [0.1f, 0.2f, 0.9f, 0.3f, 0.1f];
        bool[] members = [true, true, true, true, false];
        var s = IcSeries.Compute(new PanelArray(factor, T, factor.Length / T, PanelLayout.InstrumentMajor), new PanelArray(fwd, T, fwd.Length / T, PanelLayout.InstrumentMajor), members, 1);
        Assert.Equal(3, s.Count[0]);
        Assert.Equal(0.75, s.Coverage[0], 12);
        Assert.Equal(Correlation.Pearson([1, 2, 4], [(double)0.1f, 0.2f, 0.3f]), s.Ic[0], 12);
    }
}
