using AlphaSharp.Backtest;
using AlphaSharp.Models.Rl;
using AlphaSharp.Tests.Data;

namespace AlphaSharp.Models.Tests.Rl;

/// <summary>One shipped-store stock trained on 2013 and played on 2014-H1: the spans, the baselines, the seed, and no training on the test.</summary>
public sealed class StockStudyTests
{
    private static readonly (DateOnly, DateOnly) Train = (new DateOnly(2013, 1, 1), new DateOnly(2013, 12, 31));
    private static readonly (DateOnly, DateOnly) Test = (new DateOnly(2014, 1, 1), new DateOnly(2014, 6, 30));
    private static readonly DqnOptions Dqn = new() { Hidden = 8, Layers = 2, WarmUp = 64, BatchSize = 32, TrainEvery = 4, Seed = 5 };

    private static StockStudyResult Run(AlphaSharp.Data.MarketData data) =>
        StockStudy.Run(data, "SH600519", Train, Test, new BacktestOptions { InitialCash = 100_000 }, new TradingEnvironmentOptions { Window = 10 }, Dqn, episodes: 2);

    [Fact]
    public void Trains_on_its_span_plays_the_test_span_beside_the_baselines_and_the_seed_gives_the_same_bits()
    {
        var data = ShippedStore.Data;
        var r = Run(data);
        Assert.Equal(2, r.Training.Count);
        var calendar = data.Calendar;
        Assert.Equal(calendar.IndexOnOrAfter(new DateOnly(2014, 1, 1)), r.Agent.DecisionDays[0]);
        Assert.Equal(calendar.IndexOnOrBefore(new DateOnly(2014, 6, 30)), r.Agent.Days[^1]);
        Assert.Equal(r.Agent.Days, r.BuyAndHold.Days);
        Assert.Equal(r.Agent.Days, r.Random.Days);
        // Buy-and-hold owns the stock from its first fill to the end: its return tracks the stock's.
        var buy = r.BuyAndHold.Fills[0];
        Assert.Single(r.BuyAndHold.Fills);
        var close = data.Panel.Field("close");
        var i = data.Panel.IndexOf("SH600519");
        var T = calendar.Count;
        var factor = data.Panel.Field("factor");
        var held = (double)close[i * T + r.Agent.Days[^1]] * factor[i * T + r.Agent.Days[^1]] / factor[i * T + buy.Day];
        Assert.Equal(100_000 - buy.Value - buy.Costs.Fees + buy.Shares * held, r.BuyAndHold.Values[^1], 2);

        var again = Run(data);
        Assert.Equal(r.Training, again.Training);
        Assert.Equal(r.Agent.Values, again.Agent.Values);
    }

    [Fact]
    public void Changing_the_market_after_the_training_span_changes_nothing_the_agent_learned()
    {
        var data = ShippedStore.Data.Only(["SH600519"]);
        var first = Run(data);
        var cut = data.Calendar.IndexOnOrAfter(new DateOnly(2014, 1, 1));
        foreach (var field in new[] { "open", "high", "low", "close" })
        {
            var v = data.Panel.Field(field);
            for (var t = cut; t < data.Calendar.Count; t++) v[t] *= 1.2f;
        }
        var second = Run(data);
        Assert.Equal(first.Training, second.Training);
        Assert.NotEqual(first.BuyAndHold.Values, second.BuyAndHold.Values);
    }
}
