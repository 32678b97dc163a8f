using AlphaSharp.Reports.Research;

namespace AlphaSharp.Tests.Reports.Research;

/// <summary>The trading-agent report's figures: a path's return and daily Sharpe by hand, an account as its slots added up, and the page's verdict lines.</summary>
public sealed class TradingAgentReportTests
{
    private static readonly DateOnly[] Dates = [new(2020, 1, 2), new(2020, 1, 3), new(2020, 1, 6)];

    [Fact]
    public void A_path_returns_and_its_daily_sharpe_and_an_account_add_up_by_hand()
    {
        var a = new PolicyPath(1, 100, [110, 99, 121], 2, 1);
        Assert.Equal(0.21, a.Return, 12);
        double[] r = [0.1, 99.0 / 110 - 1, 121.0 / 99 - 1];
        for (var k = 0; k < r.Length; k++) Assert.Equal(r[k], a.DailyReturns[k], 12);
        var mean = r.Average();
        Assert.Equal(mean / Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / 2), a.DailySharpe, 12);
        var account = PolicyPath.Sum([a, new PolicyPath(1, 100, [100, 100, 100], 0, 3)], 1);
        Assert.Equal([210.0, 199, 221], account.Values);
        Assert.Equal((200.0, 2, 4), (account.InitialValue, account.Fills, account.Refused));
        Assert.Equal(0.105, account.Return, 12);
        // A policy that never left cash has no spread, so no daily Sharpe.
        Assert.True(double.IsNaN(new PolicyPath(1, 100, [100, 100, 100], 0, 0).DailySharpe));
        Assert.Throws<ArgumentException>(() => PolicyPath.Sum([a, new PolicyPath(1, 100, [100], 0, 0)], 1));
    }

    [Fact]
    public void The_verdict_sets_the_account_against_each_index_and_counts_the_stocks_with_a_positive_daily_sharpe()
    {
        StockStudyFigures Stock(string name, double[][] agent) => new(name, null, [10, 11, 12],
            agent.Select((v, k) => new PolicyPath((ulong)k + 1, 100, v, 1, 0)).ToArray(), new PolicyPath(0, 100, [101, 102, 103], 1, 0),
            agent.Select((_, k) => new PolicyPath((ulong)k + 1, 100, [100, 99, 98], 1, 0)).ToArray(), [], [[1.0, 2.0], [1.5, 2.5]]);
        var study = new TradingAgentStudy(Dates,
        [
            Stock("A", [[101, 103, 106], [102, 104, 105]]),
            Stock("B", [[100, 100, 100], [99, 98, 99]]), // seed 1 never traded: no daily Sharpe
        ], [new IndexPath("IDX", 1000, [1010, 1020, 1030])], "the account beat the index");
        // Accounts: seed 1 (106 + 100) / 200 - 1 = 3 %, seed 2 (105 + 99) / 200 - 1 = 2 %; the index 3 %.
        Assert.Equal([0.03, 0.02], study.AccountAgent.Select(p => Math.Round(p.Return, 12)));
        var html = TradingAgentReport.Build(new RunContext("t", [], [], "cfg"), study).Render();
        Assert.Contains("Claim: the account beat the index", html);
        Assert.Contains("2.50% ± 0.71% over 2 seed(s) against IDX 3.00%: not above it on the mean, above it in 0 of 2 seeds", html);
        Assert.Contains("Daily Sharpe above 0: 1 of 2 stocks on the seeds&#39; mean, 1 of 2 in every seed", html.Replace("'", "&#39;"));
        Assert.Contains("(n/a in 1 of 2)", html);
    }
}
