using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors.Labels;

namespace AlphaSharp.Evaluation.Factor;

/// <summary>IC statistics of one horizon: the daily series and its summaries (whole range, by year, by month).</summary>
public sealed record HorizonIc(IcSeries Series, IcSummary Ic, IcSummary RankIc,
    IReadOnlyList<(string Period, IcSummary Summary)> RankIcByYear, IReadOnlyList<(string Period, IcSummary Summary)> RankIcByMonth,
    IReadOnlyList<(string Period, IcSummary Summary)> IcByYear);

/// <summary>Everything a single-factor evaluation found.</summary>
public sealed record FactorEvalResult(int From, int To, IReadOnlyList<HorizonIc> Horizons, LayerResult Layers, IcDecay Decay,
    FactorTurnover Turnover, double MeanCoverage);

/// <summary>
/// alphalens-style evaluation of one factor panel on a market's point-in-time universe: IC / Rank IC per horizon
/// (against forward, excess or style-neutralised returns from <see cref="Factors.Labels"/>), by year and month, IC decay, a daily N-layer test on one-day returns, and
/// turnover. Cross-sections are universe members only; missing factor values are left out and reported as coverage.
/// </summary>
public static class FactorEvaluation
{
    public static FactorEvalResult Run(MarketData data, float[] factor, FactorEvalOptions options)
    {
        options.Validate();
        var panel = data.Panel;
        var T = panel.T;
        if (factor.Length != T * panel.N) throw new ArgumentException($"factor has {factor.Length} cells; the panel has {T} x {panel.N}");
        var members = data.Universe?.MaskFor(panel);
        var from = Math.Max(0, options.From);
        var to = Math.Min(T - 1, options.To);
        if (from > to) throw new InputException($"factor eval: no decision date between {options.From} and {options.To}");
        var days = panel.Calendar.Days;
        var window = Enumerable.Range(from, to - from + 1).ToArray();

        var exposures = options.Label == EvalLabel.StyleNeutral ? StyleNeutralLabel.Exposures(data, options.Style) : null;
        float[] Label(int h) => options.Label switch
        {
            EvalLabel.Excess => ExcessReturns.Compute(data, h, options.Price),
            EvalLabel.StyleNeutral => StyleNeutralLabel.Compute(data, ForwardReturns.Compute(panel, h, options.Price), exposures!, options.Style),
            _ => ForwardReturns.Compute(panel, h, options.Price),
        };
        var factorPanel = PanelArray.Of(panel, factor);
        PanelArray LabelPanel(int h) => PanelArray.Of(panel, Label(h));
        var horizons = new List<HorizonIc>();
        foreach (var h in options.Horizons)
        {
            var s = IcSeries.Compute(factorPanel, LabelPanel(h), members, h, from, to);
            var dates = days;
            horizons.Add(new HorizonIc(s, IcSummary.Of(s.Ic), IcSummary.Of(s.RankIc),
                IcSummary.ByPeriod(dates, s.RankIc, IcSummary.Year), IcSummary.ByPeriod(dates, s.RankIc, IcSummary.Month),
                IcSummary.ByPeriod(dates, s.Ic, IcSummary.Year)));
        }
        var oneDay = PanelArray.Of(panel, ForwardReturns.Compute(panel, 1, options.Price));
        var layers = LayerTest.Run(factorPanel, oneDay, members, window, options.Layers, window.Length);
        var decay = IcDecay.Compute(factorPanel, options.Label == EvalLabel.Return ? oneDay : LabelPanel(1), members, options.DecayLags, from, to);
        var turnover = FactorTurnover.Compute(factorPanel, members, options.Layers);
        var coverage = window.Select(t => CrossSections.Coverage(factorPanel, members, t)).Where(c => !double.IsNaN(c)).DefaultIfEmpty(double.NaN).Average();
        return new FactorEvalResult(from, to, horizons, layers, decay, turnover, coverage);
    }
}
