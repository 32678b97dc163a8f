using System.Globalization;
using AlphaSharp.Evaluation.Performance;
using Summary = AlphaSharp.Evaluation.Factor.IcSummary;
using AlphaSharp.Reports.Charts;
using AlphaSharp.Reports.Html;

namespace AlphaSharp.Reports.Research;

/// <summary>A network's per-epoch figures (empty arrays for a model without epochs).</summary>
public sealed record TrainingCurve(int[] Epochs, double[] TrainLoss, double[] ValidLoss, double[] ValidIc);

/// <summary>One fitted seed of a model: its test figures, its daily IC and excess return series and its training curve.</summary>
public sealed record SeedFigures(
    ulong Seed,
    double Ic, double IcIr, double RankIc, double RankIcIr,
    DateOnly[] IcDates, double[] DailyIc, double[] DailyRankIc,
    DateOnly[] Dates, double[] Excess,
    TrainingCurve Curve,
    ForecastFigures? Forecast = null,
    double Seconds = double.NaN);

/// <summary>
/// The test scores as a forecast of the raw label: AUC and accuracy of up against down; MAE, RMSE, MAPE (NaN where the
/// score is no return estimate); the MAPE of the price it implies (NaN also where the label is no simple price return).
/// </summary>
public sealed record ForecastFigures(double Auc, double Accuracy, double Mae, double Rmse, double Mape, double PriceMape = double.NaN);

/// <summary>
/// A model's seeds, its seed ensemble's tear sheet page where one was made, and the ensemble's layered test where one
/// was run: each layer's annualised (compounded) excess return over the benchmark, layer 1 the highest scores.
/// </summary>
public sealed record ModelFigures(string Model, IReadOnlyList<SeedFigures> Seeds, string? TearSheetHtml = null, IReadOnlyList<double>? LayerExcess = null,
    IReadOnlyList<OperatorWeight>? Significance = null, GridTrials? Grid = null);

/// <summary>
/// A model's grid search, every seed's trials as its trials file has them (<see cref="Header"/> without the seed),
/// each marked where it was the point chosen on validation; <see cref="Metric"/> names the score.
/// </summary>
public sealed record GridTrials(string Metric, IReadOnlyList<string> Header, IReadOnlyList<(ulong Seed, IReadOnlyList<string> Row, bool Chosen)> Rows);

/// <summary>
/// One operator channel of a network's input, e.g. ts_corr over (close, volume) at d = 10: its mean weight over the
/// fitted windows (and seeds) that kept it, and in how many of them it was kept.
/// </summary>
public sealed record OperatorWeight(string Operator, IReadOnlyList<string> Inputs, int Window, double Weight, int Kept, int Fits)
{
    public string Name => $"{Operator}({string.Join(',', Inputs)},{Window})";
}

/// <summary>
/// A picks workflow's strategies side by side (paper 001's comparison): the picks unfiltered first, then each model's
/// seed ensemble filtering them, each as its backtest's summary; and the unfiltered picks' tear sheet.
/// </summary>
public sealed record PicksComparison(IReadOnlyList<(string Name, AlphaSharp.Evaluation.Performance.PerformanceSummary Summary)> Rows, string UnfilteredSheet);

/// <summary>What the report says about the run itself: provenance lines, the data-coverage notes and the resolved configuration.</summary>
public sealed record RunContext(string Title, IReadOnlyList<KeyValuePair<string, string>> Provenance, IReadOnlyList<string> Coverage, string ResolvedConfig);

