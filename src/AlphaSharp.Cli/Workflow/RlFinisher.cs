using System.Globalization;
using System.Text.Json.Nodes;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Models.Rl;
using AlphaSharp.Nn.IO;
using AlphaSharp.Reports.Research;
using AlphaSharp.Runs;
using static AlphaSharp.Cli.Workflow.UnitCsv;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Finishes a trading-agent run once every unit is done, from the units' files alone: each stock's paths per policy and
/// seed, the account (the slots added up per seed), the indices over the same days, <c>metrics.json</c>,
/// <c>results.csv</c> (mean and std over seeds of every figure) and the report.
/// </summary>
public static class RlFinisher
{
    public const string ResultsFile = "results.csv";

    public static IReadOnlyList<RlUnit> Pending(RlWorkflowSpec spec, RunDirectory run) => RlUnits.Of(spec).Where(u => !run.IsDone(u.Unit)).ToArray();

    public static void Finish(RlWorkflowSpec spec, MarketData data, RunDirectory run, Action<string> log)
    {
        var pending = Pending(spec, run);
        if (pending.Count > 0)
            throw new InputException($"{run.Path}: {pending.Count} units are not done ({string.Join(", ", pending.Take(5).Select(u => u.Unit.DirectoryName))}); run the workflow (or its other shards) again to finish them");
        var study = Study(spec, data, run);
        var metrics = new JsonObject();
        var rows = new List<IReadOnlyList<string>>();
        void Figure(JsonObject into, string scope, string name, IEnumerable<double> values)
        {
            var v = values.ToArray();
            var (mean, std) = ModelComparisonReport.MeanStd(v);
            into[name] = Json(mean);
            if (v.Length > 1) into[name + "_std"] = Json(std);
            rows.Add([scope, name, CsvTable.Number(mean), CsvTable.Number(std), v.Length.ToString(CultureInfo.InvariantCulture)]);
        }
        void Paths(JsonObject into, string scope, IReadOnlyList<PolicyPath> agent, PolicyPath hold, IReadOnlyList<PolicyPath> random)
        {
            foreach (var (name, paths) in new[] { ("dqn", agent), ("buy_and_hold", (IReadOnlyList<PolicyPath>)[hold]), ("random", random) })
            {
                Figure(into, scope, $"{name}_return", paths.Select(p => p.Return));
                Figure(into, scope, $"{name}_daily_sharpe", paths.Select(p => p.DailySharpe));
                Figure(into, scope, $"{name}_fills", paths.Select(p => (double)p.Fills));
            }
        }
        var account = new JsonObject();
        Paths(account, "account", study.AccountAgent, study.AccountBuyAndHold, study.AccountRandom);
        if (study.SharedAccount is { } sharedPlays)
        {
            Figure(account, "account", "shared_dqn_return", sharedPlays.Select(p => p.Return));
            Figure(account, "account", "shared_dqn_daily_sharpe", sharedPlays.Select(p => p.DailySharpe));
        }
        metrics["account"] = account;
        var indices = new JsonObject();
        foreach (var i in study.Indices) indices[i.Name] = Json(i.Return);
        metrics["indices"] = indices;
        var stocks = new JsonObject();
        foreach (var s in study.Stocks)
        {
            var figures = new JsonObject();
            Paths(figures, s.Stock, s.Agent, s.BuyAndHold, s.Random);
            stocks[s.Stock] = figures;
        }
        metrics["stocks"] = stocks;
        CsvTable.Write(run.File(ResultsFile), ["scope", "metric", "mean", "std", "seeds"], rows);
        var context = UnitCsv.Context(run, spec.Title, Coverage(spec, data));
        run.Finish(metrics.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), TradingAgentReport.Build(context, study).Render());
        log(string.Create(CultureInfo.InvariantCulture,
            $"{run.Id}: account {string.Join(", ", study.AccountAgent.Select(a => $"seed {a.Seed} {a.Return:P2}"))}; buy and hold {study.AccountBuyAndHold.Return:P2}; " +
            $"{string.Join(", ", study.Indices.Select(i => $"{i.Name} {i.Return:P2}"))}; report {run.ReportPath}"));
    }

    private static JsonNode? Json(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    /// <summary>The study as the report draws it, read back from the units' files.</summary>
    public static TradingAgentStudy Study(RlWorkflowSpec spec, MarketData data, RunDirectory run)
    {
        var units = RlUnits.Of(spec);
        DateOnly[]? dates = null;
        var figures = new List<StockStudyFigures>();
        var close = data.Panel.Field("close");
        var T = data.Calendar.Count;
        foreach (var group in units.GroupBy(u => u.Stock))
        {
            var agent = new List<PolicyPath>();
            var random = new List<PolicyPath>();
            PolicyPath? hold = null;
            var rewards = new List<double[]>();
            IReadOnlyList<Reports.Charts.ChartMark> marks = [];
            var i = data.Panel.IndexOf(group.Key);
            double[] prices = [];
            foreach (var unit in group)
            {
                var dir = run.UnitDirectory(unit.Unit);
                var done = Done(run, unit.Unit);
                var days = Csv(Path.Combine(dir, RlRunner.DaysFile));
                var unitDates = Dates(days);
                if (dates is null)
                {
                    dates = unitDates;
                    if (dates.Length == 0) throw new InputException($"{Path.Combine(dir, RlRunner.DaysFile)}: no test days");
                }
                else if (!unitDates.SequenceEqual(dates))
                    throw new InputException($"{Path.Combine(dir, RlRunner.DaysFile)}: its test days differ from the other units' ({unitDates.Length} days from {unitDates.FirstOrDefault():yyyy-MM-dd}, not {dates.Length} from {dates[0]:yyyy-MM-dd}); the run's files were edited");
                PolicyPath Path1(string policy) => new(unit.Seed, spec.StockCapital, Column(days, $"{policy}_value"),
                    (int)(done[$"{policy}_fills"]?.GetValue<double>() ?? 0), (int)(done[$"{policy}_refused"]?.GetValue<double>() ?? 0));
                agent.Add(Path1("dqn"));
                random.Add(Path1("random"));
                hold ??= Path1("buy_and_hold");
                rewards.Add(Column(Csv(Path.Combine(dir, RlRunner.TrainingFile)), "total_reward"));
                if (prices.Length == 0)
                {
                    prices = dates.Select(d => (double)close[i * T + data.Calendar.IndexOf(d)]).ToArray();
                    var orders = Csv(Path.Combine(dir, RlRunner.OrdersFile));
                    var shares = Column(orders, "shares");
                    var fills = orders.Rows.Select((r, k) => (Row: r, Shares: shares[k])).Where(o => o.Row[0] == "dqn" && o.Shares > 0)
                        .Select(o => (DateOnly.ParseExact(o.Row[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), o.Row[2] == "buy"));
                    marks = TradingAgentReport.TradeMarks(dates, prices, fills);
                }
            }
            figures.Add(new StockStudyFigures(group.Key, data.Industry.GetValueOrDefault(group.Key), prices, agent, hold!, random, marks, rewards));
        }
        var start = data.Calendar.IndexOf(dates![0]) - 1;
        var indices = new List<IndexPath>();
        if (data.Benchmark is { } b) indices.Add(Index(b, data, start, dates));
        foreach (var file in spec.Indices) indices.Add(Index(BenchmarkCsv.Read(file.Path, data.Calendar), data, start, dates, file.Name));
        var shared = spec.SharedAccount ? SharedPlays(spec, data, run, dates) : null;
        return new TradingAgentStudy(dates, figures, indices, spec.Claim, shared);
    }

    public const string SharedAccountFile = "shared_account.csv";

    /// <summary>
    /// Each seed's trained agents (read back from their units' networks) trading one account of the whole capital
    /// over the test days; the values per seed also go to <c>shared_account.csv</c>.
    /// </summary>
    private static IReadOnlyList<PolicyPath> SharedPlays(RlWorkflowSpec spec, MarketData data, RunDirectory run, DateOnly[] dates)
    {
        var units = RlUnits.Of(spec);
        var paths = new List<PolicyPath>();
        foreach (var seed in spec.Seeds)
        {
            var agents = spec.Stocks.Select(stock =>
            {
                var unit = units.Single(u => u.Stock == stock && u.Seed == seed);
                var agent = new DqnAgent(spec.Environment.Window, Paper002Features.Expressions.Count + AccountEnvironment.StateFeatures, 3, spec.Agent with { Seed = seed });
                agent.Network.LoadSafeTensors(Path.Combine(run.UnitDirectory(unit.Unit), RlRunner.AgentFile));
                return agent;
            }).ToArray();
            var play = SharedAccount.Play(data, spec.Stocks, (spec.Train.Start, spec.Train.End), (spec.Test.Start, spec.Test.End), spec.Backtest, spec.Environment, agents);
            if (play.Days.Length != dates.Length)
                throw new InputException($"shared account: {play.Days.Length} test days, the units have {dates.Length}; the run's files do not match this store");
            paths.Add(new PolicyPath(seed, play.InitialValue, play.Values, play.Fills.Count, play.Refused.Count));
        }
        CsvTable.Write(run.File(SharedAccountFile), ["date", .. paths.Select(p => $"seed{p.Seed}_value")],
            dates.Select((d, k) => (IReadOnlyList<string>)[d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. paths.Select(p => CsvTable.Number(p.Values[k]))]));
        return paths;
    }

    private static IndexPath Index(BenchmarkSeries series, MarketData data, int start, DateOnly[] dates, string? name = null)
    {
        var values = dates.Select(d => (double)series.Close[data.Calendar.IndexOf(d)]).Prepend(series.Close[start]).ToArray();
        var missing = Array.FindIndex(values, v => !double.IsFinite(v));
        if (missing >= 0) throw new InputException($"index {name ?? series.Symbol}: no close on {data.Calendar[missing == 0 ? start : data.Calendar.IndexOf(dates[missing - 1])]:yyyy-MM-dd}, a day of the test span");
        return new IndexPath(name ?? series.Symbol, values[0], values[1..]);
    }

    /// <summary>What the data could not supply, and the rules the agents traded under: the report's data notes.</summary>
    public static IReadOnlyList<string> Coverage(RlWorkflowSpec spec, MarketData data) =>
    [
        $"each of the {spec.Stocks.Count} stocks is traded by its own agent with {spec.StockCapital.ToString("#,0", CultureInfo.InvariantCulture)} CNY, an equal share of {spec.Backtest.InitialCash.ToString("#,0", CultureInfo.InvariantCulture)}" +
        (spec.SharedAccount ? "; account: shared also lets the trained agents trade one account of the whole capital on the test span (sells first, buys sharing the cash equally among the stocks without a position); they were trained each on its own share" : ""),
        $"decisions at the close of day t fill on day t + 1 at the {spec.Backtest.Price.ToString().ToLowerInvariant()} (a price the agent has not seen), after the backtest's fees; an order its rules refuse (with rules: china a buy at limit-up, a sell at limit-down, a sell of shares bought the same day, any order on a suspended day, and lots of 100 shares) fills nothing and the agent sees the refusal",
        "observations are z-scored with each stock's training-span statistics only; the test span is never seen in training",
        data.Benchmark is null ? "the store has no benchmark series" : $"the store's benchmark {data.Benchmark.Symbol} and the indices files are compared over the same test days",
        "industries are a snapshot, not point-in-time",
    ];
}
