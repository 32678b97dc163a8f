using AlphaSharp.Backtest;
using AlphaSharp.Common;

namespace AlphaSharp.Models.Rl;

/// <summary>One step's outcome: the next observation, the reward, whether the episode ended, and what happened.</summary>
public sealed record StepResult(float[] Observation, double Reward, bool Done, StepInfo Info);

/// <summary>The day the order filled on, the account after the close, the day's return and the order's trades (a refusal has 0 shares and its reason).</summary>
public sealed record StepInfo(int Day, double Value, double Cash, double Shares, double Return, IReadOnlyList<Trade> Trades)
{
    public string? Refusal => Trades.FirstOrDefault(t => !t.Filled).Note is { Length: > 0 } n ? n : null;
}

/// <summary>
/// One stock with its share of the capital, traded by an agent on the backtester's own rules and costs (through
/// <see cref="TradingSession"/>, so T+1, price limits, lots, suspensions and fees are the backtest's, not a copy).
/// The agent decides at the close of day t from the window of features ending at t; the order fills on day t + 1 at
/// the options' execution price (the open by default), a price the agent has not seen; the account is marked at the
/// close of t + 1, and the reward is computed from that day's return. A refused order (limit-up buy, T+1 sell,
/// suspension) fills nothing and shows in the next observation's refusal flag, never silently filled.
/// Observation: <see cref="Window"/> steps (oldest first) of the scaled features and four position-state values on
/// every step (holding 0/1, cash share of the account, the position's return since it was bought, last order refused 0/1).
/// </summary>
public sealed class TradingEnvironment
{
    public const int StateFeatures = 4;

    private readonly MarketView _market;
    private readonly int _instrument;
    private readonly int _featureCount;
    /// <summary>The instrument's features already scaled, day-major ([t * F + f], NaN as 0): a step copies its window's rows.</summary>
    private readonly float[] _scaled;
    private readonly BacktestOptions _options;
    private readonly TradingEnvironmentOptions _env;
    private readonly RewardTracker _reward;
    private TradingSession _session = null!;
    private double _value, _entryCost;
    private bool _refused;

    /// <param name="features">Feature panels (instrument-major [N * T], the factor engine's layout), known at each day's close.</param>
    /// <param name="start">The first decision day (calendar index); the window before it must lie in the calendar.</param>
    /// <param name="end">The last day an order fills on.</param>
    public TradingEnvironment(MarketView market, int instrument, IReadOnlyList<float[]> features, ObservationScaler scaler, int start, int end,
        BacktestOptions options, TradingEnvironmentOptions env)
    {
        env.Validate();
        options.Validate();
        if (options.Lag != 1) throw new SettingException($"{new SettingName("lag")} {options.Lag}: the environment fills a decision of day t on day t + 1 (lag 1)");
        if (features.Count == 0 || features.Any(f => f.Length != market.N * market.T)) throw new ArgumentException($"rl: every feature panel needs {market.N} x {market.T} cells");
        if (scaler.Means.Length != features.Count) throw new ArgumentException($"rl: the scaler has {scaler.Means.Length} features, the environment {features.Count}");
        if (start - env.Window + 1 < 0 || end <= start || end >= market.T)
            throw new InputException($"rl: episode {start}..{end} with a {env.Window}-day window does not fit the {market.T}-day calendar (the first decision needs {env.Window - 1} days before it, and the last fill a day after it)");
        (_market, _instrument, _options, _env) = (market, instrument, options, env);
        _featureCount = features.Count;
        var T = market.T;
        _scaled = new float[T * _featureCount];
        for (var f = 0; f < _featureCount; f++)
            for (var t = 0; t < T; t++)
            {
                var v = features[f][instrument * T + t];
                _scaled[t * _featureCount + f] = float.IsFinite(v) ? (float)((v - scaler.Means[f]) / scaler.Stds[f]) : 0f;
            }
        _reward = new RewardTracker(env);
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }
    public int Window => _env.Window;
    public int StepFeatures => _featureCount + StateFeatures;
    public int ObservationSize => Window * StepFeatures;
    /// <summary>The decision day of the current observation.</summary>
    public int Day { get; private set; }
    public TradingSession Session => _session;

    /// <summary>A new episode at <see cref="Start"/> with all capital in cash; its first observation.</summary>
    public float[] Reset()
    {
        _session = new TradingSession(_market, _options);
        _session.Open(Start);
        _session.Close();
        _value = _session.Value();
        _entryCost = 0;
        _refused = false;
        _reward.Reset();
        Day = Start;
        return Observation();
    }

    public StepResult Step(TradeAction action)
    {
        if (_session is null) throw new InvalidOperationException("rl: Reset the environment before stepping it");
        if (Day >= End) throw new InvalidOperationException($"rl: the episode ended on day {End}; Reset for another");
        var t = Day + 1;
        _session.Open(t);
        var before = _session.Trades.Count;
        var account = _session.Account;
        var i = _instrument;
        switch (action)
        {
            case TradeAction.Buy:
                var cash = account.Cash;
                if (_session.Buy(i, cash * _env.BuyFraction) > 0)
                    _entryCost += cash - account.Cash;
                break;
            case TradeAction.Sell:
                var held = account.Shares[i];
                var sold = _session.Sell(i, held * _env.SellFraction);
                if (sold > 0) _entryCost = account.Shares[i] > 0 ? _entryCost * (account.Shares[i] / held) : 0;
                break;
            case TradeAction.Hold:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "rl: actions are hold (0), buy (1) and sell (2)");
        }
        var trades = _session.Trades.Count == before ? [] : new Trade[_session.Trades.Count - before];
        _refused = false;
        for (var k = 0; k < trades.Length; k++)
        {
            trades[k] = _session.Trades[before + k];
            _refused |= !trades[k].Filled;
        }
        var value = _session.Value();
        _session.Close();
        var r = value / _value - 1;
        _value = value;
        Day = t;
        var reward = _reward.Next(r);
        return new StepResult(Observation(), reward, Day >= End, new StepInfo(t, value, account.Cash, account.Shares[i], r, trades));
    }

    private float[] Observation()
    {
        var obs = new float[ObservationSize];
        var account = _session.Account;
        var shares = account.Shares[_instrument];
        var close = _market.LastClose[Day * _market.N + _instrument];
        var positionValue = shares > 0 && double.IsFinite(close) ? shares * close : 0;
        var holding = shares > 0 ? 1f : 0f;
        var cashShare = (float)(account.Cash / _value);
        var sinceEntry = shares > 0 && _entryCost > 0 ? (float)(positionValue / _entryCost - 1) : 0f;
        var refused = _refused ? 1f : 0f;
        for (var k = 0; k < Window; k++)
        {
            var row = k * StepFeatures;
            Array.Copy(_scaled, (Day - Window + 1 + k) * _featureCount, obs, row, _featureCount);
            var s = row + _featureCount;
            obs[s] = holding;
            obs[s + 1] = cashShare;
            obs[s + 2] = sinceEntry;
            obs[s + 3] = refused;
        }
        return obs;
    }
}