/// <summary>
/// The workflow report: the model table in Qlib's columns (IC, ICIR, Rank IC, Rank ICIR, annualised excess return,
/// information ratio, max drawdown; mean ± std over seeds) computed Qlib's arithmetic way and our compounded way, each
/// labelled; Rank IC by month; cumulative excess return per model; each tear sheet; the training curves; what the
/// data could not supply; the resolved configuration. One self-contained page.
/// </summary>
public static class ModelComparisonReport
{
    /// <param name="icEvery">Above 1: a table of the IC on every icEvery-th test day (paper 003 samples every 10 trading days).</param>
    /// <param name="picks">A picks workflow's filtered-against-unfiltered comparison, shown first; null for any other workflow.</param>
    public static HtmlReport Build(RunContext run, IReadOnlyList<ModelFigures> models, int icEvery = 1, PicksComparison? picks = null)
    {
        var report = new HtmlReport(run.Title, string.Join(" · ", run.Provenance.Select(p => $"{p.Key} {p.Value}")));
        if (picks is not null) Picks(report, picks);
        report.Section("Models (arithmetic, as Qlib's risk_analysis)",
                "Excess return = strategy minus benchmark after costs, daily. Annualised = mean x 252; IR = mean / std x sqrt(252); " +
                "max drawdown of the cumulative sum. Mean ± std over seeds.")
            .Table(Table(models, compounded: false));
        report.Section("Models (compounded)",
                "The same strategies: annualised = prod(1 + excess)^(252 / days) - 1; max drawdown of the compounded excess wealth.")
            .Table(Table(models, compounded: true));
        Forecasts(report, models);
        if (icEvery > 1) SampledIc(report, models, icEvery);
        IcByMonth(report, models);
        CumulativeExcess(report, models);
        Layers(report, models);
        foreach (var m in models.Where(m => m.Significance is { Count: > 0 })) Significance(report, m);
        foreach (var m in models.Where(m => m.Grid is not null)) GridSearch(report, m.Model, m.Grid!);
        foreach (var m in models.Where(m => m.TearSheetHtml is not null))
            report.Section($"Tear sheet: {m.Model} (mean score of its seeds)").Embedded(m.TearSheetHtml!);
        TrainingCurves(report, models);
        var coverage = report.Section("Data coverage", "What the data could not supply, and what was done instead.");
        foreach (var line in run.Coverage) coverage.Paragraph(line);
        report.Section("Resolved configuration").Preformatted(run.ResolvedConfig);
        return report;
    }

