using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Factors.Expressions;
using AlphaSharp.Factors.Labels;

namespace AlphaSharp.Tests.Factors.Labels;

/// <summary>The style-neutralised label on the shipped store, and factor eval with it.</summary>
public sealed class ShippedNeutralLabelTests
{
    [Fact]
    public void ResidualIsOrthogonalToIndustriesAndEveryUsedExposure()
    {
        var data = Tests.Data.ShippedStore.Data;
        var panel = data.Panel;
        var T = panel.T;
        var t = data.Calendar.IndexOf(new DateOnly(2021, 6, 30));
        var label = ForwardReturns.Compute(panel, 10);
        var exposures = StyleNeutralLabel.Exposures(data);
        var neutral = StyleNeutralLabel.Compute(data, label, exposures);
        var codes = new FieldSource(data).IndustryCodes();
        var rows = Enumerable.Range(0, panel.N).Where(i => !float.IsNaN(neutral[i * T + t])).ToList();
        Assert.InRange(rows.Count, 250, 300);
        // Normal equations of OLS: the residual sums to 0 within each industry and is orthogonal to each exposure column.
        foreach (var g in rows.GroupBy(i => codes[i]))
            Assert.Equal(0, g.Sum(i => (double)neutral[i * T + t]), 5);
        foreach (var e in exposures)
            Assert.Equal(0, rows.Sum(i => (double)neutral[i * T + t] * e.Values[i * T + t]), 4);
        // In 2021 pb and pe cover over 80 % of members, so book-to-price and earnings yield take part (not all zero).
        Assert.Contains(rows, i => exposures.First(e => e.Name == "book_to_price").Values[i * T + t] != 0);
        // The residual is not the raw label: styles and industries explained part of it.
        var raw = rows.Select(i => (double)label[i * T + t]).ToArray();
        var res = rows.Select(i => (double)neutral[i * T + t]).ToArray();
        Assert.True(res.Sum(v => v * v) < raw.Select(v => v - raw.Average()).Sum(v => v * v));
    }

    [Fact]
    public void EvalAgainstExcessReturnsUsesTheExcessLabel()
    {
        var data = Tests.Data.ShippedStore.Data;
        var cal = data.Calendar;
        var options = new FactorEvalOptions
        {
            Horizons = [5], Label = EvalLabel.Excess, DecayLags = 2,
            From = cal.IndexOnOrAfter(new DateOnly(2020, 1, 1)), To = cal.IndexOnOrBefore(new DateOnly(2020, 3, 31)),
        };
        var factor = Evaluation.Factor.ReversalFixture.Factor;
        var r = FactorEvaluation.Run(data, factor, options);
        var direct = IcSeries.Compute(PanelArray.Of(data.Panel, factor), PanelArray.Of(data.Panel, ExcessReturns.Compute(data, 5)), data.Universe!.MaskFor(data.Panel), 5, options.From, options.To);
        Assert.Equal(IcSummary.Of(direct.RankIc).Mean, r.Horizons[0].RankIc.Mean, 12);
        Assert.Equal(IcSummary.Of(direct.Ic).Mean, r.Horizons[0].Ic.Mean, 12);
    }
}
