using System.Diagnostics;
using System.Globalization;
using AlphaSharp.Backtest;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Models.Rl;
using AlphaSharp.Nn.IO;
using AlphaSharp.Runs;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Runs a trading-agent workflow's units into a run directory: for each (stock, seed) not yet done, trains the stock's
/// DQN on the training span and plays the test span with it and both baselines (<see cref="StockStudy"/>), then writes
/// the training curve, the test days of each policy, their fills and refusals, the trained network and, last, the
/// unit's <c>done.json</c>, so an interrupted run resumes at the unit it was in.
/// </summary>
public sealed class RlRunner(RlWorkflowSpec spec, MarketData data, Action<string> log, Action<string>? status = null)
{
    public const string TrainingFile = "training.csv";
    public const string DaysFile = "test_days.csv";
    public const string OrdersFile = "orders.csv";
    public const string AgentFile = "agent.safetensors";

    /// <summary>The policies as the unit files name them: the trained agent, buy-and-hold, the seeded random policy.</summary>
    public static readonly string[] Policies = ["dqn", "buy_and_hold", "random"];

    public int RunUnits(RunDirectory run, RunShard shard, CancellationToken cancel = default)
    {
        var units = RlUnits.Of(spec);
        var mine = units.Where(u => shard.Includes(u.Unit)).ToArray();
        var todo = mine.Where(u => !run.IsDone(u.Unit)).ToArray();
        log($"{run.Id}: {units.Count} units, shard {shard} holds {mine.Length}, {mine.Length - todo.Length} already done");
        foreach (var unit in todo)
        {
            cancel.ThrowIfCancellationRequested();
            RunUnit(run, unit, cancel);
        }
        return todo.Length;
    }

    private void RunUnit(RunDirectory run, RlUnit unit, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var dir = run.UnitDirectory(unit.Unit);
        var what = $"{unit.Stock} seed {unit.Seed}";
        var every = Math.Max(1, spec.Episodes / 10);
        var result = StockStudy.Run(data, unit.Stock, (spec.Train.Start, spec.Train.End), (spec.Test.Start, spec.Test.End),
            spec.Backtest with { InitialCash = spec.StockCapital }, spec.Environment, spec.Agent with { Seed = unit.Seed }, spec.Episodes,
            e =>
            {
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{what} episode {e.Episode}/{spec.Episodes}: reward {e.TotalReward:F3}, loss {e.MeanLoss:G3}, epsilon {e.Epsilon:F2}, {clock.Elapsed.TotalSeconds:F0} s");
                if (e.Episode % every == 0 || e.Episode == spec.Episodes) log(line);
                else status?.Invoke(line);
            }, cancel);
        var records = new[] { result.Agent, result.BuyAndHold, result.Random };
        CsvTable.Write(Path.Combine(dir, TrainingFile), ["episode", "steps", "total_reward", "mean_loss", "epsilon"],
            result.Training.Select(e => (IReadOnlyList<string>)[Int(e.Episode), Int(e.Steps), CsvTable.Number(e.TotalReward), CsvTable.Number(e.MeanLoss), CsvTable.Number(e.Epsilon)]));
        var calendar = data.Calendar;
        string Date(int t) => calendar[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The three policies play the same days (one environment's span), so one row per day holds them all.
        CsvTable.Write(Path.Combine(dir, DaysFile), ["date", .. Policies.SelectMany(p => new[] { $"{p}_action", $"{p}_value" })],
            Enumerable.Range(0, result.Agent.Days.Length).Select(k => (IReadOnlyList<string>)
                [Date(result.Agent.Days[k]), .. records.SelectMany(r => new[] { r.Actions[k].ToString().ToLowerInvariant(), CsvTable.Number(r.Values[k]) })]));
        CsvTable.Write(Path.Combine(dir, OrdersFile), ["policy", "date", "side", "shares", "price", "value", "fees", "refused"],
            records.SelectMany((r, p) => r.Fills.Concat(r.Refused).OrderBy(t => t.Day).Select(t => (IReadOnlyList<string>)
                [Policies[p], Date(t.Day), t.Side.ToString().ToLowerInvariant(), CsvTable.Number(t.Shares), CsvTable.Number(t.Price), CsvTable.Number(t.Value),
                 CsvTable.Number(t.Costs.Fees), t.Filled ? "" : t.Note])));
        result.Trained.Network.SaveSafeTensors(Path.Combine(dir, AgentFile));
        var summary = JsonOutput.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("stock", unit.Stock);
            w.WriteNumber("seed", unit.Seed);
            for (var p = 0; p < Policies.Length; p++)
            {
                JsonOutput.Number(w, $"{Policies[p]}_return", records[p].RateOfReturn);
                JsonOutput.Number(w, $"{Policies[p]}_daily_sharpe", records[p].DailySharpe);
                w.WriteNumber($"{Policies[p]}_fills", records[p].Fills.Count);
                w.WriteNumber($"{Policies[p]}_refused", records[p].Refused.Count);
            }
            w.WriteNumber("episodes", result.Training.Count);
            w.WriteNumber("updates", result.Trained.Updates);
            JsonOutput.Number(w, "seconds", clock.Elapsed.TotalSeconds);
            w.WriteEndObject();
        });
        run.MarkDone(unit.Unit, summary);
        log(string.Create(CultureInfo.InvariantCulture,
            $"{unit.Unit.DirectoryName}: dqn {result.Agent.RateOfReturn:P1} (daily Sharpe {result.Agent.DailySharpe:F3}, {result.Agent.Fills.Count} fills), " +
            $"buy and hold {result.BuyAndHold.RateOfReturn:P1}, random {result.Random.RateOfReturn:P1}; {clock.Elapsed.TotalSeconds:F0} s"));
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
