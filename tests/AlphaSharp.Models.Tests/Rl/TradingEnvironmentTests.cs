using AlphaSharp.Backtest;
using AlphaSharp.Models.Rl;
using AlphaSharp.Tests.Backtest;

namespace AlphaSharp.Models.Tests.Rl;

/// <summary>
/// The trading environment on a hand-made market: cash, shares and fees step by step, computed by hand; the refusals
/// (a suspended day, a buy at limit-up, a T+1 sell) fill nothing and show in the next observation; the rewards by
/// their formulas; and no observation or action at or before a day changes when the market after it does.
/// </summary>
public sealed class TradingEnvironmentTests
{
    private static readonly BacktestOptions Rules = RlTestRules.Options;

    /// <summary>One main-board stock at 10.00: day 2 closes at 10.50, day 3 is suspended, day 4 trades at 11.00, day 5 opens and closes at the limit-up 12.10.</summary>
    private static TinyMarket Market()
    {
        var m = new TinyMarket(["SZ000001", "SZ000002"], 9);
        m.Bar("SZ000001", 2, 10.0f, 10.5f).Suspend("SZ000001", 3).Bar("SZ000001", 4, 11.0f, 11.0f).Bar("SZ000001", 5, 12.1f, 12.1f);
        for (var t = 6; t < 9; t++) m.Bar("SZ000001", t, 12.1f, 12.1f);
        return m;
    }

    private static TradingEnvironment Env(MarketView view, TradingEnvironmentOptions? options = null, int end = 6)
    {
        var close = view.Data.Panel.Field("close");
        IReadOnlyList<float[]> features = [close];
        return new TradingEnvironment(view, 0, features, ObservationScaler.Fit(features, 0, view.T, 0, 1), start: 1, end: end, Rules,
            options ?? new TradingEnvironmentOptions { Window = 2, Reward = RewardKind.Return });
    }

    [Fact]
    public void Cash_shares_fees_and_refusals_step_by_step_by_hand()
    {
        var env = Env(Market().View());
        var obs = env.Reset();
        Assert.Equal(2 * (1 + TradingEnvironment.StateFeatures), obs.Length);
        Assert.Equal([0f, 1f, 0f, 0f], obs[^4..]); // flat, all cash, no position return, nothing refused

        // Buy at day 2's open 10.00: 100,000 / (10 x 1.001) = 9,990 shares, 9,900 in lots; 99,000 + 99 commission.
        var s = env.Step(TradeAction.Buy);
        Assert.Equal((2, 9_900.0), (s.Info.Day, s.Info.Shares));
        Assert.Equal(901, s.Info.Cash, 6);
        Assert.Equal(901 + 9_900 * 10.5, s.Info.Value, 6);
        Assert.Equal((901 + 9_900 * 10.5) / 100_000 - 1, s.Reward, 12);
        Assert.Equal(1f, s.Observation[^4]);
        Assert.Equal((float)(9_900 * 10.5 / 99_099 - 1), s.Observation[^2], 6); // the position's return on its cost, fees in

        // Sell on day 3: suspended, refused; nothing moves, and the next observation says so.
        s = env.Step(TradeAction.Sell);
        Assert.Equal("refused: suspended", s.Info.Refusal);
        Assert.Equal((9_900.0, 901.0), (s.Info.Shares, s.Info.Cash));
        Assert.Equal(0, s.Reward, 12);
        Assert.Equal(1f, s.Observation[^1]);

        // Sell on day 4 at 11.00: 108,900 less 108.9 commission and 108.9 stamp duty.
        s = env.Step(TradeAction.Sell);
        var cash = 901 + 108_900 - 108.9 - 108.9;
        Assert.Equal(0.0, s.Info.Shares);
        Assert.Equal(cash, s.Info.Cash, 6);
        Assert.Equal(cash / (901 + 9_900 * 10.5) - 1, s.Reward, 12);
        Assert.Equal([0f, 1f, 0f, 0f], s.Observation[^4..]);

        // Buy on day 5: it opens at the limit-up 12.10 (10 % over 11.00): refused, all still cash.
        s = env.Step(TradeAction.Buy);
        Assert.Equal("refused: at limit-up", s.Info.Refusal);
        Assert.Equal(0.0, s.Info.Shares);
        Assert.Equal(cash, s.Info.Cash, 6);
        Assert.Equal(1f, s.Observation[^1]);

        s = env.Step(TradeAction.Hold);
        Assert.True(s.Done);
        Assert.Null(s.Info.Refusal);
        Assert.Equal(0f, s.Observation[^1]);
        Assert.Throws<InvalidOperationException>(() => env.Step(TradeAction.Hold));
    }

    [Fact]
    public void Fraction_actions_spend_part_of_the_cash_and_sell_part_of_the_position_in_whole_lots_by_hand()
    {
        var env = Env(Market().View(), new TradingEnvironmentOptions { Window = 2, Reward = RewardKind.Return, BuyFraction = 0.5, SellFraction = 0.5 });
        env.Reset();
        // Half the cash on day 2 at 10.00: 50,000 / (10 x 1.001) = 4,995 -> 4,900 shares for 49,000 + 49.
        var s = env.Step(TradeAction.Buy);
        Assert.Equal(4_900.0, s.Info.Shares);
        Assert.Equal(50_951, s.Info.Cash, 6);
        Assert.Equal((float)(50_951 / (50_951 + 4_900 * 10.5)), s.Observation[^3], 6);
        env.Step(TradeAction.Hold); // day 3: suspended
        // Half the position on day 4 at 11.00: 2,450 rounds down to 2,400 (whole lots): 26,400 less 26.4 and 26.4.
        s = env.Step(TradeAction.Sell);
        Assert.Equal(2_500.0, s.Info.Shares);
        Assert.Equal(50_951 + 26_400 - 26.4 - 26.4, s.Info.Cash, 6);
        // What is left keeps its share of the cost: 49,049 x 2,500 / 4,900.
        Assert.Equal((float)(2_500 * 11.0 / (49_049.0 * 2_500 / 4_900) - 1), s.Observation[^2], 6);
    }

