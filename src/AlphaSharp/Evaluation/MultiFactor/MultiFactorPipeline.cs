using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Factors.Labels;
using AlphaSharp.Factors.Operators;
using AlphaSharp.Factors;

namespace AlphaSharp.Evaluation.MultiFactor;

/// <summary>
/// Paper 001's multi-factor model: (1) screen the candidates by mean IC and IC_IR of month-end cross-sections over
/// several horizons; (2) turn each kept factor so its mean IC is positive, clip (MAD) and z-score it per date over the
/// members; (3) orthogonalise the kept factors per date (Schmidt or symmetric) over the members that have all of them (or, with
/// <see cref="MultiFactorOptions.FillMissingWithMean"/>, any of them, the missing ones at their mean 0),
/// z-score the results and (4) combine them with equal, |IC| or |IC_IR| weights; (5) test the composite with a quintile
/// test rebalanced at each month end, holding to the next. Screening and weights use the whole screening period, as the
/// paper does: that is in-sample wherever it overlaps the test period, and the report says so.
/// </summary>
public static class MultiFactorPipeline
{
    public static MultiFactorResult Run(MarketData data, MultiFactorOptions options, Action<string>? log = null)
    {
        var panel = data.Panel;
        var members = data.Universe?.MaskFor(panel);
        var (screening, nonePassed, selected, raw) = Screen(data, options, log);
        var monthEnds = MonthEnds(panel.Calendar);
        var testDates = monthEnds.Where((t, k) => k + 1 < monthEnds.Length && panel.Calendar[t] >= options.TestStart && panel.Calendar[t] <= options.TestEnd).ToArray();
        if (testDates.Length < 2) throw new InputException($"multi-factor: the test period {options.TestStart:yyyy-MM-dd}..{options.TestEnd:yyyy-MM-dd} has {testDates.Length} month ends with a following one; need 2 or more");
        var periodReturn = PeriodReturns(panel, monthEnds);
        var K = selected.Count;
        var before = new double[K, K];
        var after = new double[K, K];
        if (K > 0) log?.Invoke($"combining {K} factors");
        var composite = Combine(panel, members, options, selected, raw, testDates, before, after);
        var spanned = monthEnds[Array.IndexOf(monthEnds, testDates[^1]) + 1] - testDates[0];
        var compositePanel = PanelArray.Of(panel, composite);
        var periodPanel = PanelArray.Of(panel, periodReturn);
        var quintiles = LayerTest.Run(compositePanel, periodPanel, members, testDates, options.Layers, spanned);
        var icSeries = IcSeries.Compute(compositePanel, periodPanel, members, 0, testDates[0], testDates[^1]).On(testDates);
        var coverageAll = testDates.Select(t => CrossSections.Coverage(compositePanel, members, t)).Where(c => !double.IsNaN(c)).DefaultIfEmpty(double.NaN).Average();
        return new MultiFactorResult(screening, nonePassed, selected, composite, testDates, quintiles,
            IcSummary.Of(icSeries.Ic), IcSummary.Of(icSeries.RankIc), coverageAll, before, after);
    }

    /// <summary>
    /// The composite on every one of <paramref name="dates"/> (indices into the calendar), with the factors, signs and
    /// weights the screening of <paramref name="options"/> chooses: a daily score for a strategy built on the model
    /// (paper 001's picks that its classifier filters). NaN off the dates, off the members and where a member lacks a factor.
    /// </summary>
    public static (float[] Composite, IReadOnlyList<SelectedFactor> Selected) CompositeOn(MarketData data, MultiFactorOptions options, IReadOnlyList<int> dates, Action<string>? log = null)
    {
        var (_, _, selected, raw) = Screen(data, options, log);
        var K = selected.Count;
        return (Combine(data.Panel, data.Universe?.MaskFor(data.Panel), options, selected, raw, dates, new double[K, K], new double[K, K]), selected);
    }

