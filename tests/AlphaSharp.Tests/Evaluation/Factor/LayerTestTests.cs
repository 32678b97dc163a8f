using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;

namespace AlphaSharp.Tests.Evaluation.Factor;

/// <summary>Layer returns, counts, long-short, annualisation and turnover on a tiny panel, by hand.</summary>
public sealed class LayerTestTests
{
    // 6 stocks x 3 days, instrument-major. Factor by day: day 0 = 6,5,3,2,1,9; day 1 = 1,2,3,4,6,9; day 2 = 5,4,3,2,1,9.
    // Returns day 0 = 1%..6%; day 1 = 2%, -1%, missing, 3%, 1%, 2%; day 2 = 0. Stock 5 is not a member on day 0.
    private const int T = 3;
    private static readonly float[] Factor = [6, 1, 5, 5, 2, 4, 3, 3, 3, 2, 4, 2, 1, 6, 1, 9, 9, 9];
    private static readonly float[] Return = [0.01f, 0.02f, 0, 0.02f, -0.01f, 0, 0.03f, float.NaN, 0, 0.04f, 0.03f, 0, 0.05f, 0.01f, 0, 0.06f, 0.02f, 0];
    private static PanelArray Panel(float[] values) => new(values, T, values.Length / T, PanelLayout.InstrumentMajor);
    private static readonly bool[] Members = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, false, true, true];

    [Fact]
    public void LayersByHand()
    {
        var r = LayerTest.Run(Panel(Factor), Panel(Return), Members, [0, 1], 2, 2);
        // Day 0: members 0..4 with factor 6,5,3,2,1 -> positions 0..4, layer floor(p*2/5): 0,0,0,1,1.
        Assert.Equal(new[] { 3, 2 }, new[] { r.Counts[0][0], r.Counts[1][0] });
        Assert.Equal((0.01 + 0.02 + 0.03) / 3, r.Returns[0][0], 6);
        Assert.Equal((0.04 + 0.05) / 2, r.Returns[1][0], 6);
        Assert.Equal((0.01 + 0.02 + 0.03 + 0.04 + 0.05) / 5, r.Universe[0], 6);
        Assert.Equal(0.02 - 0.045, r.LongShort[0], 6);
        // Day 1: stock 2 has no return; stocks 0,1,3,4,5 with factor 1,2,4,6,9 -> order 5,4,3 | 1,0.
        Assert.Equal((0.02 + 0.01 + 0.03) / 3, r.Returns[0][1], 6);
        Assert.Equal((0.02 - 0.01) / 2, r.Returns[1][1], 6);
        Assert.Equal(0.02 - 0.03, r.Excess(0)[0], 6);
        var cumulative = LayerResult.Cumulative(r.LongShort);
        Assert.Equal((1 + (0.02 - 0.045)) * (1 + (0.02 - 0.005)), cumulative[1], 6);
        Assert.Equal(Math.Pow(cumulative[1], 252.0 / 2) - 1, r.Annualize(r.LongShort), 6);
    }

    [Fact]
    public void TooFewStocksLeaveTheDateOut()
    {
        var r = LayerTest.Run(Panel(Factor), Panel(Return), Members, [0, 1, 2], 6, 3);
        Assert.True(double.IsNaN(r.Returns[0][0])); // 5 members with both values < 6 layers
        Assert.Equal(6, Enumerable.Range(0, 6).Sum(q => r.Counts[q][2]));
    }

    [Fact]
    public void TurnoverAndRankAutocorrelationByHand()
    {
        var t = FactorTurnover.Compute(Panel(Factor), Members, 2);
        // Top halves: day 0 members 0..4 (factor 6,5,3,2,1): top = floor(p*2/5)==0 -> {0,1,2};
        // day 1 all six (1,2,3,4,6,9) -> order 5,4,3,2,1,0 -> top {5,4,3}; none was in day 0's top.
        Assert.Equal(1.0, t.TopTurnover[1], 9);
        // Rank autocorrelation on day 1: the day's members with a value on both days (membership is asked at t only).
        double[] today = [1, 2, 3, 4, 6, 9], yesterday = [6, 5, 3, 2, 1, 9];
        Assert.Equal(Correlation.Spearman(today, yesterday), t.RankAutocorrelation[1], 9);
        Assert.True(double.IsNaN(t.RankAutocorrelation[0]));
    }
}
