using AlphaSharp.Backtest;
using AlphaSharp.Models.Rl;
using AlphaSharp.Tests.Backtest;
using AlphaSharp.Tests.Data;

namespace AlphaSharp.Models.Tests.Rl;

/// <summary>
/// The multi-stock account by hand: sells fill before buys, buys share the cash among the stocks without a position,
/// each stock's observation shows its own position and budget; the shared play of one stock is its own account's
/// play bit for bit; and no decision at or before a day changes when the market after it does.
/// </summary>
public sealed class AccountEnvironmentTests
{
    /// <summary>A at 10.00 (closes day 2 at 10.50, trades at 11.00 on days 3 and 4), B at 20.00 (21.00 on day 4).</summary>
    private static MarketView Market()
    {
        var m = new TinyMarket(["SZ000001", "SZ000002"], 8);
        m.Level("SZ000002", 0, 20f);
        m.Bar("SZ000001", 2, 10.0f, 10.5f).Level("SZ000001", 3, 11.0f).Level("SZ000002", 4, 21.0f);
        return m.View();
    }

    private static AccountEnvironment Env(MarketView view)
    {
        IReadOnlyList<float[]> features = [view.Data.Panel.Field("close")];
        ObservationScaler[] scalers = [ObservationScaler.Fit(features, 0, view.T, 0, 2), ObservationScaler.Fit(features, 1, view.T, 0, 2)];
        return new AccountEnvironment(view, [0, 1], features, scalers, start: 1, end: 6, RlTestRules.Options,
            new TradingEnvironmentOptions { Window = 2, Reward = RewardKind.Return });
    }

    [Fact]
    public void Sells_fill_first_and_buys_share_the_cash_among_the_stocks_without_a_position_by_hand()
    {
        var env = Env(Market());
        var obs = env.Reset();
        Assert.Equal(2, obs.Length);
        Assert.All(obs, o => Assert.Equal([0f, 1f, 0f, 0f], o[^4..]));

        // Both buy on day 2. A first, B still flat: 100,000 / 2 = 50,000 / (10 x 1.001) = 4,995 -> 4,900 shares for
        // 49,000 + 49 commission; then B, the only flat one left, takes the rest: 50,951 / (20 x 1.001) = 2,545 -> 2,500
        // shares for 50,000 + 50.
        var s = env.Step([TradeAction.Buy, TradeAction.Buy]);
        Assert.Equal([4_900.0, 2_500.0], s.Info.Shares);
        Assert.Equal(901, s.Info.Cash, 6);
        Assert.Equal(901 + 4_900 * 10.5 + 2_500 * 20, s.Info.Value, 6);
        // Each holds; each sees the cash a buy of it would get (all of it: no stock is flat) over that plus its position.
        Assert.Equal((float)(901 / (901 + 4_900 * 10.5)), s.Observations[0][^3], 6);
        Assert.Equal((float)(901 / (901 + 2_500 * 20.0)), s.Observations[1][^3], 6);
        Assert.Equal((float)(4_900 * 10.5 / 49_049 - 1), s.Observations[0][^2], 6);

        // A sells on day 3 at 11.00: 53,900 less 53.9 commission and 53.9 stamp duty; B holds.
        s = env.Step([TradeAction.Sell, TradeAction.Hold]);
        var cash = 901 + 53_900 - 53.9 - 53.9;
        Assert.Equal([0.0, 2_500.0], s.Info.Shares);
        Assert.Equal(cash, s.Info.Cash, 6);
        Assert.Equal([0f, 1f, 0f, 0f], s.Observations[0][^4..]); // flat again: a buy of A would get all the cash

        // Day 4: B sells at 21.00 first (52,500 less 52.5 and 52.5), then A buys with half the cash (B is flat now, so
        // its share stays): (cash + 52,395) / 2 / (11 x 1.001) = 4,862 -> 4,800 shares for 52,800 + 52.8.
        s = env.Step([TradeAction.Buy, TradeAction.Sell]);
        cash += 52_500 - 52.5 - 52.5;
        Assert.Equal([4_800.0, 0.0], s.Info.Shares);
        Assert.Equal(cash - 52_800 - 52.8, s.Info.Cash, 6);
        Assert.Equal(2, s.Info.Trades.Count(t => t.Filled));
        Assert.Equal(OrderSide.Sell, s.Info.Trades[0].Side); // the sell filled first
        // B, flat with A held, would get all the cash; A's budget is shared with B's: half of it.
        Assert.Equal(1f, s.Observations[1][^3]);
        var left = cash - 52_800 - 52.8;
        Assert.Equal((float)(left / 2 / (left / 2 + 4_800 * 11.0)), s.Observations[0][^3], 6);
    }

