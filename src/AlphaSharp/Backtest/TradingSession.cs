namespace AlphaSharp.Backtest;

/// <summary>
/// The backtester's trading day as a public seam, for a caller that decides one day at a time (a reinforcement-learning
/// environment): <see cref="Open"/> starts day t (yesterday's buys become sellable, corporate actions adjust holdings),
/// <see cref="Buy"/> and <see cref="Sell"/> fill orders under the exchange rules and costs of <see cref="OrderExecutor"/>
/// (refusals are logged as trades with a note, never filled), <see cref="Value"/> marks the account at the day's closes
/// and <see cref="Close"/> ends the day. Days must be opened in calendar order; the daily loop of
/// <see cref="Backtester"/> runs on the same calls, so both obey the same rules.
/// </summary>
public sealed class TradingSession
{
    public TradingSession(MarketView market, BacktestOptions options)
    {
        options.Validate();
        Market = market;
        Options = options;
        Account = new Account(market.N, options.InitialCash);
        Executor = new OrderExecutor(market, options, Account);
    }

    public MarketView Market { get; }
    public BacktestOptions Options { get; }
    public Account Account { get; }
    public OrderExecutor Executor { get; }
    public IReadOnlyList<Trade> Trades => Executor.Trades;

    /// <summary>The open day (calendar index), -1 before the first.</summary>
    public int Day { get; private set; } = -1;

    /// <summary>Starts day <paramref name="t"/>, the next after the last opened one (or any day to begin with).</summary>
    public void Open(int t)
    {
        if (Day >= 0 && t != Day + 1) throw new InvalidOperationException($"trading session: day {t} opened after day {Day}; days open one after another");
        if (t < 0 || t >= Market.T) throw new ArgumentOutOfRangeException(nameof(t), t, "trading session: no such day");
        Account.StartDay();
        if (Day >= 0) ApplyCorporateActions(t);
        Day = t;
    }

    /// <summary>Buys instrument i today for at most <paramref name="budget"/> CNY, fees included; the shares bought (0 when refused).</summary>
    public double Buy(int i, double budget) => Executor.Buy(Day, i, budget);

    /// <summary>Sells up to <paramref name="shares"/> of instrument i today; the shares sold (0 when refused).</summary>
    public double Sell(int i, double shares) => Executor.Sell(Day, i, shares);

    /// <summary>Cash plus positions at today's closes (a suspended stock at its last close).</summary>
    public double Value() => Account.Value(Market.LastClose.AsSpan(Day * Market.N, Market.N));

    /// <summary>Ends the day: every open position has been held through one more close.</summary>
    public void Close() => Account.EndDay();

    private void ApplyCorporateActions(int t)
    {
        var n = Market.N;
        for (var i = 0; i < n; i++)
        {
            if (!(Account.Shares[i] > 0)) continue;
            var f0 = Market.Factor[(t - 1) * n + i];
            var f1 = Market.Factor[t * n + i];
            if (f1 != f0) Account.ApplyAdjustment(i, (double)f1 / f0);
        }
    }
}
