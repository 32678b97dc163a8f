using AlphaSharp.Backtest;
using AlphaSharp.Models.Rl;
using AlphaSharp.Tests.Backtest;

namespace AlphaSharp.Models.Tests.Rl;

/// <summary>The baselines and the greedy agent played over an episode: buy-and-hold by hand, the random policy by its seed.</summary>
public sealed class PolicyEvaluationTests
{
    private static readonly BacktestOptions Rules = RlTestRules.Options;

    private static TradingEnvironment Env()
    {
        // Day 2 opens at the limit-up (10 % over 10.00): the first buy is refused and tried again on day 3 at 11.00.
        var m = new TinyMarket(["SZ000001", "SZ000002"], 8);
        m.Bar("SZ000001", 2, 11.0f, 11.0f).Bar("SZ000001", 3, 11.0f, 11.5f);
        for (var t = 4; t < 8; t++) m.Bar("SZ000001", t, 11.5f + 0.5f * (t - 3), 11.5f + 0.5f * (t - 3));
        var view = m.View();
        IReadOnlyList<float[]> features = [view.Data.Panel.Field("close")];
        return new TradingEnvironment(view, 0, features, ObservationScaler.Fit(features, 0, view.T, 0, 1), 1, 7, Rules,
            new TradingEnvironmentOptions { Window = 2, Reward = RewardKind.Return });
    }

    [Fact]
    public void Buy_and_hold_buys_once_retrying_a_refused_buy_and_its_value_is_shares_at_the_close_plus_cash()
    {
        var r = PolicyEvaluation.BuyAndHold(Env());
        Assert.Equal([TradeAction.Buy, TradeAction.Buy, TradeAction.Hold, TradeAction.Hold, TradeAction.Hold, TradeAction.Hold], r.Actions);
        var buy = Assert.Single(r.Fills);
        Assert.Equal((3, 9_000.0, 11.0), (buy.Day, buy.Shares, buy.Price)); // 100,000 / (11 x 1.001) = 9,082 -> 9,000 in lots
        var cash = 100_000 - 99_000 - 99.0;
        Assert.Equal(100_000, r.Values[0], 6); // day 2: the refused buy, all cash
        Assert.Equal(cash + 9_000 * 11.5, r.Values[1], 6);
        Assert.Equal(cash + 9_000 * 13.5, r.Values[^1], 6);
        Assert.Equal((cash + 9_000 * 13.5) / 100_000 - 1, r.RateOfReturn, 12);
        var mean = r.Returns.Average();
        var sd = Math.Sqrt(r.Returns.Sum(x => (x - mean) * (x - mean)) / (r.Returns.Length - 1));
        Assert.Equal(mean / sd, r.DailySharpe, 12);
    }

    [Fact]
    public void The_random_policy_is_its_seed_and_the_greedy_agent_plays_its_own_argmax()
    {
        Assert.Equal(PolicyEvaluation.Random(Env(), 7).Actions, PolicyEvaluation.Random(Env(), 7).Actions);
        var agent = new DqnAgent(2, 1 + TradingEnvironment.StateFeatures, 3, new DqnOptions { Hidden = 8, Seed = 3 });
        var env = Env();
        var greedy = PolicyEvaluation.Greedy(env, agent);
        var replay = PolicyEvaluation.Play(Env(), "check", obs => (TradeAction)agent.Greedy(obs));
        Assert.Equal(replay.Actions, greedy.Actions);
        Assert.Equal(replay.Values, greedy.Values);
    }
}
