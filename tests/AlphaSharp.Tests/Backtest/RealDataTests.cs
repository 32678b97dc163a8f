using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Backtest;

namespace AlphaSharp.Tests.Backtest;

/// <summary>The simulation on the shipped CSI 300 data: a real suspension and limit-down streak, and a whole-period run audited trade by trade.</summary>
public class RealDataTests
{
    [Fact]
    public void SZ002269_is_held_through_its_January_2016_suspension_and_cannot_be_sold_into_two_limit_down_opens()
    {
        // Data (bars.csv.gz): traded to 2016-01-06 (close 6.07), suspended 2016-01-07..01-29 (flat fills at 6.07,
        // volume 0), opened at 5.46 on 02-01 (= round(6.07 x 0.9, 2), limit-down all day), at 4.91 on 02-02
        // (= round(5.46 x 0.9, 2)), at 4.80 on 02-03 (limit-down 4.55). Bought at 5.75, the 2016-01-05 open.
        var m = ShippedStore.Market;
        var cal = m.Calendar;
        var i = m.Data.Panel.IndexOf("SZ002269");
        int Day(int y, int mo, int d) => cal.IndexOf(new DateOnly(y, mo, d));
        Assert.Equal(5.46, m.LimitDown[Day(2016, 2, 1) * m.N + i], 9);
        Assert.Equal(4.91, m.LimitDown[Day(2016, 2, 2) * m.N + i], 9);

        var scores = new float[m.T * m.N];
        Array.Fill(scores, float.NaN);
        scores[Day(2016, 1, 4) * m.N + i] = 1;
        for (var t = Day(2016, 1, 6); t <= Day(2016, 2, 2); t++) scores[t * m.N + i] = -1;
        var options = new BacktestOptions { InitialCash = 1_000_000, Filter = CandidateFilter.None };
        var r = Backtester.Run(m, new ScoreTable(m, scores), new SignalStrategy(0.1), options);

        // Buy: 0.1 x 0.95 x 1,000,000 = 95,000 at 5.75 x 1.0005 (5 bps) -> 16,500 shares (16,600 would cost 95,498 before fees).
        var buy = Assert.Single(r.Trades, t => t.Side == OrderSide.Buy);
        Assert.Equal((Day(2016, 1, 5), 16_500.0), (buy.Day, buy.Shares));
        Assert.Equal(5.75 * 1.0005, buy.Price, 12);
        var sells = r.Trades.Where(t => t.Side == OrderSide.Sell).ToList();
        var suspendedDays = Enumerable.Range(Day(2016, 1, 7), Day(2016, 1, 29) - Day(2016, 1, 7) + 1).ToList();
        Assert.Equal(17, suspendedDays.Count);
        Assert.Equal(suspendedDays.Concat([Day(2016, 2, 1), Day(2016, 2, 2), Day(2016, 2, 3)]), sells.Select(s => s.Day));
        Assert.All(sells.Take(17), s => Assert.Equal("refused: suspended", s.Note));
        Assert.Equal(["refused: at limit-down", "refused: at limit-down"], sells.Skip(17).Take(2).Select(s => s.Note));
        var fill = sells[^1];
        Assert.Equal(16_500, fill.Shares);
        Assert.Equal(4.80 * (1 - 0.0005), fill.Price, 12);
        // Sell costs, 2016: commission 0.025 % (above the 5 CNY minimum), stamp duty 0.1 %, transfer fee 0.002 %.
        var value = 16_500 * 4.80 * (1 - 0.0005);
        Assert.Equal(value * 0.00025, fill.Costs.Commission, 9);
        Assert.Equal(value * 0.001, fill.Costs.StampDuty, 9);
        Assert.Equal(value * 0.00002, fill.Costs.TransferFee, 9);

        // Through the suspension the position is worth 16,500 x 6.07 every day: the daily return is exactly 0.
        foreach (var t in suspendedDays)
        {
            var k = Array.IndexOf(r.Days, t);
            Assert.Equal(0, r.StrategyReturns[k]);
            Assert.Equal(1, r.Holdings[k]);
            Assert.Equal(6.07, r.Positions.Single(p => p.Day == t).Price, 9);
        }
        var k1 = Array.IndexOf(r.Days, Day(2016, 2, 1));
        Assert.Equal(16_500 * (5.46 - 6.07) / r.Values[k1 - 1], r.StrategyReturns[k1], 12);
        var k3 = Array.IndexOf(r.Days, Day(2016, 2, 3));
        Assert.Equal(0, r.Holdings[k3]);
        Assert.Equal(1_000_000 - buy.Value - buy.Costs.Fees + fill.Value - fill.Costs.Fees, r.Cash[k3], 6);
    }

