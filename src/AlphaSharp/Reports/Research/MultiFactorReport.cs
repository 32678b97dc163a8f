using System.Globalization;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Evaluation.MultiFactor;
using AlphaSharp.Reports.Charts;
using AlphaSharp.Reports.Html;

namespace AlphaSharp.Reports.Research;

/// <summary>The one-page report of paper 001's pipeline: screening table, what the data lacks, the composite and its quintile test.</summary>
public static class MultiFactorReport
{
    public static HtmlReport Build(MarketData data, MultiFactorOptions o, MultiFactorResult r, string source)
    {
        var cal = data.Calendar;
        var report = new HtmlReport("Paper 001: multi-factor model",
            $"{data.Universe?.Name ?? "all instruments"} members, from {source}; screening {o.ScreenStart:yyyy-MM-dd}..{o.ScreenEnd:yyyy-MM-dd}, " +
            $"quintile test {cal[r.RebalanceDates[0]]:yyyy-MM-dd}..{cal[r.RebalanceDates[^1]]:yyyy-MM-dd} (monthly)");

        var screen = new HtmlTable(["factor", "expression", "horizon", "mean IC", "IC_IR", "mean Rank IC", "Rank IC_IR", "month ends", "coverage", "passes"],
            $"Screening on month-end cross-sections: passes when |mean IC| > {o.MinAbsIc} and |IC_IR| > {o.MinAbsIcIr}; a factor is kept when it passes at {(o.PassAllHorizons ? "every horizon" : "one horizon at least")}");
        foreach (var c in r.Screening)
            screen.Row(c.Factor, o.Factors.First(f => f.Name == c.Factor).Expression, $"{c.Horizon}d", F(c.Ic.Mean), F(c.Ic.IcIr), F(c.RankIc.Mean),
                F(c.RankIc.IcIr), c.Ic.Count.ToString(CultureInfo.InvariantCulture), Formats.Percent1(c.Coverage), c.Passes ? "yes" : "no");
        screen.SignedColumns.UnionWith([3, 4, 5, 6]);
        var lacking = new List<string>();
        foreach (var u in o.Unavailable) lacking.Add($"{u.Name}: {u.Reason}");
        foreach (var c in r.Screening.GroupBy(c => c.Factor))
        {
            var cov = c.First().Coverage;
            if (cov < 0.9) lacking.Add($"{c.Key}: only {Formats.Percent1(cov)} of member-days have a value in the screening period (the valuation ratios cover Shenzhen stocks only before 2020); its ICs are over those stocks");
        }
        var section = report.Section("Factor screening",
            "IC = Pearson correlation across members of the factor at a month end and the forward return over h trading days (close to close, " +
            "untradable start or end left out); IC_IR = mean / std of those monthly ICs. Missing values are left out, never zero.").Table(screen);
        section.Paragraph(lacking.Count == 0 ? "The data supplies every candidate factor in full." : "What the data could not supply: " + string.Join("; ", lacking) + ".");

        if (r.Selected.Count == 0)
        {
            report.Section("Composite", "No candidate passed the screening, so there is no composite: loosen the thresholds in the configuration to combine factors anyway.");
            return report;
        }
        if (r.NonePassed)
            section.Paragraph("No candidate passed both thresholds at any horizon on this data. The paper turns all five candidates to a positive IC and " +
                              "combines them, so the composite below uses every candidate (set keep_all_if_none_pass: false to have none).");
        var chosen = new HtmlTable(["factor", "direction", "weight"], $"Composite: {o.Orthogonalization} orthogonalisation, {o.Weighting} weights");
        foreach (var s in r.Selected) chosen.Row(s.Name, s.Direction > 0 ? "+1" : "-1 (turned)", s.Weight.ToString("0.000", CultureInfo.InvariantCulture));
        var names = r.Selected.Select(s => s.Name).ToList();
        var corr = new HtmlTable(new[] { "mean correlation" }.Concat(names.SelectMany(n => new[] { n + " before", n + " after" })).ToList(),
            "Mean cross-sectional correlation of the prepared factors before and after orthogonalisation");
        for (var a = 0; a < names.Count; a++)
            corr.Row(new[] { names[a] }.Concat(Enumerable.Range(0, names.Count).SelectMany(b =>
                new[] { r.CorrelationBefore[a, b].ToString("0.000", CultureInfo.InvariantCulture), r.CorrelationAfter[a, b].ToString("0.000", CultureInfo.InvariantCulture) })).ToArray());
        report.Section("Composite",
                "Each kept factor is turned so that its mean IC is positive, clipped at median +- " + o.WinsorizeMad.ToString(CultureInfo.InvariantCulture) +
                " x 1.4826 MAD and z-scored per date over the members; the kept factors are orthogonalised per date over the members that have " +
                (o.FillMissingWithMean ? "any of them (a missing one at its mean, 0), " : "all of them (fill_missing: mean widens this to members with any), ") +
                $"z-scored again and summed with the weights. Mean composite coverage {Formats.Percent1(r.CompositeCoverage)} of members. " +
                $"Composite IC over the next month: mean {F(r.CompositeIc.Mean)}, IC_IR {F(r.CompositeIc.IcIr)}; Rank IC {F(r.CompositeRankIc.Mean)}, IC_IR {F(r.CompositeRankIc.IcIr)} over {r.CompositeIc.Count} month ends.")
            .Tables(chosen, corr)
            .Paragraph("Screening and weights use the whole screening period, as the paper does; where it overlaps the test period the quintile test is in-sample. " +
                       "The paper also removes suspended and limit-hit stocks at each rebalance; here a stock untradable at either end of a month is left out of that month, " +
                       "and price limits are not applied (the backtest verb applies them).", note: true);

        var l = r.Quintiles;
        var table = new HtmlTable(["quintile", "annualised return", "annualised excess", "mean stocks"],
            "Monthly rebalanced quintiles of the composite (1 = highest), equal weight, excess over the equal-weight measured members");
        for (var q = 0; q < l.Layers; q++)
            table.Row($"{q + 1}", Formats.Percent2(l.Annualize(l.Returns[q])), Formats.Percent2(l.Annualize(l.Excess(q))),
                l.Counts[q].Where(c => c > 0).DefaultIfEmpty(0).Average().ToString("F1", CultureInfo.InvariantCulture));
        table.Row("members", Formats.Percent2(l.Annualize(l.Universe)), "", "");
        table.Row("long-short (1 - 5)", Formats.Percent2(l.Annualize(l.LongShort)), "", "");
        table.SignedColumns.UnionWith([1, 2]);
        var dates = l.Dates.Select(t => cal[t]).ToArray();
        var lines = Enumerable.Range(0, l.Layers).Select(q => new LineSeries($"quintile {q + 1}", LayerResult.Cumulative(l.Returns[q]))).ToList();
        lines.Add(new LineSeries("members (equal weight)", LayerResult.Cumulative(l.Universe), Color: "#333333", Dashed: true));
        report.Section("Composite quintile test").Table(table)
            .Svg(LineChart.Render(dates, lines, new ChartOptions("Cumulative return by quintile (value after each month's holding, dated at its start)", "month end", "wealth")))
            .Svg(BarChart.Render(Enumerable.Range(1, l.Layers).Select(q => $"Q{q}").ToList(),
                [new BarSeries("annualised excess", Enumerable.Range(0, l.Layers).Select(q => l.Annualize(l.Excess(q))).ToArray())],
                new ChartOptions("Annualised excess return by quintile", "quintile", "excess", YFormat: Formats.Percent1)));
        return report;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
}