    /// <summary>Steps (1) and the choice of (4): every candidate's screening cells, and the kept factors with their signs and weights (and their raw panels).</summary>
    private static (List<ScreeningCell> Screening, bool NonePassed, List<SelectedFactor> Selected, float[][] Raw) Screen(MarketData data, MultiFactorOptions options, Action<string>? log)
    {
        options.Validate();
        var panel = data.Panel;
        var members = data.Universe?.MaskFor(panel);
        var engine = new FactorEngine(data);
        log?.Invoke($"computing {options.Factors.Count} candidate factors");
        var raw = engine.Evaluate(options.Factors.Select(f => f.Expression).ToList());
        var monthEnds = MonthEnds(panel.Calendar);
        var screenDates = monthEnds.Where(t => panel.Calendar[t] >= options.ScreenStart && panel.Calendar[t] <= options.ScreenEnd).ToArray();
        if (screenDates.Length < 3) throw new InputException($"multi-factor: the screening period {options.ScreenStart:yyyy-MM-dd}..{options.ScreenEnd:yyyy-MM-dd} has {screenDates.Length} month ends in the data; need 3 or more");

        log?.Invoke("screening");
        var screening = new List<ScreeningCell>();
        var forwards = options.Horizons.Select(h => PanelArray.Of(panel, ForwardReturns.Compute(panel, h))).ToArray();
        for (var f = 0; f < raw.Length; f++)
            for (var k = 0; k < options.Horizons.Count; k++)
            {
                var s = IcSeries.Compute(PanelArray.Of(panel, raw[f]), forwards[k], members, options.Horizons[k], screenDates[0], screenDates[^1]).On(screenDates);
                var ic = IcSummary.Of(s.Ic);
                var passes = Math.Abs(ic.Mean) > options.MinAbsIc && Math.Abs(ic.IcIr) > options.MinAbsIcIr;
                var coverage = screenDates.Select(t => s.Coverage[t]).Where(c => !double.IsNaN(c)).DefaultIfEmpty(double.NaN).Average();
                screening.Add(new ScreeningCell(options.Factors[f].Name, options.Horizons[k], ic, IcSummary.Of(s.RankIc), coverage, passes));
            }

        var passed = Enumerable.Range(0, raw.Length).Select(f =>
        {
            var cells = screening.Where(c => c.Factor == options.Factors[f].Name).ToList();
            return options.PassAllHorizons ? cells.All(c => c.Passes) : cells.Any(c => c.Passes);
        }).ToArray();
        var nonePassed = !passed.Any(p => p);
        var selected = new List<(int Index, SelectedFactor Factor)>();
        for (var f = 0; f < raw.Length; f++)
        {
            var cells = screening.Where(c => c.Factor == options.Factors[f].Name).ToList();
            if (!passed[f] && !(nonePassed && options.KeepAllIfNonePass)) continue;
            var meanIc = cells.Select(c => c.Ic.Mean).Average();
            var weight = options.Weighting switch
            {
                CompositeWeighting.Ic => cells.Select(c => Math.Abs(c.Ic.Mean)).Average(),
                CompositeWeighting.IcIr => cells.Select(c => Math.Abs(c.Ic.IcIr)).Average(),
                _ => 1.0,
            };
            selected.Add((f, new SelectedFactor(options.Factors[f].Name, meanIc < 0 ? -1 : 1, weight)));
        }
        var total = selected.Sum(s => s.Factor.Weight);
        return (screening, nonePassed, selected.Select(s => s.Factor with { Weight = s.Factor.Weight / total }).ToList(), selected.Select(s => raw[s.Index]).ToArray());
    }

