using AlphaSharp.Data;
using AlphaSharp.Factors.Labels;

namespace AlphaSharp.Tests.Factors.Labels;

/// <summary>Forward, excess and rank labels on a hand-made panel, every value worked out by hand.</summary>
public sealed class LabelTests
{
    // Two stocks, six days. A: closes 10, 11, 12.1, 12.1 (suspended: volume 0), 13, 13; opens 9.5, 10.5, 12, 12.1, 12.5, 14.
    // B: factor 2 from day 3 (a 1:1 bonus issue: raw price halves, adjusted price continues).
    private static MarketData Market()
    {
        var days = Enumerable.Range(0, 6).Select(d => new DateOnly(2021, 3, 1).AddDays(d)).ToArray();
        var panel = new Panel(new Calendar(days), ["A", "B"]);
        panel.SetField("close", [10, 11, 12.1f, 12.1f, 13, 13, 20, 21, 22, 11.5f, 12, 12.5f]);
        panel.SetField("open", [9.5f, 10.5f, 12, 12.1f, 12.5f, 14, 19, 20, 21, 11, 11.5f, 12]);
        panel.SetField("volume", [100, 100, 100, 0, 100, 100, 50, 50, 50, 50, 50, 50]);
        panel.SetField("amount", [1000, 1050, 1200, 0, 1275, 1350, 1000, 1025, 1075, 560, 585, 610]);
        panel.SetField("factor", [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
        return new MarketData(panel)
        {
            Benchmark = new BenchmarkSeries("IDX", [100, 101, 102, 103, 104, 105], new float[6], new float[6], [100, 102, 101, 103, 104, 106], new float[6]),
        };
    }

    [Fact]
    public void CloseToCloseForwardReturnIsNaNAcrossASuspendedEnd()
    {
        var r = ForwardReturns.Compute(Market().Panel, 2);
        const int T = 6;
        Assert.Equal(12.1 / 10 - 1, r[0], 6);
        Assert.True(float.IsNaN(r[1]));                  // ends on day 3, suspended
        Assert.Equal(13 / 12.1 - 1, r[2], 6);
        Assert.True(float.IsNaN(r[3]));                  // starts suspended
        Assert.True(float.IsNaN(r[4]) && float.IsNaN(r[5])); // past the end
        Assert.Equal(22.0 / 20 - 1, r[1 * T + 0], 6);
        Assert.Equal(23.0 / 21 - 1, r[1 * T + 1], 6);    // 11.5 x 2 = 23 adjusted
        Assert.Equal(24.0 / 22 - 1, r[1 * T + 2], 6);
    }

    [Fact]
    public void OpenAndVwapLabelsStartTheNextDay()
    {
        var m = Market();
        const int T = 6;
        var open = ForwardReturns.Compute(m.Panel, 1, LabelPrice.Open);
        Assert.Equal(12 / 10.5 - 1, open[0], 6);         // open of day 1 to open of day 2
        Assert.True(float.IsNaN(open[1]) && float.IsNaN(open[2])); // touches day 3 (suspended)
        Assert.Equal(14 / 12.5 - 1, open[3], 6);
        Assert.Equal(21.0 / 20 - 1, open[1 * T + 0], 6);
        Assert.Equal(22.0 / 21 - 1, open[1 * T + 1], 6); // 11 x 2 = 22
        var vwap = ForwardReturns.Compute(m.Panel, 1, LabelPrice.Vwap);
        Assert.Equal(12.0 / 10.5 - 1, vwap[0], 6);       // 1050/100 -> 1200/100
        Assert.Equal((560.0 / 50 * 2) / (1075.0 / 50) - 1, vwap[1 * T + 1], 6);
    }

    [Fact]
    public void ExcessSubtractsTheBenchmarkOverTheSameDays()
    {
        var m = Market();
        var r = ExcessReturns.Compute(m, 2);
        Assert.Equal((12.1 / 10 - 1) - (101.0 / 100 - 1), r[0], 6);
        Assert.True(float.IsNaN(r[1]));
        var open = ExcessReturns.Compute(m, 1, LabelPrice.Open);
        Assert.Equal((12 / 10.5 - 1) - (102.0 / 101 - 1), open[0], 6);
    }

    [Fact]
    public void RankIsAPercentileOverMembersWithAValue()
    {
        const int T = 2; // instrument-major: stock k's two days at 2k, 2k + 1
        float[] label = [0.1f, 0.3f, float.NaN, 0.2f, 0.2f, 0.5f, 0.3f, 0.1f];
        bool[] members = [true, true, true, true, true, true, false, true];
        var rank = RankLabel.Compute(label, members, T);
        // Day 0: members 0..2 hold 0.1, NaN, 0.2 -> 1/2, NaN, 1 (stock 3 is not a member). Day 1: 0.3, 0.2, 0.5, 0.1 -> 3/4, 2/4, 1, 1/4.
        Assert.Equal(0.5, rank[0], 6);
        Assert.True(float.IsNaN(rank[2]));
        Assert.Equal(1.0, rank[4], 6);
        Assert.True(float.IsNaN(rank[6]));
        Assert.Equal(0.75, rank[1], 6);
        Assert.Equal(0.5, rank[3], 6);
        Assert.Equal(1.0, rank[5], 6);
        Assert.Equal(0.25, rank[7], 6);
    }
}
