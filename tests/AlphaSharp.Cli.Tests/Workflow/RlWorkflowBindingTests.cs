using AlphaSharp.Cli.Workflow;
using AlphaSharp.Models.Rl;

namespace AlphaSharp.Cli.Tests.Workflow;

/// <summary>Trading-agent workflows (an <c>agent</c> section): what they bind to, and each malformed one a line naming the file's line and the key.</summary>
public class RlWorkflowBindingTests
{
    /// <summary>An agent workflow that binds; each test changes one line of it.</summary>
    private const string Valid = """
        name: agents
        stocks: [SH601857, SH601398]
        segments:
          train: [2018-01-01, 2018-12-31]
          test: [2019-01-01, 2019-03-29]
        environment:
          window: 5
          reward: utility
        agent:
          hidden_size: 8
          epsilon: 0.15
          episodes: 2
        seeds: 2
        backtest:
          initial_cash: 200000
        """;

    private static BoundWorkflow Bind(string text) => WorkflowBinder.BindAnyText(text, "wf.yaml");

    private static IReadOnlyList<string> Problems(string text)
    {
        var e = Assert.Throws<WorkflowException>(() => Bind(text));
        return e.Problems.Select(p => p.ToString()).ToList();
    }

    private static string Replace(string line, string with)
    {
        Assert.Contains(line, Valid);
        return Valid.Replace(line, with);
    }

    [Fact]
    public void An_agent_section_makes_a_trading_agent_workflow_with_the_library_options()
    {
        var spec = Assert.IsType<RlWorkflowSpec>(Bind(Valid));
        Assert.Equal(["SH601857", "SH601398"], spec.Stocks);
        Assert.Equal((new DateOnly(2018, 1, 1), new DateOnly(2019, 3, 29)), (spec.Train.Start, spec.Test.End));
        Assert.Equal(100_000, spec.StockCapital);
        Assert.Equal(new TradingEnvironmentOptions { Window = 5, Reward = RewardKind.Utility }, spec.Environment);
        // A fixed epsilon is a schedule from it to itself; the rest are the library's defaults.
        Assert.Equal(new DqnOptions { Hidden = 8, EpsilonStart = 0.15, EpsilonEnd = 0.15 }, spec.Agent);
        Assert.Equal(2, spec.Episodes);
        Assert.False(spec.SharedAccount);
        Assert.Equal(["0000-SH601857-seed1", "0001-SH601857-seed2", "0002-SH601398-seed1", "0003-SH601398-seed2"], RlUnits.Of(spec).Select(u => u.Unit.DirectoryName));
        Assert.Equal("4 units (2 stock(s) x 2 seed(s))", spec.UnitsLine);
        // The same configuration written the other way (epsilon as a schedule) is the same run.
        var schedule = Assert.IsType<RlWorkflowSpec>(Bind(Replace("  epsilon: 0.15", "  epsilon_start: 0.15\n  epsilon_end: 0.15")));
        Assert.Equal(spec.Resolved.Hash, schedule.Resolved.Hash);
        // A model workflow's binder says what it got instead of failing on its missing sections.
        var e = Assert.Throws<WorkflowException>(() => WorkflowBinder.BindText(Valid, "wf.yaml"));
        Assert.Contains("a trading-agent workflow", e.Message);
    }

    [Fact]
    public void The_committed_paper_workflow_and_its_profiles_bind()
    {
        var path = Path.Combine(WorkflowBinderTests.ConfigsDir(), "paper002_dqn.yaml");
        var paper = Assert.IsType<RlWorkflowSpec>(WorkflowBinder.BindAny(path, "paper"));
        Assert.Equal(5, paper.Stocks.Count);
        Assert.Equal((new DateOnly(2012, 1, 1), new DateOnly(2019, 5, 29)), (paper.Train.Start, paper.Train.End));
        Assert.Equal((new DateOnly(2019, 5, 30), new DateOnly(2021, 12, 31)), (paper.Test.Start, paper.Test.End));
        Assert.Equal(100_000, paper.StockCapital);
        Assert.Equal((0.15, 0.15, 0.2), (paper.Agent.EpsilonStart, paper.Agent.EpsilonEnd, paper.Environment.RiskAversion));
        Assert.Equal("SH000001", paper.Indices.Single().Name);
        Assert.True(File.Exists(paper.Indices[0].Path));
        var smoke = Assert.IsType<RlWorkflowSpec>(WorkflowBinder.BindAny(path, "smoke"));
        Assert.NotEqual(paper.Resolved.Hash, smoke.Resolved.Hash);
    }

    [Theory]
    [InlineData("stocks: [SH601857, SH601398]", "stocks: [SH601857, SH601399]", "wf.yaml:2: stocks: SH601399 is not in the store (did you mean SH60")]
    [InlineData("stocks: [SH601857, SH601398]", "stocks: [SH601857, SH601857]", "wf.yaml:2: stocks: SH601857 is listed twice")]
    [InlineData("stocks: [SH601857, SH601398]", "stocks: SH601857", "wf.yaml:2: stocks: missing; give the list of stocks the agents trade, e.g. [SH601857, SH601398]")]
    [InlineData("  train: [2018-01-01, 2018-12-31]", "  train: [2018-01-01, 2019-02-28]", "wf.yaml:5: segments.test: starts on 2019-01-01, inside train (to 2019-02-28); train must end before test starts")]
    [InlineData("  reward: utility", "  reward: sharpe", "wf.yaml:8: environment.reward: expected one of utility, return, differential_sharpe, got 'sharpe'")]
    [InlineData("  epsilon: 0.15", "  epsilon: 0.15\n  epsilon_start: 1", "wf.yaml:11: agent.epsilon: a fixed epsilon, or epsilon_start / epsilon_end / epsilon_decay_steps for a schedule: not both")]
    [InlineData("  episodes: 2", "  episodes: 0", "wf.yaml:12: agent.episodes: expected a whole number of 1 or more, got 0")]
    [InlineData("  hidden_size: 8", "  hidden: 8", "wf.yaml:10: agent.hidden: unknown key (did you mean hidden_size?)")]
    [InlineData("  initial_cash: 200000", "  initial_cash: 200000\n  lag: 0", "wf.yaml:14: backtest: lag 0: an agent decides at the close of day t and its order fills on day t + 1; give lag: 1")]
    public void Each_malformed_line_is_one_problem_naming_its_line_and_key(string line, string with, string expected)
    {
        var problems = Problems(Replace(line, with));
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_segment_and_a_missing_index_file_are_refused_not_ignored()
    {
        var valid = Problems(Replace("  test: [2019-01-01, 2019-03-29]", "  valid: [2019-01-01, 2019-01-31]\n  test: [2019-02-01, 2019-03-29]"));
        Assert.Contains(valid, p => p.Contains("segments: valid: an agent trains on train and is tested on test", StringComparison.Ordinal));
        var index = Problems(Valid + "\nindices:\n  SH000001: no_such_index.csv.gz\n");
        Assert.Contains(index, p => p.StartsWith("wf.yaml:17: indices.SH000001: 'no_such_index.csv.gz': no such file", StringComparison.Ordinal));
    }
}
