using AlphaSharp.Evaluation.MultiFactor;
using AlphaSharp.Reports.Research;

namespace AlphaSharp.Tests.Evaluation.MultiFactor;

/// <summary>Paper 001's pipeline on the shipped CSI 300 store: the screening table, the composite and its quintile test in one report.</summary>
public sealed class Paper001ShippedTests
{
    [Fact]
    public void ReportHasScreeningCompositeAndQuintiles()
    {
        var data = Tests.Data.ShippedStore.Data;
        var options = new MultiFactorOptions();
        var r = MultiFactorPipeline.Run(data, options);
        Assert.Equal(5 * 3, r.Screening.Count);
        Assert.Equal(["pb", "pe", "ps", "float_mv", "momentum"], r.Screening.Select(c => c.Factor).Distinct());
        // The valuation ratios cover Shenzhen stocks only before 2020: their coverage must show it, float_mv nearly full.
        Assert.InRange(r.Screening.First(c => c.Factor == "pb").Coverage, 0.3, 0.8);
        Assert.InRange(r.Screening.First(c => c.Factor == "float_mv").Coverage, 0.9, 1.0);
        Assert.NotEmpty(r.Selected);
        Assert.Equal(1.0, r.Selected.Sum(s => s.Weight), 12);
        // April 2017 .. August 2020: 41 month ends, each held to the next.
        Assert.Equal(41, r.RebalanceDates.Length);
        Assert.Equal(new DateOnly(2017, 4, 28), data.Calendar[r.RebalanceDates[0]]);
        for (var k = 0; k < r.RebalanceDates.Length; k++)
        {
            var n = Enumerable.Range(0, 5).Sum(q => r.Quintiles.Counts[q][k]);
            Assert.InRange(n, 50, 300);
            Assert.InRange(r.Quintiles.Counts[0][k] - r.Quintiles.Counts[4][k], 0, 1);
        }
        // Schmidt: the prepared factors are uncorrelated after orthogonalisation on every date, so on average too.
        for (var a = 0; a < r.Selected.Count; a++)
            for (var b = 0; b < r.Selected.Count; b++)
                if (a != b) Assert.Equal(0, r.CorrelationAfter[a, b], 9);
        var html = MultiFactorReport.Build(data, options, r, "shipped").Render();
        foreach (var part in new[] { "Factor screening", "What the data could not supply", "Composite quintile test", "<svg", "quintile 5" })
            Assert.Contains(part, html);
    }

    [Fact]
    public void MissingValuesDropOrSitAtTheMean()
    {
        var data = Tests.Data.ShippedStore.Data;
        var drop = MultiFactorPipeline.Run(data, new MultiFactorOptions());
        var mean = MultiFactorPipeline.Run(data, new MultiFactorOptions { FillMissingWithMean = true });
        // pb, pe and ps exist for Shenzhen stocks only before 2020: requiring all five leaves under 60 % of members.
        Assert.InRange(drop.CompositeCoverage, 0.3, 0.6);
        Assert.InRange(mean.CompositeCoverage, 0.95, 1.0);
        // Members with every factor get the same prepared inputs either way, but the orthogonalisation runs over a
        // different cross-section, so only coverage (not values) is compared.
        Assert.True(Enumerable.Range(0, 5).Sum(q => mean.Quintiles.Counts[q][0]) > Enumerable.Range(0, 5).Sum(q => drop.Quintiles.Counts[q][0]));
    }

    [Fact]
    public void MonthlyPeriodReturnsMatchAdjustedCloses()
    {
        var data = Tests.Data.ShippedStore.Data;
        var ends = MultiFactorPipeline.MonthEnds(data.Calendar);
        var period = MultiFactorPipeline.PeriodReturns(data.Panel, ends);
        var panel = data.Panel;
        var T = panel.T;
        var i = panel.IndexOf("SH600000");
        var k = Array.FindIndex(ends, t => data.Calendar[t] == new DateOnly(2018, 5, 31));
        double a = (double)panel["close", ends[k], i] * panel["factor", ends[k], i], b = (double)panel["close", ends[k + 1], i] * panel["factor", ends[k + 1], i];
        Assert.Equal(b / a - 1, period[i * T + ends[k]], 6);
        Assert.Equal(new DateOnly(2018, 6, 29), data.Calendar[ends[k + 1]]);
    }
}
