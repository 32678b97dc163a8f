using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Backtest;

namespace AlphaSharp.Tests.Backtest.Rules;

/// <summary>Each A-share rule on a hand-made market, with the expected numbers worked out by hand in the comments.</summary>
public class ExchangeRuleTests
{
    private static readonly CostModel Free = new(0, 0, StampDutySchedule.None, TransferFeeSchedule.None, 0, 0);
    private static readonly BacktestOptions ChinaFree = new() { Costs = Free, Rules = ExchangeRules.China with { MaxVolumeShare = 1 } };

    private static OrderExecutor Executor(MarketView m, BacktestOptions o, double cash = 1_000_000) => new(m, o, new Account(m.N, cash));

    [Fact]
    public void Buy_at_the_limit_up_price_is_refused_and_a_cent_below_fills()
    {
        // Previous close 10.00, so limit-up = round(10.00 x 1.10, 2) = 11.00.
        var tm = new TinyMarket(["SH600000", "SH600001"], 3).Bar("SH600000", 1, 11.00f, 11.00f).Bar("SH600001", 1, 10.99f, 10.99f);
        var m = tm.View();
        Assert.Equal(11.00, m.LimitUp[1 * m.N + 0]);
        Assert.Equal(9.00, m.LimitDown[1 * m.N + 0]);
        var x = Executor(m, ChinaFree);
        Assert.Equal(0, x.Buy(1, 0, 100_000));
        Assert.Equal("refused: at limit-up", x.Trades[^1].Note);
        // 100,000 / 10.99 = 9099.2 shares -> 9,000 in lots of 100.
        Assert.Equal(9000, x.Buy(1, 1, 100_000));
        Assert.Equal(1_000_000 - 9000 * 10.99, x.Account.Cash, 6);
        // Generic mode has no price limits: the same order at 11.00 fills, 100,000 / 11 = 9090 whole shares.
        var g = Executor(m, BacktestOptions.Generic with { Costs = Free });
        Assert.Equal(9090, g.Buy(1, 0, 100_000));
    }

    [Fact]
    public void Sell_at_the_limit_down_price_is_refused()
    {
        // Day 1 closes at 10.00; day 2 opens at 9.00 = round(10.00 x 0.9, 2), the limit-down price.
        var tm = new TinyMarket(["SZ000001"], 4).Bar("SZ000001", 2, 9.00f, 9.50f).Bar("SZ000001", 3, 9.51f, 9.51f);
        var m = tm.View();
        var x = Executor(m, ChinaFree);
        Assert.Equal(1000, x.Buy(1, 0, 10_000));
        x.Account.StartDay();
        Assert.Equal(0, x.Sell(2, 0, 1000));
        Assert.Equal("refused: at limit-down", x.Trades[^1].Note);
        // Day 3: previous close 9.50, limit-down 8.55; 9.51 sells.
        Assert.Equal(1000, x.Sell(3, 0, 1000));
        Assert.Equal(1_000_000 - 10_000 + 9_510, x.Account.Cash, 6);
    }

    [Fact]
    public void Shares_bought_today_cannot_be_sold_today_under_T_plus_1()
    {
        var m = new TinyMarket(["SH600000"], 3).View();
        var x = Executor(m, ChinaFree);
        x.Account.StartDay();
        Assert.Equal(500, x.Buy(1, 0, 5_000));
        Assert.Equal(0, x.Sell(1, 0, 500));
        Assert.Equal("refused: T+1 (bought today)", x.Trades[^1].Note);
        x.Account.StartDay();
        Assert.Equal(500, x.Sell(2, 0, 500));
        Assert.Equal(1_000_000, x.Account.Cash, 6);

        // Shares held from before stay sellable on a day that also buys more: only the old 500 go.
        var y = Executor(m, ChinaFree);
        y.Account.StartDay();
        y.Buy(0, 0, 5_000);
        y.Account.StartDay();
        y.Buy(1, 0, 3_000);
        Assert.Equal(500, y.Sell(1, 0, 800));
        Assert.Equal("partial: T+1", y.Trades[^1].Note);
        Assert.Equal(300, y.Account.Shares[0]);

        // Generic mode: no T+1.
        var g = Executor(m, BacktestOptions.Generic with { Costs = Free });
        g.Account.StartDay();
        g.Buy(1, 0, 5_000);
        Assert.Equal(500, g.Sell(1, 0, 500));
    }

