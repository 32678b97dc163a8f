using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Reports.Charts;
using AlphaSharp.Reports.Html;

namespace AlphaSharp.Reports.Research;

/// <summary>The report.html of `factor eval`: summary tables and SVG charts from the shared Reports toolkit.</summary>
public static class FactorEvalReport
{
    public static HtmlReport Build(string expression, MarketData data, FactorEvalResult r, string source, EvalLabel labelKind = EvalLabel.Return)
    {
        var label = labelKind switch
        {
            EvalLabel.Excess => "forward return minus the benchmark's",
            EvalLabel.StyleNeutral => "forward return neutralised on industries (2023 map: mild look-ahead) and style exposures",
            _ => "forward return",
        };
        var cal = data.Calendar;
        var dates = cal.Days.Skip(r.From).Take(r.To - r.From + 1).ToArray();
        var report = new HtmlReport($"Factor evaluation: {expression}",
            $"{data.Universe?.Name ?? "all instruments"} members, {cal[r.From]:yyyy-MM-dd}..{cal[r.To]:yyyy-MM-dd}, from {source}; " +
            $"mean coverage {Formats.Percent1(r.MeanCoverage)} of members have a value; IC label: {label}");

        var summary = new HtmlTable(["horizon", "mean IC", "IC std", "ICIR", "IC t", "mean Rank IC", "Rank IC std", "Rank ICIR", "Rank IC t", "IC > 0", "dates", "mean pairs", "mean coverage"],
            "IC per horizon (daily decision dates; forward returns over h days overlap for h > 1)");
        foreach (var h in r.Horizons)
        {
            var pairs = h.Series.Count.Skip(r.From).Take(r.To - r.From + 1).Where(c => c > 0).DefaultIfEmpty(0).Average();
            summary.Row($"{h.Series.Horizon}d", F(h.Ic.Mean), F(h.Ic.Std), F(h.Ic.IcIr), F2(h.Ic.TStat), F(h.RankIc.Mean), F(h.RankIc.Std),
                F(h.RankIc.IcIr), F2(h.RankIc.TStat), Formats.Percent1(h.Ic.PositiveShare), h.Ic.Count.ToString(), pairs.ToString("F0"),
                Formats.Percent1(IcSummary.Of(h.Series.Coverage).Mean));
        }
        for (var c = 1; c <= 8; c++) summary.SignedColumns.Add(c);
        report.Section("Information coefficient", "IC = Pearson correlation of the factor with the forward return across members per date; " +
                "Rank IC = Spearman (average ranks for ties); ICIR = mean / std; t = mean / (std / sqrt(dates)). Missing values are left out, never zero.")
            .Table(summary);

        var main = r.Horizons[0];
        var ics = r.Horizons.Select(h => h.Series).ToList();
        var section = report.Section($"IC series ({main.Series.Horizon}-day horizon)");
        section.Svg(LineChart.Render(dates, [
            new LineSeries("Rank IC", Slice(main.Series.RankIc, r)),
            new LineSeries("Rank IC, 20-day mean", Rolling(Slice(main.Series.RankIc, r), 20)),
            new LineSeries("coverage", Slice(main.Series.Coverage, r), Dashed: true),
        ], new ChartOptions($"Daily Rank IC, {main.Series.Horizon}-day forward return", "date", "Rank IC / coverage")));
        section.Svg(Histogram.Render(ics.Select(s => ($"IC {s.Horizon}d", Slice(s.Ic, r))).ToList(), 40,
            new ChartOptions("IC distribution", "IC", "dates")));

        var years = main.RankIcByYear;
        var byYear = new HtmlTable(["year", "mean Rank IC", "Rank ICIR", "mean IC", "dates"], $"By year, {main.Series.Horizon}-day horizon");
        foreach (var (period, s) in years)
        {
            var ic = main.IcByYear.First(p => p.Period == period).Summary;
            byYear.Row(period, F(s.Mean), F(s.IcIr), F(ic.Mean), s.Count.ToString());
        }
        byYear.SignedColumns.UnionWith([1, 2, 3]);
        section.Table(byYear);
        section.Svg(BarChart.Render(main.RankIcByMonth.Select(p => p.Period).ToList(),
            [new BarSeries("mean Rank IC", main.RankIcByMonth.Select(p => p.Summary.Mean).ToArray())],
            new ChartOptions($"Mean Rank IC by month, {main.Series.Horizon}-day horizon", "month", "Rank IC")));

        var l = r.Layers;
        var layerTable = new HtmlTable(["layer", "annualised return", "annualised excess", "mean stocks"],
            "Daily rebalanced layers on one-day close-to-close returns (layer 1 = highest factor values); excess over the equal-weight measured universe");
        for (var q = 0; q < l.Layers; q++)
            layerTable.Row($"{q + 1}", Formats.Percent2(l.Annualize(l.Returns[q])), Formats.Percent2(l.Annualize(l.Excess(q))),
                l.Counts[q].Where(c => c > 0).DefaultIfEmpty(0).Average().ToString("F1"));
        layerTable.Row("universe", Formats.Percent2(l.Annualize(l.Universe)), "", "");
        layerTable.Row("long-short (1 - N)", Formats.Percent2(l.Annualize(l.LongShort)), "", "");
        layerTable.SignedColumns.UnionWith([1, 2]);
        var layerDates = l.Dates.Select(t => cal[t]).ToArray();
        var lines = Enumerable.Range(0, l.Layers).Select(q => new LineSeries($"layer {q + 1}", LayerResult.Cumulative(l.Excess(q)))).ToList();
        lines.Add(new LineSeries("long-short", LayerResult.Cumulative(l.LongShort), Color: "#333333", Dashed: true));
        report.Section($"{l.Layers}-layer test").Table(layerTable)
            .Svg(LineChart.Render(layerDates, lines, new ChartOptions("Cumulative excess return by layer (and long-short)", "date", "wealth", YFormat: Formats.Number)));

        var decay = r.Decay;
        report.Section("IC decay", "Mean IC of the factor at t against the one-day return from t + k to t + k + 1.")
            .Svg(BarChart.Render(decay.Lags.Select(k => k.ToString()).ToList(),
                [new BarSeries("mean IC", decay.MeanIc), new BarSeries("mean Rank IC", decay.MeanRankIc)],
                new ChartOptions("IC decay by lag k (days)", "lag", "mean IC")));

        var tr = r.Turnover;
        var auto = Slice(tr.RankAutocorrelation, r);
        var top = Slice(tr.TopTurnover, r);
        report.Section("Turnover", $"Mean rank autocorrelation (lag 1) {F(IcSummary.Of(auto).Mean)}; mean daily turnover of the top layer {Formats.Percent1(IcSummary.Of(top).Mean)}.")
            .Svg(LineChart.Render(dates, [new LineSeries("rank autocorrelation", auto), new LineSeries("top-layer turnover", top)],
                new ChartOptions("Factor rank autocorrelation and top-layer turnover", "date", "")));
        return report;
    }

    private static double[] Slice(double[] v, FactorEvalResult r) => v.Skip(r.From).Take(r.To - r.From + 1).ToArray();

    private static double[] Rolling(double[] v, int window)
    {
        var result = new double[v.Length];
        for (var t = 0; t < v.Length; t++)
        {
            var s = IcSummary.Of(v.Skip(Math.Max(0, t - window + 1)).Take(Math.Min(window, t + 1)));
            result[t] = s.Count >= window / 2 ? s.Mean : double.NaN;
        }
        return result;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
    private static string F2(double v) => double.IsFinite(v) ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
