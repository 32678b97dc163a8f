using AlphaSharp.Backtest;

namespace AlphaSharp.Models.Rl;

/// <summary>One step's outcome: the next observation, the reward, whether the episode ended, and what happened.</summary>
public sealed record StepResult(float[] Observation, double Reward, bool Done, StepInfo Info);

/// <summary>The day the order filled on, the account after the close, the day's return and the order's trades (a refusal has 0 shares and its reason).</summary>
public sealed record StepInfo(int Day, double Value, double Cash, double Shares, double Return, IReadOnlyList<Trade> Trades)
{
    public string? Refusal => Trades.FirstOrDefault(t => !t.Filled).Note is { Length: > 0 } n ? n : null;
}

/// <summary>
/// One stock with its share of the capital, traded by one agent: an <see cref="AccountEnvironment"/> of that stock
/// alone (the backtester's rules and costs through <see cref="TradingSession"/>; decisions at the close of t filled on
/// t + 1 at a price the agent has not seen; a refused order shown in the next observation). A buy spends
/// <see cref="TradingEnvironmentOptions.BuyFraction"/> of the cash, a sell sells
/// <see cref="TradingEnvironmentOptions.SellFraction"/> of the position. Observation: <see cref="Window"/> steps (oldest
/// first) of the scaled features and four position-state values on every step (holding 0/1, cash share of the account,
/// the position's return since it was bought, last order refused 0/1).
/// </summary>
public sealed class TradingEnvironment
{
    public const int StateFeatures = AccountEnvironment.StateFeatures;

    private readonly AccountEnvironment _account;
    private readonly TradeAction[] _action = new TradeAction[1];

    /// <param name="features">Feature panels (instrument-major [N * T], the factor engine's layout), known at each day's close.</param>
    /// <param name="start">The first decision day (calendar index); the window before it must lie in the calendar.</param>
    /// <param name="end">The last day an order fills on.</param>
    public TradingEnvironment(MarketView market, int instrument, IReadOnlyList<float[]> features, ObservationScaler scaler, int start, int end,
        BacktestOptions options, TradingEnvironmentOptions env)
        => _account = new AccountEnvironment(market, [instrument], features, [scaler], start, end, options, env);

    public int Start => _account.Start;
    public int End => _account.End;
    public int Window => _account.Window;
    public int StepFeatures => _account.StepFeatures;
    public int ObservationSize => _account.ObservationSize;
    /// <summary>The decision day of the current observation.</summary>
    public int Day => _account.Day;
    public TradingSession Session => _account.Session;
    /// <summary>The one-stock account this environment steps.</summary>
    public AccountEnvironment Account => _account;

    /// <summary>A new episode at <see cref="Start"/> with all capital in cash; its first observation.</summary>
    public float[] Reset() => _account.Reset()[0];

    public StepResult Step(TradeAction action)
    {
        _action[0] = action;
        var s = _account.Step(_action);
        return new StepResult(s.Observations[0], s.Reward, s.Done, new StepInfo(s.Info.Day, s.Info.Value, s.Info.Cash, s.Info.Shares[0], s.Info.Return, s.Info.Trades));
    }
}