    [Fact]
    public void Buys_round_down_to_lots_of_100_and_STAR_to_200_then_single_shares()
    {
        var tm = new TinyMarket(["SH600000", "SH688001"], 2).Bar("SH600000", 1, 10.37f, 10.37f).Bar("SH688001", 1, 50f, 50f);
        var m = tm.View();
        var x = Executor(m, ChinaFree, 10_000_000);
        // 100,000 / 10.37 = 9643.2 -> 9,600.
        Assert.Equal(9600, x.Buy(1, 0, 100_000));
        // STAR at 50.00: 9,000 buys 180 shares, under the 200 minimum: nothing; 10,260 buys 205.2 -> 205.
        Assert.Equal(0, x.Buy(1, 1, 9_000));
        Assert.Equal(205, x.Buy(1, 1, 10_260));
        Assert.Equal(10_000_000 - 9600 * 10.37 - 205 * 50.0, x.Account.Cash, 6);

        Assert.Equal(9600, LotRules.China.RoundBuy(9699.99, star: false));
        Assert.Equal(0, LotRules.China.RoundBuy(99, star: false));
        Assert.Equal(200, LotRules.China.RoundBuy(200.5, star: true));
        Assert.Equal(0, LotRules.China.RoundBuy(199.9, star: true));
        // Sells: a partial sell rounds down to a lot; the whole position (odd lot, even fractional) always goes.
        Assert.Equal(200, LotRules.China.RoundSell(250, 1037.5, star: false));
        Assert.Equal(1037.5, LotRules.China.RoundSell(1037.5, 1037.5, star: false));
        Assert.Equal(0, LotRules.China.RoundSell(150, 1037.5, star: true));
        Assert.Equal(201, LotRules.China.RoundSell(201.7, 1037.5, star: true));
        Assert.Equal(37, LotRules.Generic.RoundBuy(37.9, star: false));
    }

    [Fact]
    public void Stamp_duty_is_charged_on_sells_only_at_the_rate_of_the_trade_date()
    {
        var s = StampDutySchedule.China;
        Assert.Equal(0.001, s.Rate(new DateOnly(2023, 8, 25), OrderSide.Sell));
        Assert.Equal(0.0005, s.Rate(new DateOnly(2023, 8, 28), OrderSide.Sell));
        Assert.Equal(0, s.Rate(new DateOnly(2023, 8, 25), OrderSide.Buy));
        Assert.Equal(0.001, s.Rate(new DateOnly(2008, 9, 19), OrderSide.Sell));
        Assert.Equal(0, s.Rate(new DateOnly(2008, 9, 19), OrderSide.Buy));
        // Before 2008-09-19 both sides paid: 0.1 % from 2008-04-24, 0.3 % before.
        Assert.Equal(0.001, s.Rate(new DateOnly(2008, 9, 18), OrderSide.Buy));
        Assert.Equal(0.003, s.Rate(new DateOnly(2008, 4, 23), OrderSide.Buy));
        Assert.Equal(0.003, s.Rate(new DateOnly(2008, 4, 23), OrderSide.Sell));

        // Through the executor: days 2023-08-24 (Thu), 25 (Fri), 28 (Mon). Stamp duty only, everything else free.
        var tm = new TinyMarket(["SZ000001"], 3, new DateOnly(2023, 8, 24));
        var m = tm.View();
        var o = ChinaFree with { Costs = Free with { StampDuty = StampDutySchedule.China } };
        var x = Executor(m, o);
        x.Account.StartDay();
        x.Buy(0, 0, 20_000);
        Assert.Equal(0, x.Trades[^1].Costs.StampDuty);
        x.Account.StartDay();
        x.Sell(1, 0, 1000);   // 2023-08-25: 1,000 x 10.00 x 0.1 % = 10.00
        Assert.Equal(10.0, x.Trades[^1].Costs.StampDuty, 9);
        x.Sell(2, 0, 1000);   // 2023-08-28: 1,000 x 10.00 x 0.05 % = 5.00
        Assert.Equal(5.0, x.Trades[^1].Costs.StampDuty, 9);
        Assert.Equal(1_000_000 - 20_000 + 10_000 - 10 + 10_000 - 5, x.Account.Cash, 6);
    }