    [Fact]
    public void A_whole_period_TopK_run_obeys_every_rule_and_its_cash_follows_from_its_trades()
    {
        var m = ShippedStore.Market;
        var n = m.N;
        // Scores: the 5-day reversal of the raw close, known at t (a factor, not a forecast; any scores do).
        var scores = new float[m.T * n];
        Array.Fill(scores, float.NaN);
        for (var t = 5; t < m.T; t++)
            for (var i = 0; i < n; i++)
            {
                float c0 = m.Close[(t - 5) * n + i], c1 = m.Close[t * n + i];
                if (c0 > 0 && c1 > 0 && m.Member[t * n + i]) scores[t * n + i] = c0 / c1 * m.Factor[(t - 5) * n + i] / m.Factor[t * n + i];
            }
        var r = Backtester.Run(m, new ScoreTable(m, scores), new TopkDropoutStrategy(50, 5), new BacktestOptions());
        Assert.True(r.Trades.Count(t => t.Filled) > 10_000);
        Assert.Contains(r.Trades, t => t.Note == "refused: at limit-up");
        Assert.Contains(r.Trades, t => t.Note == "refused: at limit-down");
        Assert.Contains(r.Trades, t => t.Note == "refused: suspended");

        var held = new double[n];
        var boughtOn = new int[n];
        Array.Fill(boughtOn, -1);
        var cash = r.InitialCash;
        var byDay = r.Trades.Where(t => t.Filled).GroupBy(t => t.Day).ToDictionary(g => g.Key, g => g.ToList());
        var start = r.Days[0] - 1;
        for (var k = 0; k < r.Count; k++)
        {
            var t = r.Days[k];
            for (var i = 0; i < n; i++)
                if (held[i] > 0 && t > start + 1) held[i] *= (double)m.Factor[t * n + i] / m.Factor[(t - 1) * n + i];
            foreach (var f in byDay.GetValueOrDefault(t) ?? [])
            {
                var i = f.Instrument;
                var cell = t * n + i;
                Assert.True(m.Tradable[cell]);
                Assert.Equal(MarketView.Quote(m.Open[cell]), f.MarketPrice);
                Assert.True(f.Costs.Commission >= 5 - 1e-12);
                if (f.Side == OrderSide.Buy)
                {
                    Assert.False(f.MarketPrice >= m.LimitUp[cell] - 0.005, $"{m.Symbols[i]} bought at limit-up on {m.Calendar[t]}");
                    Assert.Equal(0, f.Costs.StampDuty);
                    if (m.Star[i]) Assert.True(f.Shares >= 200 && f.Shares == Math.Floor(f.Shares));
                    else Assert.Equal(0, f.Shares % 100);
                    Assert.True(f.Shares <= 0.1 * m.Volume[cell] + 1e-6);
                    cash -= f.Value + f.Costs.Fees;
                    held[i] += f.Shares;
                    boughtOn[i] = t;
                }
                else
                {
                    Assert.False(f.MarketPrice <= m.LimitDown[cell] + 0.005, $"{m.Symbols[i]} sold at limit-down on {m.Calendar[t]}");
                    Assert.NotEqual(t, boughtOn[i]); // T+1: never sold on its buy day
                    Assert.Equal(0.001 * f.Value, f.Costs.StampDuty, 9); // 2011-2022: 0.1 % on sells
                    Assert.True(f.Shares <= held[i] + 1e-6);
                    cash += f.Value - f.Costs.Fees;
                    held[i] -= f.Shares;
                    if (held[i] < 1e-9) held[i] = 0;
                }
            }
            Assert.Equal(cash, r.Cash[k], 6);
            var value = cash;
            for (var i = 0; i < n; i++) if (held[i] > 0) value += held[i] * m.LastClose[t * n + i];
            Assert.Equal(value, r.Values[k], 4);
            Assert.InRange(r.Holdings[k], 0, 55);
        }
        Assert.True(cash > 0);
    }
}
