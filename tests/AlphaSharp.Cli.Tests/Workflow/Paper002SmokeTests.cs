using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using AlphaSharp.Runs;

namespace AlphaSharp.Cli.Tests.Workflow;

/// <summary>
/// Paper 002's workflow on its smoke profile (what CI runs): two stocks' agents trained and tested; the account, the
/// indices and the per-stock figures checked against the units' own files and the index file read independently;
/// the same run twice gives the same bits; the shared account plays the trained agents together.
/// </summary>
[Collection(CliHarness.Name)]
public class Paper002SmokeTests
{
    private static string Workflow => Path.Combine(WorkflowBinderTests.ConfigsDir(), "paper002_dqn.yaml");

    private static double Number(JsonNode node, string key) => node[key]!.GetValue<double>();

    [Fact]
    public void The_account_adds_the_slots_up_and_stands_beside_the_indices_over_the_same_days()
    {
        using var tmp = new CliTempDir();
        var runs = Path.Combine(tmp.Dir, "runs");
        var r = CliHarness.Run("run", Workflow, "--profile", "smoke", "--runs", runs);
        Assert.True(r.Exit == 0, r.Err);
        var run = new RunStore(runs).List().Runs.Single();
        Assert.True(run.Manifest.IsFinished);
        var units = Directory.GetDirectories(Path.Combine(run.Path, RunDirectory.UnitsFolder)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["0000-SH601857-seed1", "0001-SH601857-seed2", "0002-SH601398-seed1", "0003-SH601398-seed2"], units.Select(Path.GetFileName));

        // Each unit's last test-day values: the account of a seed is its two slots of 250,000 added up.
        double Last(string unit, string column)
        {
            var lines = File.ReadAllLines(Path.Combine(unit, "test_days.csv"));
            var j = Array.IndexOf(lines[0].Split(','), column);
            return double.Parse(lines[^1].Split(',')[j], CultureInfo.InvariantCulture);
        }
        var metrics = JsonNode.Parse(File.ReadAllText(run.MetricsPath))!;
        var account = metrics["account"]!;
        var seeds = new[] { (Last(units[0], "dqn_value") + Last(units[2], "dqn_value")) / 500_000 - 1, (Last(units[1], "dqn_value") + Last(units[3], "dqn_value")) / 500_000 - 1 };
        Assert.Equal(seeds.Average(), Number(account, "dqn_return"), 10);
        Assert.Equal((Last(units[0], "buy_and_hold_value") + Last(units[2], "buy_and_hold_value")) / 500_000 - 1, Number(account, "buy_and_hold_return"), 10);
        // Buy-and-hold does not depend on the seed.
        Assert.Equal(Last(units[0], "buy_and_hold_value"), Last(units[1], "buy_and_hold_value"));

        // The Shanghai Composite from its file, read here on its own: the close of the last test day over the close of
        // the first decision day (the first trading day of the test span, 2019-01-02).
        var closes = new Dictionary<string, double>();
        using (var gz = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(WorkflowBinderTests.ConfigsDir(), "..", "data", "indices", "sh000001.csv.gz")), CompressionMode.Decompress)))
        {
            gz.ReadLine();
            while (gz.ReadLine() is { } line)
            {
                var f = line.Split(',');
                closes[f[0]] = double.Parse(f[5], CultureInfo.InvariantCulture);
            }
        }
        var days = File.ReadAllLines(Path.Combine(units[0], "test_days.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal("2019-01-03", days[0]); // the first decision's fill day
        Assert.Equal("2019-03-29", days[^1]);
        Assert.Equal(closes["2019-03-29"] / closes["2019-01-02"] - 1, Number(metrics["indices"]!, "SH000001"), 5);

        // Per stock: the daily Sharpe of the seed-1 agent from its own values, by hand.
        var values = File.ReadAllLines(Path.Combine(units[0], "test_days.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        var returns = values.Select((v, k) => v / (k == 0 ? 250_000 : values[k - 1]) - 1).ToArray();
        var mean = returns.Average();
        var sd = Math.Sqrt(returns.Sum(x => (x - mean) * (x - mean)) / (returns.Length - 1));
        var done = JsonNode.Parse(File.ReadAllText(Path.Combine(units[0], RunDirectory.UnitDoneFile)))!;
        Assert.Equal(mean / sd, Number(done, "dqn_daily_sharpe"), 9);

        // The report: the claim and the verdict, each stock's chart with one mark per fill of the seed-1 agent.
        var report = File.ReadAllText(run.ReportPath);
        Assert.Contains("The claim, and what held here", report);
        Assert.Contains("Claim: the account returned 32.12 %", report);
        var fills = File.ReadAllLines(Path.Combine(units[0], "orders.csv")).Skip(1).Count(l => l.StartsWith("dqn,", StringComparison.Ordinal) && l.Split(',')[^1].Length == 0);
        var section = report[report.IndexOf("SH601857: close and the agent", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</svg>", StringComparison.Ordinal)];
        Assert.Equal(fills, System.Text.RegularExpressions.Regex.Matches(section, "class=\"mark\"").Count);

        // The same workflow again (a new run: the first finished) gives the same bits.
        var again = CliHarness.Run("run", Workflow, "--profile", "smoke", "--runs", runs);
        Assert.True(again.Exit == 0, again.Err);
        var second = new RunStore(runs).List().Runs.Single(x => x.Id != run.Id);
        Assert.Equal(File.ReadAllText(run.MetricsPath), File.ReadAllText(second.MetricsPath));
    }

    [Fact]
    public void Two_shards_and_an_interrupted_run_resumed_give_the_bits_of_one_whole_run()
    {
        using var tmp = new CliTempDir();
        string[] smoke = ["run", Workflow, "--profile", "smoke", "--set", "seeds=1"];
        var whole = Path.Combine(tmp.Dir, "whole");
        Assert.Equal(0, CliHarness.Run([.. smoke, "--runs", whole]).Exit);
        var sharded = Path.Combine(tmp.Dir, "sharded");
        var first = CliHarness.Run([.. smoke, "--runs", sharded, "--shard", "1/2", "--run-id", "job-2"]);
        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains("the run finishes when the other shards' are", first.Out);
        Assert.Equal(0, CliHarness.Run([.. smoke, "--runs", sharded, "--shard", "2/2", "--run-id", "job-2"]).Exit);
        var resumed = Path.Combine(tmp.Dir, "resumed");
        Assert.Equal(0, CliHarness.Run([.. smoke, "--runs", resumed, "--shard", "2/2"]).Exit);
        var again = CliHarness.Run([.. smoke, "--runs", resumed]);
        Assert.Contains("resuming", again.Err);
        string Metrics(string runs) => File.ReadAllText(new RunStore(runs).List().Runs.Single().MetricsPath);
        Assert.Equal(Metrics(whole), Metrics(sharded));
        Assert.Equal(Metrics(whole), Metrics(resumed));
    }

    [Fact]
    public void A_shared_account_plays_the_trained_agents_together_over_the_same_days()
    {
        using var tmp = new CliTempDir();
        var runs = Path.Combine(tmp.Dir, "runs");
        var r = CliHarness.Run("run", Workflow, "--profile", "smoke", "--set", "account=shared", "--set", "seeds=1", "--runs", runs);
        Assert.True(r.Exit == 0, r.Err);
        var run = new RunStore(runs).List().Runs.Single();
        var shared = File.ReadAllLines(Path.Combine(run.Path, "shared_account.csv"));
        var unit = Directory.GetDirectories(Path.Combine(run.Path, RunDirectory.UnitsFolder)).Order(StringComparer.Ordinal).First();
        var days = File.ReadAllLines(Path.Combine(unit, "test_days.csv"));
        Assert.Equal(days.Select(l => l.Split(',')[0]).Skip(1), shared.Skip(1).Select(l => l.Split(',')[0]));
        var metrics = JsonNode.Parse(File.ReadAllText(run.MetricsPath))!["account"]!;
        Assert.Equal(double.Parse(shared[^1].Split(',')[1], CultureInfo.InvariantCulture) / 500_000 - 1, Number(metrics, "shared_dqn_return"), 10);
        Assert.Contains("DQN agents, one shared account", File.ReadAllText(run.ReportPath));
    }
}