    [Fact]
    public void Commission_has_a_minimum_per_order()
    {
        var m = new TinyMarket(["SZ000001"], 2).View();
        var o = ChinaFree with { Costs = Free with { CommissionRate = 0.00025, MinCommission = 5 } };
        var x = Executor(m, o, 10_000_000);
        // 1,000 x 10.00 = 10,000 x 0.025 % = 2.50 -> the minimum, 5.00.
        x.Buy(1, 0, 10_005);
        Assert.Equal(1000, x.Trades[^1].Shares);
        Assert.Equal(5.0, x.Trades[^1].Costs.Commission, 9);
        // 100,000 x 10.00 = 1,000,000 x 0.025 % = 250.00.
        x.Buy(1, 0, 1_000_250);
        Assert.Equal(100_000, x.Trades[^1].Shares);
        Assert.Equal(250.0, x.Trades[^1].Costs.Commission, 9);
        // A budget of exactly 10,000 cannot pay 1,000 shares plus 5.00: 900 shares (9,000 + 5.00) it is.
        x.Buy(1, 0, 10_000);
        Assert.Equal(900, x.Trades[^1].Shares);
        Assert.Equal(10_000_000 - 10_005 - 1_000_250 - 9_005, x.Account.Cash, 6);
    }

    [Fact]
    public void Transfer_fee_and_slippage_follow_their_definitions()
    {
        var t = TransferFeeSchedule.China;
        // Shanghai 2014: 0.6 CNY per 1,000 shares, minimum 1 CNY.
        Assert.Equal(1.0, t.Fee(new DateOnly(2014, 1, 2), shanghai: true, 1000, 10_000), 12);
        Assert.Equal(6.0, t.Fee(new DateOnly(2014, 1, 2), shanghai: true, 10_000, 100_000), 12);
        Assert.Equal(0, t.Fee(new DateOnly(2014, 1, 2), shanghai: false, 10_000, 100_000));
        // 2016: 0.002 % of value on both exchanges; 2022-05: 0.001 %.
        Assert.Equal(2.0, t.Fee(new DateOnly(2016, 1, 4), shanghai: false, 10_000, 100_000), 12);
        Assert.Equal(1.0, t.Fee(new DateOnly(2022, 5, 4), shanghai: true, 10_000, 100_000), 12);

        // 10 bps plus 0.5 x volume share: 1,000 of 100,000 shares = 1 % -> 0.5 %; 0.1 % + 0.5 % = 0.6 %.
        var tm = new TinyMarket(["SZ000001"], 2).Bar("SZ000001", 1, 10f, 10f, volume: 100_000);
        var m = tm.View();
        var o = ChinaFree with { Costs = Free with { SlippageBps = 10, SlippagePerVolumeShare = 0.5 } };
        var x = Executor(m, o);
        x.Buy(1, 0, 10_060);
        var fill = x.Trades[^1];
        Assert.Equal(1000, fill.Shares);
        Assert.Equal(10.06, fill.Price, 9);
        Assert.Equal(60.0, fill.Costs.Slippage, 9);
        Assert.Equal(1_000_000 - 10_060, x.Account.Cash, 6);
    }

    [Fact]
    public void One_order_takes_at_most_the_volume_cap_of_the_day()
    {
        // Volume 10,000 shares, cap 10 % -> at most 1,000 shares.
        var tm = new TinyMarket(["SZ000001"], 2).Bar("SZ000001", 1, 10f, 10f, volume: 10_000);
        var m = tm.View();
        var x = Executor(m, ChinaFree with { Rules = ExchangeRules.China });
        Assert.Equal(1000, x.Buy(1, 0, 100_000));
        Assert.Equal("partial: volume cap", x.Trades[^1].Note);
    }