    /// <summary>Mean ± std (ddof 1; a single seed shows its value alone) of one figure over a model's seeds.</summary>
    public static (double Mean, double Std) MeanStd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return (mean, v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : double.NaN);
    }

    private static string Cell(IEnumerable<double> values, Func<double, string> format)
    {
        var (mean, std) = MeanStd(values);
        if (!double.IsFinite(mean)) return "n/a"; // a figure the model does not have (a classifier's MAE)
        return double.IsNaN(std) ? format(mean) : $"{format(mean)} ± {format(std)}";
    }

    private static HtmlTable Table(IReadOnlyList<ModelFigures> models, bool compounded)
    {
        var table = new HtmlTable(["model", "seeds", "IC", "ICIR", "Rank IC", "Rank ICIR", "annualised excess", "information ratio", "max drawdown"]);
        string F4(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        foreach (var m in models)
        {
            var analyses = m.Seeds.Select(s => compounded ? PerformanceMetrics.ExcessCompounded(s.Excess) : PerformanceMetrics.ExcessArithmetic(s.Excess)).ToArray();
            table.Row(m.Model, m.Seeds.Count.ToString(CultureInfo.InvariantCulture),
                Cell(m.Seeds.Select(s => s.Ic), F4), Cell(m.Seeds.Select(s => s.IcIr), F4), Cell(m.Seeds.Select(s => s.RankIc), F4),
                Cell(m.Seeds.Select(s => s.RankIcIr), F4), Cell(analyses.Select(a => a.AnnualReturn), Formats.Percent2),
                Cell(analyses.Select(a => a.InformationRatio), F2), Cell(analyses.Select(a => a.MaxDrawdown), Formats.Percent2));
        }
        return table;
    }

    /// <summary>
    /// AUC, accuracy, the error measures and the time of every model, mean ± std over seeds, and the AUC of each seed
    /// as bars (paper 000's stability of repeated runs); left out when no seed has them.
    /// </summary>
    private static void Forecasts(HtmlReport report, IReadOnlyList<ModelFigures> models)
    {
        var withForecast = models.Where(m => m.Seeds.All(s => s.Forecast is not null)).ToArray();
        if (withForecast.Length == 0) return;
        var table = new HtmlTable(["model", "seeds", "AUC", "accuracy", "MAE", "RMSE", "MAPE", "price MAPE", "seconds per seed"]);
        string F4(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        string F0(double v) => v.ToString("F0", CultureInfo.InvariantCulture);
        foreach (var m in withForecast)
        {
            var f = m.Seeds.Select(s => s.Forecast!).ToArray();
            table.Row(m.Model, m.Seeds.Count.ToString(CultureInfo.InvariantCulture), Cell(f.Select(x => x.Auc), F4), Cell(f.Select(x => x.Accuracy), Formats.Percent2),
                Cell(f.Select(x => x.Mae), F4), Cell(f.Select(x => x.Rmse), F4), Cell(f.Select(x => x.Mape), Ratio), Cell(f.Select(x => x.PriceMape), Formats.Percent2),
                Cell(m.Seeds.Select(s => s.Seconds), F0));
        }
        var section = report.Section("Forecast quality",
                "Every test sample pooled: AUC of the score for up (raw label above 0) against down; accuracy with up called above the model's threshold (0.5 for a probability, 0 for a signed score); " +
                "MAE, RMSE and MAPE only where the score estimates the raw label (n/a otherwise; MAPE divides by each true return, so returns near zero make it huge, as sklearn's); " +
                "price MAPE: the error of the end price the return forecast implies, |forecast - return| / (1 + return), where the label is a forward price return. " +
                "Seconds per seed: the model's whole unit (every window's fit, prediction and the backtest) on this machine. Mean ± std over seeds.")
            .Table(table);
        var seeds = withForecast.Max(m => m.Seeds.Count);
        if (seeds < 2) return;
        var bars = BarChart.Render(withForecast.Select(m => m.Model).ToArray(),
            Enumerable.Range(0, seeds).Select(k => new BarSeries($"seed {k + 1}", withForecast.Select(m => k < m.Seeds.Count ? m.Seeds[k].Forecast!.Auc - 0.5 : double.NaN).ToArray(), Palette.At(k))).ToArray(),
            new ChartOptions("Test AUC of each seed, above 0.5 (chance)", "model", "AUC - 0.5",
                // Wide enough that every model's name fits under its group (the chart labels every k-th otherwise).
                Width: Math.Max(900, 160 + withForecast.Length * 8.0 * withForecast.Max(m => m.Model.Length)),
                YFormat: v => v.ToString("+0.000;-0.000;0", CultureInfo.InvariantCulture)));
        section.Svg(bars);
    }

    /// <summary>The strategies on the picks, filtered and not: paper 001's two-row table and its full metric table, and the unfiltered tear sheet.</summary>
    private static void Picks(HtmlReport report, PicksComparison picks)
    {
        var brief = new HtmlTable(["strategy", "annualised return", "alpha", "Sharpe", "volatility", "max drawdown"]);
        var full = new HtmlTable(["strategy", "total return", "annualised", "benchmark total", "benchmark annualised", "alpha", "beta", "Sharpe", "Sortino",
            "information ratio", "volatility", "max drawdown", "tracking error", "downside risk", "mean holdings"]);
        brief.SignedColumns.UnionWith([1, 2, 3]);
        full.SignedColumns.UnionWith([1, 2, 5, 7, 8, 9]);
        foreach (var (name, s) in picks.Rows)
        {
            brief.Row(name, Formats.Percent2(s.AnnualReturn), Formats.Percent2(s.Alpha), F2(s.Sharpe), Formats.Percent2(s.Volatility), Formats.Percent2(s.MaxDrawdown));
            full.Row(name, Formats.Percent2(s.TotalReturn), Formats.Percent2(s.AnnualReturn), Formats.Percent2(s.BenchmarkTotalReturn), Formats.Percent2(s.BenchmarkAnnualReturn),
                Formats.Percent2(s.Alpha), F2(s.Beta), F2(s.Sharpe), F2(s.Sortino), F2(s.InformationRatio), Formats.Percent2(s.Volatility), Formats.Percent2(s.MaxDrawdown),
                Formats.Percent2(s.TrackingError), Formats.Percent2(s.DownsideRisk), s.MeanHoldings.ToString("F1", CultureInfo.InvariantCulture));
        }
        report.Section("Picks: filtered against unfiltered",
                "The multi-factor model's picks held as they are (picks_unfiltered), and each model's seed ensemble keeping only the picks it scores at or above the strategy's threshold, " +
                "with the same rebalancing, rules and costs over the same span. Alpha: (1 + daily OLS alpha against the benchmark)^252 - 1; Sharpe and volatility annualised from daily returns.")
            .Table(brief).Table(full);
        report.Section("Tear sheet: picks_unfiltered").Embedded(picks.UnfilteredSheet);
    }

    /// <summary>A trials-file cell as read: fractions to four significant digits, whole numbers and names as they are.</summary>
    private static string Short(string cell) =>
        cell.Contains('.') && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v.ToString("G4", CultureInfo.InvariantCulture) : cell;

    /// <summary>The grid search of a model: every trial of every seed, the chosen one marked.</summary>
    private static void GridSearch(HtmlReport report, string model, GridTrials grid)
    {
        var table = new HtmlTable(["seed", .. grid.Header, "chosen"]);
        foreach (var (seed, row, chosen) in grid.Rows)
            table.Row([seed.ToString(CultureInfo.InvariantCulture), .. row.Select(Short), chosen ? "yes" : ""]);
        report.Section($"Grid search: {model}",
                $"Each point fitted on the train segment and scored on the valid segment by its {grid.Metric} (score); the first best point of each seed, and only it, predicted the test. The test never took part in the choice.")
            .Table(table);
    }

    /// <summary>The IC summary (mean, std, IR) on every n-th test day from the first, per seed, then mean ± std over seeds.</summary>
    private static void SampledIc(HtmlReport report, IReadOnlyList<ModelFigures> models, int every)
    {
        var table = new HtmlTable(["model", "seeds", "days", "IC mean", "IC std", "IR", "Rank IC mean", "Rank IC std", "Rank IR"]);
        foreach (var m in models)
        {
            var ic = m.Seeds.Select(s => Summary.Of(s.DailyIc.Where((_, k) => k % every == 0))).ToArray();
            var rank = m.Seeds.Select(s => Summary.Of(s.DailyRankIc.Where((_, k) => k % every == 0))).ToArray();
            table.Row(m.Model, m.Seeds.Count.ToString(CultureInfo.InvariantCulture), ic[0].Count.ToString(CultureInfo.InvariantCulture),
                Cell(ic.Select(x => x.Mean), Formats.Percent2), Cell(ic.Select(x => x.Std), Formats.Percent2), Cell(ic.Select(x => x.IcIr), F2),
                Cell(rank.Select(x => x.Mean), Formats.Percent2), Cell(rank.Select(x => x.Std), Formats.Percent2), Cell(rank.Select(x => x.IcIr), F2));
        }
        report.Section($"IC every {every} trading days",
                $"The daily IC (Pearson) and Rank IC of the test predictions against the raw label, read on every {every}th test day from the first; IR = mean / std. Mean ± std over seeds.")
            .Table(table);
    }

    /// <summary>Each model's layered test: the annualised excess return of every layer, and a bar chart of them.</summary>
    private static void Layers(HtmlReport report, IReadOnlyList<ModelFigures> models)
    {
        var tested = models.Where(m => m.LayerExcess is { Count: > 0 }).ToArray();
        if (tested.Length == 0) return;
        var layers = tested[0].LayerExcess!.Count;
        var table = new HtmlTable(["model", .. Enumerable.Range(1, layers).Select(l => $"layer {l}"), "layer 1 - layer " + layers]);
        for (var c = 1; c <= layers + 1; c++) table.SignedColumns.Add(c);
        foreach (var m in tested)
            table.Row([m.Model, .. m.LayerExcess!.Select(Formats.Percent2), Formats.Percent2(m.LayerExcess![0] - m.LayerExcess[^1])]);
        var bars = BarChart.Render(Enumerable.Range(1, layers).Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray(),
            tested.Select((m, j) => new BarSeries(m.Model, m.LayerExcess!.ToArray(), Palette.At(j))).ToArray(),
            new ChartOptions("Annualised excess return by layer", "layer (1 = highest scores)", "annualised excess return", YFormat: Formats.Percent));
        report.Section($"Layered test ({layers} layers)",
                "The seed ensemble's scores cut into equal-weight layers by rank on each rebalance day, each layer backtested with the workflow's rules, prices and costs; annualised = prod(1 + excess)^(252 / days) - 1 against the benchmark.")
            .Table(table).Svg(bars);
    }

    /// <summary>
    /// Paper 003's interpretability view: which operators and inputs the network leans on. A heatmap of the mean weight
    /// by operator and input (a pair channel counts for both of its inputs), and the channels ranked.
    /// </summary>
    private static void Significance(HtmlReport report, ModelFigures m, int top = 20)
    {
        var weights = m.Significance!;
        var operators = weights.Select(w => w.Operator).Distinct().ToArray();
        var inputs = weights.SelectMany(w => w.Inputs).Distinct().ToArray();
        var sum = new double[inputs.Length, operators.Length];
        var count = new int[inputs.Length, operators.Length];
        foreach (var w in weights)
            foreach (var input in w.Inputs)
            {
                var (r, c) = (Array.IndexOf(inputs, input), Array.IndexOf(operators, w.Operator));
                sum[r, c] += w.Weight;
                count[r, c]++;
            }
        // Against the mean channel: weights of the same initial scale differ in the third decimal, which a scale from
        // zero would paint one colour.
        var grand = weights.Average(w => w.Weight);
        var relative = new double[inputs.Length, operators.Length];
        for (var r = 0; r < inputs.Length; r++)
            for (var c = 0; c < operators.Length; c++) relative[r, c] = count[r, c] > 0 ? sum[r, c] / count[r, c] - grand : double.NaN;
        var map = Heatmap.Render(inputs, operators, relative,
            new ChartOptions($"{m.Model}: mean weight by operator and input, against the mean channel ({grand.ToString("0.0000", CultureInfo.InvariantCulture)})",
                "operator", "input", Height: 120 + 24 * inputs.Length, YFormat: v => v.ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture)),
            "weight - mean", leftMargin: 130);
        var table = new HtmlTable(["rank", "channel", "mean |weight|", "kept in"]);
        var ranked = weights.OrderByDescending(w => w.Weight).ToArray();
        for (var k = 0; k < Math.Min(top, ranked.Length); k++)
            table.Row([(k + 1).ToString(CultureInfo.InvariantCulture), ranked[k].Name, ranked[k].Weight.ToString("0.0000", CultureInfo.InvariantCulture), $"{ranked[k].Kept} of {ranked[k].Fits} fits"]);
        report.Section($"Operator significance: {m.Model}",
                "The weight the network's first learned layer gives each operator channel on its standardised value (mean |input weight| times |batch-norm scale|), " +
                "averaged over the fitted windows and seeds that kept the channel; the map shows each operator and input's mean against the mean of every channel (green above, red below; grey: no kept channel). " +
                $"{weights.Count} channels were kept at least once; the top {Math.Min(top, ranked.Length)} follow.")
            .Svg(map).Table(table);
    }

    private static string F2(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>A ratio that can be astronomically large (MAPE of returns near zero): fixed below 10,000, scientific above.</summary>
    private static string Ratio(double v) => Math.Abs(v) < 1e4 ? F2(v) : v.ToString("0.00E+0", CultureInfo.InvariantCulture);

    private static void IcByMonth(HtmlReport report, IReadOnlyList<ModelFigures> models)
    {
        // Each seed's daily Rank IC averaged within a month, then over the seeds.
        var months = models.SelectMany(m => m.Seeds.SelectMany(s => s.IcDates)).Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct().Order().ToArray();
        if (months.Length == 0) return;
        var series = new List<LineSeries>();
        var table = new HtmlTable(["month", .. models.Select(m => m.Model)]);
        var values = new double[models.Count][];
        for (var j = 0; j < models.Count; j++)
        {
            values[j] = months.Select(month => models[j].Seeds.Select(s => Enumerable.Range(0, s.IcDates.Length)
                    .Where(k => s.IcDates[k].Year == month.Year && s.IcDates[k].Month == month.Month && !double.IsNaN(s.DailyRankIc[k]))
                    .Select(k => s.DailyRankIc[k]).DefaultIfEmpty(double.NaN).Average())
                .Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average()).ToArray();
            series.Add(new LineSeries(models[j].Model, values[j], Palette.At(j)));
        }
        for (var c = 1; c <= models.Count; c++) table.SignedColumns.Add(c);
        for (var i = 0; i < months.Length; i++)
            table.Row([months[i].ToString("yyyy-MM", CultureInfo.InvariantCulture), .. values.Select(v => double.IsNaN(v[i]) ? "—" : v[i].ToString("F3", CultureInfo.InvariantCulture))]);
        report.Section("Rank IC by month", "Mean daily Rank IC of the test predictions against the raw label, per calendar month, averaged over seeds.")
            .Svg(LineChart.Render(months, series, new ChartOptions("Monthly mean Rank IC", "month", "Rank IC", YFormat: v => v.ToString("0.00", CultureInfo.InvariantCulture))))
            .Table(table);
    }

    private static void CumulativeExcess(HtmlReport report, IReadOnlyList<ModelFigures> models)
    {
        var dates = models.SelectMany(m => m.Seeds).Select(s => s.Dates).MaxBy(d => d.Length);
        if (dates is null || dates.Length == 0) return;
        var arithmetic = new List<LineSeries>();
        var compounded = new List<LineSeries>();
        for (var j = 0; j < models.Count; j++)
        {
            // The seeds' mean daily excess, on the dates all of them traded.
            var seeds = models[j].Seeds.Where(s => s.Dates.Length == dates.Length).ToArray();
            if (seeds.Length == 0) continue;
            var mean = Enumerable.Range(0, dates.Length).Select(k => seeds.Select(s => s.Excess[k]).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Average()).ToArray();
            double sum = 0, wealth = 1;
            arithmetic.Add(new LineSeries(models[j].Model, mean.Select(v => sum += v).ToArray(), Palette.At(j)));
            compounded.Add(new LineSeries(models[j].Model, mean.Select(v => (wealth *= 1 + v) - 1).ToArray(), Palette.At(j)));
        }
        report.Section("Cumulative excess return", "Each model's strategy against the benchmark, the mean of its seeds' daily excess returns.")
            .Svg(LineChart.Render(dates, arithmetic, new ChartOptions("Cumulative excess return, summed (Qlib's way)", "date", "cumulative excess", YFormat: Formats.Percent)))
            .Svg(LineChart.Render(dates, compounded, new ChartOptions("Cumulative excess return, compounded", "date", "cumulative excess", YFormat: Formats.Percent)));
    }

    private static void TrainingCurves(HtmlReport report, IReadOnlyList<ModelFigures> models)
    {
        var trained = models.Where(m => m.Seeds.Any(s => s.Curve.Epochs.Length > 0)).ToArray();
        if (trained.Length == 0) return;
        var section = report.Section("Training curves", "Per epoch: the training loss, the validation loss and the validation IC of every seed (the kept epoch is the best by the stop metric).");
        foreach (var m in trained)
        {
            var epochs = m.Seeds.Max(s => s.Curve.Epochs.Length);
            var categories = Enumerable.Range(1, epochs).Select(e => e.ToString(CultureInfo.InvariantCulture)).ToArray();
            double[] Pad(double[] v) => [.. v, .. Enumerable.Repeat(double.NaN, epochs - v.Length)];
            var ic = m.Seeds.Select((s, j) => new BarSeries($"seed {s.Seed}", Pad(s.Curve.ValidIc), Palette.At(j))).ToArray();
            // Losses of a rank-normalised label sit near 1 and move in the third decimal: bars from zero would hide
            // every change, so each curve is shown as its change since its own first epoch.
            static double[] Change(double[] v) => v.Length == 0 ? v : v.Select(x => x - v[0]).ToArray();
            var loss = m.Seeds.SelectMany((s, j) => new[]
            {
                new BarSeries($"seed {s.Seed} train", Pad(Change(s.Curve.TrainLoss)), Palette.At(2 * j)),
                new BarSeries($"seed {s.Seed} valid", Pad(Change(s.Curve.ValidLoss)), Palette.At(2 * j + 1)),
            }).ToArray();
            section.Svg(BarChart.Render(categories, ic, new ChartOptions($"{m.Model}: validation IC by epoch", "epoch", "valid IC",
                    YFormat: v => v.ToString("0.000", CultureInfo.InvariantCulture))))
                .Svg(BarChart.Render(categories, loss, new ChartOptions($"{m.Model}: loss by epoch, change since epoch 1", "epoch", "loss change (MSE of the fitting label)",
                    YFormat: v => v.ToString("0.0000", CultureInfo.InvariantCulture))));
        }
    }
}