    [Fact]
    public void A_sell_on_the_day_of_its_buy_is_refused_by_T_plus_one_through_the_same_session()
    {
        var session = new TradingSession(Market().View(), Rules);
        session.Open(2);
        Assert.Equal(9_900, session.Buy(0, 100_000));
        Assert.Equal(0, session.Sell(0, 9_900));
        Assert.Equal("refused: T+1 (bought today)", session.Trades[^1].Note);
        session.Close();
        session.Open(3);
        session.Close();
        session.Open(4);
        Assert.Equal(9_900, session.Sell(0, 9_900)); // days later, it sells
        Assert.Throws<InvalidOperationException>(() => session.Open(6));
    }

    [Fact]
    public void The_utility_is_the_trailing_mean_minus_a_times_the_standard_deviation_and_the_differential_sharpe_its_formula()
    {
        TradeAction[] actions = [TradeAction.Buy, TradeAction.Hold, TradeAction.Sell, TradeAction.Buy, TradeAction.Hold];
        var plain = Env(Market().View());
        plain.Reset();
        var r = actions.Select(a => plain.Step(a).Info.Return).ToArray();

        var utility = Env(Market().View(), new TradingEnvironmentOptions { Window = 2, Reward = RewardKind.Utility, RiskAversion = 0.2, UtilityWindow = 3 });
        utility.Reset();
        for (var k = 0; k < actions.Length; k++)
        {
            var tail = r[Math.Max(0, k - 2)..(k + 1)];
            var mean = tail.Average();
            var std = tail.Length > 1 ? Math.Sqrt(tail.Sum(x => (x - mean) * (x - mean)) / (tail.Length - 1)) : 0;
            Assert.Equal(mean - 0.2 * std, utility.Step(actions[k]).Reward, 12);
        }

        var sharpe = Env(Market().View(), new TradingEnvironmentOptions { Window = 2, Reward = RewardKind.DifferentialSharpe, SharpeRate = 0.1 });
        sharpe.Reset();
        double a = 0, b = 0;
        foreach (var (action, ret) in actions.Zip(r))
        {
            var variance = b - a * a;
            var expected = variance > 1e-18 ? (b * (ret - a) - 0.5 * a * (ret * ret - b)) / Math.Pow(variance, 1.5) : 0;
            Assert.Equal(expected, sharpe.Step(action).Reward, 9);
            a += 0.1 * (ret - a);
            b += 0.1 * (ret * ret - b);
        }
    }

    [Fact]
    public void Changing_the_market_after_a_day_changes_no_observation_or_action_at_or_before_it()
    {
        // A policy that reads its observation: buy when the latest scaled close is above the window's first, else sell.
        static TradeAction Policy(float[] obs, int stepFeatures) => obs[stepFeatures] > obs[0] ? TradeAction.Buy : TradeAction.Sell;
        var rng = new Random(5);
        var a = new TinyMarket(["SZ000001", "SZ000002"], 40);
        for (var t = 1; t < 40; t++) a.Bar("SZ000001", t, 10 + (float)rng.NextDouble(), 10 + (float)rng.NextDouble());
        var cut = 20;
        var b = new TinyMarket(["SZ000001", "SZ000002"], 40);
        for (var t = 1; t < 40; t++)
            b.Bar("SZ000001", t, a.Panel["open", t, 0], a.Panel["close", t, 0]);
        for (var t = cut + 1; t < 40; t++) b.Bar("SZ000001", t, 12 + (float)rng.NextDouble(), 9 + (float)rng.NextDouble());

        (List<float[]> Obs, List<TradeAction> Actions) Play(TinyMarket m)
        {
            var view = m.View();
            IReadOnlyList<float[]> features = [view.Data.Panel.Field("close"), view.Data.Panel.Field("open")];
            var env = new TradingEnvironment(view, 0, features, ObservationScaler.Fit(features, 0, view.T, 0, 4), 4, 38, Rules, new TradingEnvironmentOptions { Window = 5 });
            var obs = new List<float[]> { env.Reset() };
            var acts = new List<TradeAction>();
            while (true)
            {
                var action = Policy(obs[^1], env.StepFeatures);
                acts.Add(action);
                var s = env.Step(action);
                obs.Add(s.Observation);
                if (s.Done) return (obs, acts);
            }
        }

        var (oa, aa) = Play(a);
        var (ob, ab) = Play(b);
        // Observation k is of decision day 4 + k.
        for (var k = 0; 4 + k <= cut; k++)
        {
            Assert.Equal(oa[k], ob[k]);
            Assert.Equal(aa[k], ab[k]);
        }
        Assert.Contains(Enumerable.Range(cut - 4 + 1, oa.Count - (cut - 4 + 1)), k => !oa[k].SequenceEqual(ob[k]));
    }
}
