using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Backtest;

/// <summary>
/// The daily loop. For each day t from the first decision day to the end:
/// 1. yesterday's buys become sellable (T+1) and corporate actions adjust holdings (factor ratio): <see cref="TradingSession.Open"/>;
/// 2. the decision made on day t - lag is carried out at day t's execution price: sells first, then buys;
/// 3. positions are valued at the day's closes (a suspended stock at its last close) and the day's return recorded;
/// 4. if t is a decision day, the strategy decides from scores and data up to t; its orders fill at t + lag.
/// With lag 0 (close only) step 4 comes before step 2. Nothing in a decision at t reads data dated after t.
/// </summary>
public static class Backtester
{
    public static BacktestResult Run(MarketView market, ScoreTable scores, IStrategy strategy, BacktestOptions options)
    {
        options.Validate();
        if (scores.FirstDay < 0) throw new InputException("backtest: the scores have no values");
        var calendar = market.Calendar;
        var first = options.Start is { } s ? calendar.IndexOnOrAfter(s) : scores.FirstDay;
        var last = options.End is { } e ? calendar.IndexOnOrBefore(e) : Math.Min(market.T - 1, scores.LastDay + options.Lag);
        var startDay = first + options.Lag;
        if (first >= market.T || startDay > last)
            throw new InputException($"backtest: nothing to simulate between {Describe(calendar, first)} and {Describe(calendar, last)} with a lag of {options.Lag} day(s)");

        var n = market.N;
        var session = new TradingSession(market, options);
        var account = session.Account;
        var executor = session.Executor;
        var context = new DecisionContext(market, account, options.RiskDegree);
        var decisionDays = options.Rebalance.DecisionDays(calendar, first, last - options.Lag);
        var pending = new Queue<(int Day, Decision Decision)>();
        var spare = new Stack<Decision>();
        strategy.Reset();

        var count = last - startDay + 1;
        var days = new int[count];
        var returns = new double[count];
        var bench = new double[count];
        var values = new double[count];
        var cash = new double[count];
        var bought = new double[count];
        var sold = new double[count];
        var turnover = new double[count];
        var costs = new double[count];
        var holdings = new int[count];
        var positions = new List<PositionRow>(options.RecordPositions ? count * 64 : 0);
        var previousValue = options.InitialCash;
        var prices = new double[n];

        for (var t = first; t <= last; t++)
        {
            session.Open(t);
            if (options.Lag == 0 && decisionDays[t]) Decide(t, t);
            var tradesBefore = executor.Trades.Count;
            if (pending.Count > 0 && pending.Peek().Day == t)
            {
                var d = pending.Dequeue().Decision;
                Execute(market, options, executor, d, t, prices);
                spare.Push(d);
            }
            var row = market.LastClose.AsSpan(t * n, n);
            var value = session.Value();
            if (t >= startDay)
            {
                var k = t - startDay;
                days[k] = t;
                values[k] = value;
                cash[k] = account.Cash;
                returns[k] = value / previousValue - 1;
                bench[k] = BenchmarkReturn(market, t);
                for (var j = tradesBefore; j < executor.Trades.Count; j++)
                {
                    var tr = executor.Trades[j];
                    if (!tr.Filled) continue;
                    if (tr.Side == Backtest.OrderSide.Buy) bought[k] += tr.Value; else sold[k] += tr.Value;
                    costs[k] += tr.Costs.Total;
                }
                turnover[k] = (bought[k] + sold[k]) / previousValue;
                holdings[k] = account.HoldingsCount;
                if (options.RecordPositions)
                    for (var i = 0; i < n; i++)
                        if (account.Shares[i] > 0)
                        {
                            var pv = account.Shares[i] * row[i];
                            positions.Add(new PositionRow(t, i, account.Shares[i], row[i], pv, pv / value));
                        }
                previousValue = value;
            }
            session.Close();
            if (options.Lag > 0 && decisionDays[t]) Decide(t, t + options.Lag);
        }

        return new BacktestResult
        {
            Strategy = strategy.Name,
            Market = market,
            Days = days,
            StrategyReturns = returns,
            BenchmarkReturns = bench,
            Values = values,
            Cash = cash,
            Bought = bought,
            Sold = sold,
            Turnover = turnover,
            CostsPaid = costs,
            Holdings = holdings,
            Trades = executor.Trades,
            Positions = positions,
            InitialCash = options.InitialCash,
            VwapFallbacks = executor.VwapFallbacks,
        };

        void Decide(int t, int executeOn)
        {
            var scoreRow = scores.Row(t);
            if (!HasAny(scoreRow.Span)) return;
            context.Day = t;
            context.Scores = scoreRow;
            context.PortfolioValue = account.Value(market.LastClose.AsSpan(t * n, n));
            options.Filter.Apply(market, t, context.Eligible);
            var d = spare.Count > 0 ? spare.Pop() : new Decision(n);
            d.Clear();
            strategy.Decide(context, d);
            pending.Enqueue((executeOn, d));
        }
    }

    private static bool HasAny(ReadOnlySpan<float> row)
    {
        foreach (var v in row) if (!float.IsNaN(v)) return true;
        return false;
    }

    /// <summary>Sells first (their cash funds the buys), then weighted buys scaled to the cash, then Qlib-style cash-split buys.</summary>
    private static void Execute(MarketView market, BacktestOptions options, OrderExecutor executor, Decision d, int t, double[] prices)
    {
        var n = market.N;
        var account = executor.Account;
        var w = d.Weights;
        var value = account.Cash;
        for (var i = 0; i < n; i++)
        {
            // Only positions and instruments the decision names need a price.
            var held = account.Shares[i] > 0;
            if (!held && double.IsNaN(w[i])) continue;
            var p = executor.MarketPrice(t, i);
            prices[i] = double.IsNaN(p) ? market.LastClose[t * n + i] : p;
            if (held && double.IsFinite(prices[i])) value += account.Shares[i] * prices[i];
        }
        var invest = value * options.RiskDegree;
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(w[i]) || !(account.Shares[i] > 0)) continue;
            if (w[i] <= 0) { executor.Sell(t, i, account.Shares[i]); continue; }
            var excess = account.Shares[i] * prices[i] - w[i] * invest;
            if (excess > 0) executor.Sell(t, i, excess / prices[i]);
        }
        var wanted = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (!(w[i] > 0)) continue;
            var cur = account.Shares[i] > 0 ? account.Shares[i] * prices[i] : 0;
            if (w[i] * invest > cur) wanted += w[i] * invest - cur;
        }
        if (wanted > 0)
        {
            var scale = Math.Min(1, account.Cash / wanted);
            for (var i = 0; i < n; i++)
            {
                if (!(w[i] > 0)) continue;
                var cur = account.Shares[i] > 0 ? account.Shares[i] * prices[i] : 0;
                var want = w[i] * invest - cur;
                if (want > 0) executor.Buy(t, i, want * scale);
            }
        }
        if (d.CashBuys.Count > 0)
        {
            var each = account.Cash * options.RiskDegree / d.CashBuys.Count;
            foreach (var i in d.CashBuys) executor.Buy(t, i, each);
        }
    }

    private static double BenchmarkReturn(MarketView market, int t)
    {
        var c = market.BenchmarkClose;
        if (c is null || t == 0) return double.NaN;
        return (double)c[t] / c[t - 1] - 1;
    }

    private static string Describe(Calendar c, int t) =>
        t < 0 ? "the calendar start" : t >= c.Count ? "the calendar end" : c[t].ToString("yyyy-MM-dd");
}
