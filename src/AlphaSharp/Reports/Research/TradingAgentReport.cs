using System.Globalization;
using AlphaSharp.Evaluation.Performance;
using AlphaSharp.Reports.Charts;
using AlphaSharp.Reports.Html;

namespace AlphaSharp.Reports.Research;

/// <summary>
/// One policy's test episode on one stock (or an account of several): the account value after each test day's close,
/// starting from <see cref="InitialValue"/> on the decision day before the first, and its fill and refusal counts.
/// </summary>
public sealed record PolicyPath(ulong Seed, double InitialValue, double[] Values, int Fills, int Refused)
{
    public double Return => Values.Length == 0 ? 0 : Values[^1] / InitialValue - 1;

    /// <summary>Each day's return on the value before it (the first on the initial value).</summary>
    public double[] DailyReturns => Values.Select((v, k) => v / (k == 0 ? InitialValue : Values[k - 1]) - 1).ToArray();

    /// <summary>Mean over standard deviation (ddof 1) of the daily returns, not annualised (paper 002's daily Sharpe).</summary>
    public double DailySharpe => PerformanceMetrics.Sharpe(DailyReturns, 0, periodsPerYear: 1);

    /// <summary>Several slots' paths over the same days as one account holding them all: values, capital and counts add up.</summary>
    public static PolicyPath Sum(IReadOnlyList<PolicyPath> slots, ulong seed)
    {
        var days = slots[0].Values.Length;
        if (slots.Any(s => s.Values.Length != days)) throw new ArgumentException("an account adds up paths over the same days");
        var values = new double[days];
        foreach (var s in slots)
            for (var k = 0; k < days; k++) values[k] += s.Values[k];
        return new PolicyPath(seed, slots.Sum(s => s.InitialValue), values, slots.Sum(s => s.Fills), slots.Sum(s => s.Refused));
    }
}

/// <summary>
/// One stock's study for the report: its close on each test day, the trained agent's path per seed, buy-and-hold's,
/// the random policy's per seed, the first seed's trades as marks on the close, and each seed's total training reward
/// per episode.
/// </summary>
public sealed record StockStudyFigures(string Stock, string? Industry, double[] Close, IReadOnlyList<PolicyPath> Agent, PolicyPath BuyAndHold,
    IReadOnlyList<PolicyPath> Random, IReadOnlyList<ChartMark> Marks, IReadOnlyList<double[]> TrainingReward);

/// <summary>An index over the test days: its close, and its return from the decision day before the first.</summary>
public sealed record IndexPath(string Name, double Start, double[] Close)
{
    public double Return => Close.Length == 0 ? 0 : Close[^1] / Start - 1;
}

/// <summary>
/// The whole study: the test days, each stock's figures, the account (the stocks' slots added up, per seed; the
/// shared-account play where there is one), the indices, and the claim the report is checked against.
/// </summary>
public sealed record TradingAgentStudy(DateOnly[] Dates, IReadOnlyList<StockStudyFigures> Stocks, IReadOnlyList<IndexPath> Indices, string? Claim,
    IReadOnlyList<PolicyPath>? SharedAccount = null)
{
    public IReadOnlyList<PolicyPath> AccountAgent => Seeds.Select(k => PolicyPath.Sum(Stocks.Select(s => s.Agent[k]).ToArray(), Stocks[0].Agent[k].Seed)).ToArray();
    public PolicyPath AccountBuyAndHold => PolicyPath.Sum(Stocks.Select(s => s.BuyAndHold).ToArray(), 0);
    public IReadOnlyList<PolicyPath> AccountRandom => Seeds.Select(k => PolicyPath.Sum(Stocks.Select(s => s.Random[k]).ToArray(), Stocks[0].Random[k].Seed)).ToArray();
    private IEnumerable<int> Seeds => Enumerable.Range(0, Stocks[0].Agent.Count);
}

/// <summary>
/// The trading-agent report: the claim and what held, the account against the indices (the agent per seed and its
/// mean ± std, buy-and-hold and the random policy under the same rules and costs), the account value chart, the
/// per-stock table (rate of return, daily Sharpe, trades), each stock's close with the agent's buys and sells and its
/// slot's value, the training rewards, the data notes and the resolved configuration.
/// </summary>
public static class TradingAgentReport
{
    private const string BuyColor = "#2ca02c";
    private const string SellColor = "#d62728";

    public static HtmlReport Build(RunContext run, TradingAgentStudy study)
    {
        var report = new HtmlReport(run.Title, string.Join(" · ", run.Provenance.Select(p => $"{p.Key} {p.Value}")));
        Verdict(report, study);
        Account(report, study);
        Stocks(report, study);
        foreach (var s in study.Stocks) Stock(report, study, s);
        Training(report, study);
        var coverage = report.Section("Data coverage", "What the data could not supply, and what was done instead.");
        foreach (var line in run.Coverage) coverage.Paragraph(line);
        report.Section("Resolved configuration").Preformatted(run.ResolvedConfig);
        return report;
    }

