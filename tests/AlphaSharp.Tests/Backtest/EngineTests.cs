using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Backtest;

namespace AlphaSharp.Tests.Backtest;

/// <summary>The daily loop's timing and money flows, on hand-made prices.</summary>
public class EngineTests
{
    private static readonly CostModel Free = new(0, 0, StampDutySchedule.None, TransferFeeSchedule.None, 0, 0);
    private static readonly BacktestOptions Plain = BacktestOptions.Generic with { Costs = Free, Filter = CandidateFilter.None, InitialCash = 100_000, RiskDegree = 1 };

    /// <summary>One stock: open 10 + t, close 10.5 + t on day t.</summary>
    private static MarketView Rising(int days)
    {
        var tm = new TinyMarket(["SZ000001"], days);
        for (var t = 0; t < days; t++) tm.Bar("SZ000001", t, 10 + t, 10.5f + t);
        return tm.View();
    }

    [Theory]
    [InlineData(ExecutionPrice.Open, 1, 1, 11.0)]
    [InlineData(ExecutionPrice.Open, 2, 2, 12.0)]
    [InlineData(ExecutionPrice.Close, 1, 1, 11.5)]
    [InlineData(ExecutionPrice.Close, 0, 0, 10.5)]
    [InlineData(ExecutionPrice.Vwap, 1, 1, 11.25)]
    public void A_score_at_t_fills_at_t_plus_lag_at_the_chosen_price(ExecutionPrice price, int lag, int fillDay, double fillPrice)
    {
        var m = Rising(6);
        var scores = TinyMarket.EmptyScores(m);
        scores[0] = 1;
        var r = Backtester.Run(m, new ScoreTable(m, scores), new SignalStrategy(0.5), Plain with { Price = price, Lag = lag });
        var buy = Assert.Single(r.Trades);
        Assert.Equal((fillDay, fillPrice), (buy.Day, buy.Price));
        Assert.Equal(Math.Floor(50_000 / fillPrice), buy.Shares);
        // The series starts on the fill day, measured from the initial cash: value at that close over 100,000.
        Assert.Equal(fillDay, r.Days[0]);
        var close = 10.5 + fillDay;
        Assert.Equal((100_000 - buy.Shares * fillPrice + buy.Shares * close) / 100_000 - 1, r.StrategyReturns[0], 12);
        Assert.Equal(1, r.Count); // default end: the last scored day (0) + lag, the fill day itself
    }

    [Fact]
    public void Weighted_buys_that_exceed_the_cash_are_scaled_down_together()
    {
        // Two stocks at 10.00, each asked for 80 % of 100,000: 160,000 wanted, 100,000 there -> 62.5 % of each: 5,000 shares.
        var m = new TinyMarket(["SZ000001", "SZ000002"], 3).View();
        var scores = TinyMarket.EmptyScores(m);
        scores[0] = scores[1] = 1;
        var r = Backtester.Run(m, new ScoreTable(m, scores), new SignalStrategy(0.8), Plain);
        Assert.Equal([5_000.0, 5_000.0], r.Trades.Select(t => t.Shares));
        Assert.Equal(0, r.Cash[0], 9);
    }

    [Fact]
    public void Costs_and_turnover_of_a_day_add_up_from_its_fills()
    {
        // China costs on 2020-01-07: buy 50,000 of cash at 10.00 plus 5 bps.
        var m = new TinyMarket(["SZ000001"], 4).View();
        var scores = TinyMarket.EmptyScores(m);
        scores[0] = 1;
        scores[1] = -1;
        var o = new BacktestOptions { InitialCash = 100_000, RiskDegree = 1, Filter = CandidateFilter.None };
        var r = Backtester.Run(m, new ScoreTable(m, scores), new SignalStrategy(0.5), o);
        var (buy, sell) = (r.Trades[0], r.Trades[1]);
        Assert.Equal(4_900, buy.Shares); // 5,000 x 10.005 = 50,025 > 50,000
        Assert.Equal(buy.Costs.Total, r.CostsPaid[0], 9);
        Assert.Equal(buy.Value / 100_000, r.Turnover[0], 12);
        Assert.Equal(sell.Costs.Total, r.CostsPaid[1], 9);
        Assert.Equal(sell.Value / r.Values[0], r.Turnover[1], 12);
        // Round trip at a flat 10.00: the loss is exactly the two days' costs.
        Assert.Equal(100_000 - buy.Costs.Total - sell.Costs.Total, r.Values[1], 6);
        var series = r.ToSeries();
        Assert.Equal(r.Count, series.Length);
        Assert.Equal(100_000, series.InitialCapital);
    }
}
