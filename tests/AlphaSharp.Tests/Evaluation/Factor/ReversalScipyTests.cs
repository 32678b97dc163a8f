using System.Globalization;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;

namespace AlphaSharp.Tests.Evaluation.Factor;

/// <summary>
/// Issue 5's check: the daily IC and Rank IC of the 20-day reversal against the 5-day forward return on CSI 300
/// members equal scipy.stats.pearsonr and spearmanr on the same cross-sections to 1e-6.
/// </summary>
public sealed class ReversalScipyTests
{
    [Fact]
    public void CrossSectionsAreTheCommittedOnes()
    {
        var path = Path.Combine(ReversalFixture.Dir, "cross_sections.csv");
        var rows = ReversalFixture.Rows().ToList();
        if (Environment.GetEnvironmentVariable("ALPHASHARP_WRITE_FACTOR_EVAL_FIXTURE") == "1")
            File.WriteAllLines(path, new[] { "date,symbol,factor,forward" }.Concat(rows));
        var committed = File.ReadAllLines(path).Skip(1).ToList();
        Assert.Equal(committed.Count, rows.Count);
        Assert.True(rows.Count > 30 * 250, $"only {rows.Count} pairs");
        for (var k = 0; k < rows.Count; k++) Assert.Equal(committed[k], rows[k]);
    }

    [Fact]
    public void DailyIcAndRankIcEqualScipy()
    {
        var expected = File.ReadAllLines(Path.Combine(ReversalFixture.Dir, "expected_ic.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(f => f[0], f => (N: int.Parse(f[1], CultureInfo.InvariantCulture),
                Pearson: double.Parse(f[2], CultureInfo.InvariantCulture), Spearman: double.Parse(f[3], CultureInfo.InvariantCulture)));
        var data = ReversalFixture.Data;
        var series = IcSeries.Compute(PanelArray.Of(data.Panel, ReversalFixture.Factor), PanelArray.Of(data.Panel, ReversalFixture.Forward), data.Universe!.MaskFor(data.Panel), ReversalFixture.Horizon);
        Assert.Equal(ReversalFixture.Dates.Length, expected.Count);
        double worstIc = 0, worstRank = 0;
        foreach (var t in ReversalFixture.Dates)
        {
            var e = expected[data.Calendar[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            Assert.Equal(e.N, series.Count[t]);
            worstIc = Math.Max(worstIc, Math.Abs(series.Ic[t] - e.Pearson));
            worstRank = Math.Max(worstRank, Math.Abs(series.RankIc[t] - e.Spearman));
        }
        Assert.True(worstIc < 1e-6, $"largest IC difference from scipy {worstIc:E2}");
        Assert.True(worstRank < 1e-6, $"largest Rank IC difference from scipy {worstRank:E2}");
    }
}