    [Fact]
    public void A_suspended_stock_is_held_at_its_last_close_and_cannot_trade_until_it_resumes()
    {
        // Bought day 1 at 10.00; closes 10.50 on day 2; suspended days 3-5 (flat fills, volume 0); resumes day 6 at 11.00.
        var tm = new TinyMarket(["SZ000002"], 8).Bar("SZ000002", 2, 10f, 10.5f).Suspend("SZ000002", 3).Suspend("SZ000002", 4)
            .Suspend("SZ000002", 5).Bar("SZ000002", 6, 11f, 11f).Level("SZ000002", 7, 11f);
        var m = tm.View();
        Assert.False(m.Tradable[4 * m.N]);
        // Day 6's limit is judged against the last traded close (10.50): limit-up 11.55, so 11.00 trades.
        Assert.Equal(11.55, m.LimitUp[6 * m.N]);

        var scores = TinyMarket.EmptyScores(m);
        for (var t = 0; t < 3; t++) scores[t * m.N] = 1;
        // A signal strategy buys on day 0's score (fills day 1) and is told to sell on day 3 (fills day 4, suspended).
        scores[3 * m.N] = -1;
        scores[4 * m.N] = -1;
        scores[5 * m.N] = -1;
        var r = Backtester.Run(m, new ScoreTable(m, scores), new SignalStrategy(0.5), ChinaFree with
        {
            Filter = CandidateFilter.None,
            RiskDegree = 1,
            InitialCash = 100_000,
        });
        // Buy: 0.5 x 100,000 / 10.00 = 5,000 shares on day 1.
        var buy = Assert.Single(r.Trades, tr => tr.Side == OrderSide.Buy);
        Assert.Equal((1, 5000.0), (buy.Day, buy.Shares));
        // Sells on days 4 and 5 are refused (suspended); day 6 fills at 11.00.
        var sells = r.Trades.Where(tr => tr.Side == OrderSide.Sell).ToList();
        Assert.Equal(["refused: suspended", "refused: suspended", ""], sells.Select(s => s.Note));
        Assert.Equal([4, 5, 6], sells.Select(s => s.Day));
        Assert.Equal(5000, sells[2].Shares);
        // Values: day 2 = 50,000 + 5,000 x 10.50 = 102,500, held at 102,500 through days 3-5, 105,000 once sold at 11.00.
        double[] expected = [100_000, 102_500, 102_500, 102_500, 102_500, 105_000];
        Assert.Equal(expected.Length, r.Count);
        for (var k = 0; k < expected.Length; k++) Assert.Equal(expected[k], r.Values[k], 6);
        Assert.Equal(0.025, r.StrategyReturns[1], 12);
        Assert.Equal(0, r.StrategyReturns[3]);
        Assert.Equal(105_000.0 / 102_500 - 1, r.StrategyReturns[5], 12);
        Assert.Equal([1, 1, 1, 1, 1, 0], r.Holdings);
    }

    [Fact]
    public void A_factor_change_grows_the_holding_so_its_value_follows_the_adjusted_price()
    {
        // 2-for-1 split on day 2: raw price 10.00 -> 5.00, factor 1 -> 2. Then a cash dividend on day 3: 5.00 -> 4.90,
        // factor 2 -> 2 x 5.00 / 4.90. The holding's value must equal its adjusted value throughout.
        var tm = new TinyMarket(["SZ000001"], 5).Level("SZ000001", 2, 5f).Level("SZ000001", 3, 4.9f);
        for (var t = 2; t < 5; t++) tm.Set("factor", "SZ000001", t, 2f);
        var f3 = (float)(2.0 * 5.0 / 4.9);
        for (var t = 3; t < 5; t++) tm.Set("factor", "SZ000001", t, f3);
        var m = tm.View();
        var scores = TinyMarket.EmptyScores(m);
        scores[0] = 1;
        var r = Backtester.Run(m, new ScoreTable(m, scores), new SignalStrategy(1), ChinaFree with
        {
            Filter = CandidateFilter.None, RiskDegree = 1, InitialCash = 100_000, End = m.Calendar[4],
        });
        Assert.Equal(10_000, r.Trades[0].Shares);
        // Values[k] is day k + 1: bought day 1 at 10.00; day 2 holds 20,000 at 5.00; day 3 holds 20,000 x f3 / 2 at 4.90.
        Assert.Equal(100_000, r.Values[0], 6);
        Assert.Equal(100_000, r.Values[1], 6);
        Assert.Equal(20_000 * ((double)f3 / 2) * 4.9, r.Values[2], 6);
        Assert.Equal(100_000, r.Values[2], 2);
        Assert.Equal(20_000 * ((double)f3 / 2), r.Positions[^1].Shares, 9);
    }

    [Fact]
    public void Vwap_is_amount_over_volume_and_falls_back_to_the_close_when_amount_is_missing()
    {
        var tm = new TinyMarket(["SZ000001", "SZ000002"], 2).Bar("SZ000001", 1, 10f, 11f, volume: 1_000_000)
            .Bar("SZ000002", 1, 10f, 10.8f).Set("amount", "SZ000002", 1, float.NaN);
        tm.Set("amount", "SZ000001", 1, 10_400_000f).Set("high", "SZ000001", 1, 11f);
        var m = tm.View();
        var x = Executor(m, ChinaFree with { Price = ExecutionPrice.Vwap });
        Assert.Equal(10.4, x.MarketPrice(1, 0), 6);
        x.Buy(1, 1, 10_800);
        Assert.Equal(10.8, x.Trades[^1].Price, 5);
        Assert.Equal(1, x.VwapFallbacks);
    }
}
