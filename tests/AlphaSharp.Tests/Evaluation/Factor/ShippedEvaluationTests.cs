using System.Globalization;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Factors.Labels;
using AlphaSharp.Reports.Research;

namespace AlphaSharp.Tests.Evaluation.Factor;

/// <summary>The whole evaluation of the reversal on the shipped store over 2019: files and report agree with the parts they summarise.</summary>
public sealed class ShippedEvaluationTests
{
    [Fact]
    public void EvaluationFilesAndReportOnTheShippedStore()
    {
        var data = ReversalFixture.Data;
        var cal = data.Calendar;
        var options = new FactorEvalOptions { From = cal.IndexOnOrAfter(new DateOnly(2019, 1, 1)), To = cal.IndexOnOrBefore(new DateOnly(2019, 12, 31)) };
        var r = FactorEvaluation.Run(data, ReversalFixture.Factor, options);
        Assert.Equal([1, 5, 10, 20], r.Horizons.Select(h => h.Series.Horizon));
        var days = options.To - options.From + 1;
        Assert.Equal(244, days);
        var h5 = r.Horizons[1];
        Assert.Equal(days, h5.Ic.Count);
        // The 5-day series is the scipy-checked one on every date of the window; the summary is its mean.
        var members = data.Universe!.MaskFor(data.Panel);
        var direct = IcSeries.Compute(PanelArray.Of(data.Panel, ReversalFixture.Factor), PanelArray.Of(data.Panel, ForwardReturns.Compute(data.Panel, 5)), members, 5);
        Assert.Equal(Enumerable.Range(options.From, days).Average(t => direct.Ic[t]), h5.Ic.Mean, 12);
        Assert.Single(h5.RankIcByYear);
        Assert.Equal(12, h5.RankIcByMonth.Count);
        Assert.Equal(5, r.Layers.Layers);
        Assert.Equal(days, r.Layers.Dates.Length);
        Assert.InRange(r.MeanCoverage, 0.9, 1.0);
        Assert.Equal(20, r.Decay.Lags.Length);
        Assert.Equal(r.Horizons[0].Ic.Mean, r.Decay.MeanIc[0], 12); // lag 0 is the 1-day IC

        var ic = new StringWriter();
        FactorEvalFiles.WriteIc(ic, cal, r);
        var lines = ic.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,horizon,ic,rank_ic,count,coverage", lines[0]);
        Assert.Equal(1 + 4 * days, lines.Length);
        var first5 = lines.Skip(1).Select(l => l.Split(',')).First(f => f[1] == "5");
        Assert.Equal(direct.Ic[options.From], double.Parse(first5[2], CultureInfo.InvariantCulture));
        var factor = new StringWriter();
        FactorEvalFiles.WriteFactor(factor, data, ReversalFixture.Factor, options.From, options.To);
        // One row per member present in the panel (the 36 members with no price rows are not in it), missing values kept as empty.
        var memberDays = Enumerable.Range(0, data.Panel.N).Sum(i => Enumerable.Range(options.From, days).Count(t => members[i * data.Panel.T + t]));
        Assert.InRange(memberDays, 280 * days, 300 * days);
        Assert.Equal(1 + memberDays, factor.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var html = FactorEvalReport.Build(ReversalFixture.Expression, data, r, "shipped").Render();
        foreach (var part in new[] { "Information coefficient", "IC distribution", "5-layer test", "IC decay", "Turnover", "<svg" })
            Assert.Contains(part, html);
    }
}