    /// <summary>
    /// Mean ± std over the seeds that have the figure; a seed without it (a daily Sharpe of a policy that never left
    /// cash has no spread to divide by) is counted, not averaged in as a number it does not have.
    /// </summary>
    private static string Cell(IEnumerable<double> values, Func<double, string> format)
    {
        var all = values.ToArray();
        var finite = all.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return "n/a";
        var (mean, std) = ModelComparisonReport.MeanStd(finite);
        var text = double.IsNaN(std) ? format(mean) : $"{format(mean)} ± {format(std)}";
        return finite.Length == all.Length ? text : $"{text} (n/a in {all.Length - finite.Length} of {all.Length})";
    }

    private static string F3(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>The figures the claim is about, computed here: the account against each index, and the stocks with a positive daily Sharpe.</summary>
    private static void Verdict(HtmlReport report, TradingAgentStudy study)
    {
        var section = report.Section("The claim, and what held here");
        if (study.Claim is { Length: > 0 } claim) section.Paragraph($"Claim: {claim}");
        var agent = study.AccountAgent;
        var (mean, _) = ModelComparisonReport.MeanStd(agent.Select(a => a.Return));
        foreach (var index in study.Indices)
            section.Paragraph($"Account, trained agents: {Cell(agent.Select(a => a.Return), Formats.Percent2)} over {agent.Count} seed(s) against {index.Name} {Formats.Percent2(index.Return)}: " +
                              $"{(mean > index.Return ? "above" : "not above")} it on the mean, above it in {agent.Count(a => a.Return > index.Return)} of {agent.Count} seeds.");
        section.Paragraph($"Same rules and costs: buy-and-hold {Formats.Percent2(study.AccountBuyAndHold.Return)}, random policy {Cell(study.AccountRandom.Select(a => a.Return), Formats.Percent2)}; " +
                          $"the agents {(mean > study.AccountBuyAndHold.Return ? "beat" : "did not beat")} buy-and-hold on the mean.");
        var positive = study.Stocks.Count(s => ModelComparisonReport.MeanStd(s.Agent.Select(a => a.DailySharpe)).Mean > 0);
        var everySeed = study.Stocks.Count(s => s.Agent.All(a => a.DailySharpe > 0));
        section.Paragraph($"Daily Sharpe above 0: {positive} of {study.Stocks.Count} stocks on the seeds' mean, {everySeed} of {study.Stocks.Count} in every seed " +
                          "(a seed that never left cash has no daily Sharpe, and counts as not above 0).");
        if (study.SharedAccount is { Count: > 0 } shared)
            section.Paragraph($"The trained agents trading one shared account: {Cell(shared.Select(a => a.Return), Formats.Percent2)}.");
    }

    private static void Account(HtmlReport report, TradingAgentStudy study)
    {
        var section = report.Section("The account",
            "Each stock's agent trades its equal share of the capital; the account adds the slots up. Rate of return over the test span " +
            "(from the close of its first day), daily Sharpe = mean / std of the account's daily returns (not annualised).");
        var table = new HtmlTable(["policy", "rate of return", "daily Sharpe", .. study.Indices.Select(i => $"minus {i.Name}"), "fills", "refused orders"]);
        void Row(string name, IReadOnlyList<PolicyPath> paths) =>
            table.Row([name, Cell(paths.Select(p => p.Return), Formats.Percent2), Cell(paths.Select(p => p.DailySharpe), F3),
                .. study.Indices.Select(i => Cell(paths.Select(p => p.Return - i.Return), Formats.Percent2)),
                Cell(paths.Select(p => (double)p.Fills), Formats.Integer), Cell(paths.Select(p => (double)p.Refused), Formats.Integer)]);
        var agent = study.AccountAgent;
        Row($"DQN agents ({agent.Count} seeds)", agent);
        foreach (var a in agent) Row($"DQN agents, seed {a.Seed}", [a]);
        if (study.SharedAccount is { Count: > 0 } shared) Row("DQN agents, one shared account", shared);
        Row("buy and hold", [study.AccountBuyAndHold]);
        Row($"random policy ({study.AccountRandom.Count} seeds)", study.AccountRandom);
        foreach (var i in study.Indices) table.Row([$"index {i.Name}", Formats.Percent2(i.Return), F3(PerformanceMetrics.Sharpe(IndexReturns(i), 0, 1)), .. study.Indices.Select(_ => ""), "", ""]);
        section.Table(table);
        var capital = study.AccountBuyAndHold.InitialValue;
        var lines = agent.Select((a, k) => new LineSeries($"DQN seed {a.Seed}", a.Values, Palette.At(k))).ToList();
        if (study.SharedAccount is { Count: > 0 } one) lines.Add(new LineSeries($"DQN shared account, seed {one[0].Seed}", one[0].Values, "#8c564b", Dashed: true));
        lines.Add(new LineSeries("buy and hold", study.AccountBuyAndHold.Values, "#444444"));
        lines.Add(new LineSeries($"random (seed {study.AccountRandom[0].Seed})", study.AccountRandom[0].Values, "#999999"));
        lines.AddRange(study.Indices.Select((i, k) => new LineSeries($"{i.Name} (scaled)", i.Close.Select(c => capital * c / i.Start).ToArray(), Palette.At(agent.Count + k), Dashed: true)));
        section.Svg(LineChart.Render(study.Dates, lines, new ChartOptions("Account value over the test span", "date", "account value (CNY)", YFormat: Money, ZeroLine: false)));
    }

    private static double[] IndexReturns(IndexPath i) => i.Close.Select((c, k) => c / (k == 0 ? i.Start : i.Close[k - 1]) - 1).ToArray();

    private static string Money(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);

    private static void Stocks(HtmlReport report, TradingAgentStudy study)
    {
        // The industry is in each stock's own section heading: the table stays within the page.
        var table = new HtmlTable(["stock", "DQN return", "DQN Sharpe", "B&H return", "B&H Sharpe", "random return", "random Sharpe", "DQN fills", "refused"]);
        foreach (var s in study.Stocks)
            table.Row(s.Stock, Cell(s.Agent.Select(a => a.Return), Formats.Percent2), Cell(s.Agent.Select(a => a.DailySharpe), F3),
                Formats.Percent2(s.BuyAndHold.Return), F3(s.BuyAndHold.DailySharpe), Cell(s.Random.Select(a => a.Return), Formats.Percent2), Cell(s.Random.Select(a => a.DailySharpe), F3),
                Cell(s.Agent.Select(a => (double)a.Fills), Formats.Integer), Cell(s.Agent.Select(a => (double)a.Refused), Formats.Integer));
        report.Section("Stocks", "Each stock's slot on its own: mean ± std over seeds (buy-and-hold, B&H, has no seed); Sharpe is the daily one, not annualised; " +
            "refused: the agent's orders its rules refused (limit, T+1, suspension).").Table(table);
    }

    private static void Stock(HtmlReport report, TradingAgentStudy study, StockStudyFigures s)
    {
        var seed = s.Agent[0].Seed;
        var section = report.Section($"{s.Stock}{(s.Industry is null ? "" : $" ({s.Industry})")}",
            $"The close (raw CNY) with the seed-{seed} agent's fills: a buy fills at the open of the day after its decision, marked at that day's close.");
        section.Svg(LineChart.Render(study.Dates, [new LineSeries("close", s.Close, "#1f77b4")],
            new ChartOptions($"{s.Stock}: close and the agent's trades (seed {seed})", "date", "price (CNY)", ZeroLine: false), s.Marks));
        var lines = s.Agent.Select((a, k) => new LineSeries($"DQN seed {a.Seed}", a.Values, Palette.At(k))).ToList();
        lines.Add(new LineSeries("buy and hold", s.BuyAndHold.Values, "#444444"));
        lines.Add(new LineSeries($"random (seed {s.Random[0].Seed})", s.Random[0].Values, "#999999"));
        section.Svg(LineChart.Render(study.Dates, lines, new ChartOptions($"{s.Stock}: the slot's value", "date", "value (CNY)", YFormat: Money, ZeroLine: false)));
    }

    /// <summary>Marks for a chart: each fill on its row of the test days, at that day's close, green up for a buy and red down for a sell.</summary>
    public static IReadOnlyList<ChartMark> TradeMarks(DateOnly[] dates, double[] close, IEnumerable<(DateOnly Date, bool Buy)> fills) =>
        fills.Select(f => (Row: Array.IndexOf(dates, f.Date), f.Buy)).Where(f => f.Row >= 0)
            .Select(f => new ChartMark(f.Row, close[f.Row], f.Buy, f.Buy ? "buy" : "sell", f.Buy ? BuyColor : SellColor)).ToArray();

    private static void Training(HtmlReport report, TradingAgentStudy study)
    {
        var episodes = study.Stocks.Max(s => s.TrainingReward.Max(r => r.Length));
        if (episodes == 0) return;
        var categories = Enumerable.Range(1, episodes).Select(e => e.ToString(CultureInfo.InvariantCulture)).ToArray();
        var series = study.Stocks.Select((s, j) => new BarSeries(s.Stock,
            Enumerable.Range(0, episodes).Select(e => s.TrainingReward.Where(r => r.Length > e).Select(r => r[e]).DefaultIfEmpty(double.NaN).Average()).ToArray(), Palette.At(j))).ToArray();
        report.Section("Training", "Total reward of each training episode (exploring, epsilon-greedy), mean over seeds.")
            .Svg(BarChart.Render(categories, series, new ChartOptions("Training reward by episode", "episode", "total reward", YFormat: F3)));
    }
}