    /// <summary>
    /// Steps (2)-(4) on each of <paramref name="dates"/>: the composite (instrument-major, NaN elsewhere), and the mean
    /// correlation of the kept factors before and after orthogonalisation into <paramref name="before"/> and <paramref name="after"/>.
    /// </summary>
    private static float[] Combine(Panel panel, bool[]? members, MultiFactorOptions options, IReadOnlyList<SelectedFactor> selected, float[][] raw,
        IReadOnlyList<int> dates, double[,] before, double[,] after)
    {
        var T = panel.T;
        var K = selected.Count;
        var composite = new float[T * panel.N];
        Array.Fill(composite, float.NaN);
        if (K == 0) return composite;
        var prepared = selected.Select((s, k) => Prepare(PanelArray.Of(panel, raw[k]), s.Direction, members, options.WinsorizeMad)).ToArray();
        var weights = selected.Select(s => s.Weight).ToArray();
        var sums = (Before: new double[K, K], After: new double[K, K], Count: 0);
        var gate = new object();
        Parallel.ForEach(dates, t =>
        {
            var ids = new List<int>();
            for (var i = 0; i < panel.N; i++)
            {
                var at = i * T + t;
                if (members is not null && !members[at]) continue;
                if (options.FillMissingWithMean ? prepared.Any(p => float.IsFinite(p[at])) : prepared.All(p => float.IsFinite(p[at]))) ids.Add(i);
            }
            if (ids.Count <= K + 1) return;
            var columns = prepared.Select(p => ids.Select(i => float.IsFinite(p[i * T + t]) ? (double)p[i * T + t] : 0.0).ToArray()).ToArray();
            var ortho = Orthogonalization.Apply(columns, options.Orthogonalization).Select(Standardize).ToArray();
            for (var r = 0; r < ids.Count; r++)
            {
                double v = 0;
                for (var k = 0; k < K; k++) v += weights[k] * ortho[k][r];
                composite[ids[r] * T + t] = (float)v;
            }
            lock (gate)
            {
                for (var a = 0; a < K; a++)
                    for (var b = 0; b < K; b++)
                    {
                        sums.Before[a, b] += Correlation.Pearson(columns[a], columns[b]);
                        sums.After[a, b] += a == b ? 1 : Correlation.Pearson(ortho[a], ortho[b]);
                    }
                sums.Count++;
            }
        });
        for (var a = 0; a < K; a++)
            for (var b = 0; b < K; b++)
            {
                before[a, b] = sums.Count == 0 ? double.NaN : sums.Before[a, b] / sums.Count;
                after[a, b] = sums.Count == 0 ? double.NaN : sums.After[a, b] / sums.Count;
            }
        return composite;
    }

    /// <summary>Direction-adjusted, MAD-clipped, z-scored per date over the members (NaN stays NaN); instrument-major.</summary>
    internal static float[] Prepare(PanelArray factor, int direction, bool[]? members, double mad)
    {
        factor = factor.ToLayout(PanelLayout.InstrumentMajor);
        var T = factor.T;
        var x = factor.Values.Select(v => float.IsFinite(v) ? direction * v : float.NaN).ToArray();
        if (mad > 0) x = CrossSection.WinsorizeMad(x, members, T, mad);
        return CrossSection.ZScore(x, members, T);
    }

    /// <summary>Last trading day of each calendar month.</summary>
    public static int[] MonthEnds(Calendar calendar) =>
        Enumerable.Range(0, calendar.Count).Where(t => t == calendar.Count - 1 || calendar[t + 1].Month != calendar[t].Month).ToArray();

    /// <summary>Return from each month end's close to the next month end's close (adjusted), NaN if either day is untradable.</summary>
    public static float[] PeriodReturns(Panel panel, int[] ends)
    {
        int T = panel.T, N = panel.N;
        var prices = ForwardReturns.TradablePrices(panel, LabelPrice.Close);
        var result = new float[T * N];
        Array.Fill(result, float.NaN);
        for (var k = 0; k + 1 < ends.Length; k++)
            for (var i = 0; i < N; i++)
            {
                double a = prices[i * T + ends[k]], b = prices[i * T + ends[k + 1]];
                if (double.IsNaN(a) || double.IsNaN(b) || a <= 0) continue;
                result[i * T + ends[k]] = (float)(b / a - 1);
            }
        return result;
    }

    private static double[] Standardize(double[] x)
    {
        var n = x.Length;
        var mean = x.Average();
        var std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return x.Select(v => std > 0 ? (v - mean) / std : 0).ToArray();
    }
}