    [Fact]
    public void A_shared_account_of_one_stock_plays_as_that_stocks_own_account()
    {
        var data = ShippedStore.Data;
        (DateOnly, DateOnly) train = (new DateOnly(2013, 1, 1), new DateOnly(2013, 12, 31)), test = (new DateOnly(2014, 1, 1), new DateOnly(2014, 6, 30));
        var rules = new BacktestOptions { InitialCash = 100_000 };
        var env = new TradingEnvironmentOptions { Window = 10 };
        var study = StockStudy.Run(data, "SH600519", train, test, rules, env, new DqnOptions { Hidden = 8, WarmUp = 64, TrainEvery = 4, Seed = 3 }, episodes: 2);
        var shared = SharedAccount.Play(data, ["SH600519"], train, test, rules, env, [study.Trained]);
        Assert.Equal(study.Agent.Days, shared.Days);
        Assert.Equal(study.Agent.Values, shared.Values);
        Assert.Equal(study.Agent.Actions, shared.Actions.Select(a => a.Single()));
        Assert.Equal(study.Agent.RateOfReturn, shared.RateOfReturn);
    }

    [Fact]
    public void Changing_the_market_after_a_day_changes_no_decision_at_or_before_it()
    {
        // Each stock's policy reads its own observation: buy when its latest scaled close is above its window's first.
        static TradeAction[] Policy(float[][] obs, int stepFeatures) =>
            obs.Select(o => o[stepFeatures] > o[0] ? TradeAction.Buy : TradeAction.Sell).ToArray();
        var rng = new Random(9);
        TinyMarket Random(int from, float level)
        {
            var m = new TinyMarket(["SZ000001", "SZ000002"], 40);
            var r = new Random(9);
            for (var t = 1; t < 40; t++)
                foreach (var s in new[] { "SZ000001", "SZ000002" })
                {
                    var (o, c) = (10 + (float)r.NextDouble(), 10 + (float)r.NextDouble());
                    if (t > from) (o, c) = (level + (float)rng.NextDouble(), level - 1 + (float)rng.NextDouble());
                    m.Bar(s, t, o, c);
                }
            return m;
        }
        var cut = 20;
        (List<float[][]> Obs, List<TradeAction[]> Actions) Play(MarketView view)
        {
            IReadOnlyList<float[]> features = [view.Data.Panel.Field("close")];
            var env = new AccountEnvironment(view, [0, 1], features, [ObservationScaler.Fit(features, 0, view.T, 0, 4), ObservationScaler.Fit(features, 1, view.T, 0, 4)],
                4, 38, RlTestRules.Options, new TradingEnvironmentOptions { Window = 5 });
            var obs = new List<float[][]> { env.Reset() };
            var actions = new List<TradeAction[]>();
            while (true)
            {
                actions.Add(Policy(obs[^1], env.StepFeatures));
                var s = env.Step(actions[^1]);
                obs.Add(s.Observations);
                if (s.Done) return (obs, actions);
            }
        }
        var (obsA, actA) = Play(Random(40, 0).View());
        var (obsB, actB) = Play(Random(cut, 12).View());
        // Observation k is of decision day 4 + k: every one up to the cut is the same, and so is every action.
        for (var k = 0; 4 + k <= cut; k++)
        {
            Assert.Equal(obsA[k].SelectMany(o => o), obsB[k].SelectMany(o => o));
            Assert.Equal(actA[k], actB[k]);
        }
        Assert.NotEqual(obsA[cut - 4 + 1].SelectMany(o => o), obsB[cut - 4 + 1].SelectMany(o => o));
    }
}
