using AlphaSharp.Backtest;
using AlphaSharp.Common;

namespace AlphaSharp.Models.Rl;

/// <summary>One account step: each listed stock's next observation, the account's reward, whether the episode ended, and what happened.</summary>
public sealed record AccountStep(float[][] Observations, double Reward, bool Done, AccountStepInfo Info);

/// <summary>The day the orders filled on, the account after the close, each listed stock's shares, the day's return and the orders' trades (a refusal has 0 shares and its reason).</summary>
public sealed record AccountStepInfo(int Day, double Value, double Cash, double[] Shares, double Return, IReadOnlyList<Trade> Trades);

/// <summary>
/// One account trading a list of stocks on the backtester's own rules and costs (through <see cref="TradingSession"/>,
/// so T+1, price limits, lots, suspensions and fees are the backtest's, not a copy). At the close of day t each stock
/// gets an action decided from the window of its features ending at t; the orders fill on day t + 1 at the options'
/// execution price (the open by default), a price no decision has seen: sells first, so their cash is there for the
/// buys, and each buy spends <see cref="TradingEnvironmentOptions.BuyFraction"/> of the cash over the number of
/// stocks without a position (itself counted), so an all-in buy of a lone stock takes all the cash and the stocks of
/// a shared account split it equally. The account is marked at the close of t + 1 and rewarded on that day's return.
/// A refused order fills nothing and shows in that stock's next observation, never silently filled.
/// Each stock's observation: <see cref="Window"/> steps (oldest first) of its scaled features and four position-state
/// values on every step: holding 0/1; the cash share a buy of it would see (its budget over the budget plus its
/// position's value, so 1 when flat, as in an account of its own); its position's return since bought; last order refused 0/1.
/// </summary>
public sealed class AccountEnvironment
{
    public const int StateFeatures = 4;

    private readonly MarketView _market;
    private readonly int[] _instruments;
    private readonly int _featureCount;
    /// <summary>Each listed stock's features already scaled, day-major ([t * F + f], NaN as 0): a step copies its window's rows.</summary>
    private readonly float[][] _scaled;
    private readonly BacktestOptions _options;
    private readonly TradingEnvironmentOptions _env;
    private readonly RewardTracker _reward;
    private readonly double[] _entryCost;
    private readonly bool[] _refused;
    private TradingSession _session = null!;
    private double _value;

    /// <param name="instruments">The stocks traded, as the market's instrument indices.</param>
    /// <param name="features">Feature panels (instrument-major [N * T], the factor engine's layout), known at each day's close.</param>
    /// <param name="scalers">One per listed stock, fitted on its own training days.</param>
    /// <param name="start">The first decision day (calendar index); the window before it must lie in the calendar.</param>
    /// <param name="end">The last day an order fills on.</param>
    public AccountEnvironment(MarketView market, IReadOnlyList<int> instruments, IReadOnlyList<float[]> features, IReadOnlyList<ObservationScaler> scalers,
        int start, int end, BacktestOptions options, TradingEnvironmentOptions env)
    {
        env.Validate();
        options.Validate();
        if (options.Lag != 1) throw new SettingException($"{new SettingName("lag")} {options.Lag}: the environment fills a decision of day t on day t + 1 (lag 1)");
        if (instruments.Count == 0 || instruments.Distinct().Count() != instruments.Count || instruments.Any(i => i < 0 || i >= market.N))
            throw new ArgumentException($"rl: the account trades one or more distinct instruments of the market's {market.N}");
        if (features.Count == 0 || features.Any(f => f.Length != market.N * market.T)) throw new ArgumentException($"rl: every feature panel needs {market.N} x {market.T} cells");
        if (scalers.Count != instruments.Count || scalers.Any(s => s.Means.Length != features.Count))
            throw new ArgumentException($"rl: one scaler of {features.Count} features per traded instrument ({instruments.Count})");
        if (start - env.Window + 1 < 0 || end <= start || end >= market.T)
            throw new InputException($"rl: episode {start}..{end} with a {env.Window}-day window does not fit the {market.T}-day calendar (the first decision needs {env.Window - 1} days before it, and the last fill a day after it)");
        (_market, _instruments, _options, _env) = (market, instruments.ToArray(), options, env);
        _featureCount = features.Count;
        var T = market.T;
        _scaled = new float[_instruments.Length][];
        for (var j = 0; j < _instruments.Length; j++)
        {
            var scaled = _scaled[j] = new float[T * _featureCount];
            var (i, scaler) = (_instruments[j], scalers[j]);
            for (var f = 0; f < _featureCount; f++)
                for (var t = 0; t < T; t++)
                {
                    var v = features[f][i * T + t];
                    scaled[t * _featureCount + f] = float.IsFinite(v) ? (float)((v - scaler.Means[f]) / scaler.Stds[f]) : 0f;
                }
        }
        _reward = new RewardTracker(env);
        _entryCost = new double[_instruments.Length];
        _refused = new bool[_instruments.Length];
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }
    public int Stocks => _instruments.Length;
    public int Window => _env.Window;
    public int StepFeatures => _featureCount + StateFeatures;
    public int ObservationSize => Window * StepFeatures;
    /// <summary>The decision day of the current observations.</summary>
    public int Day { get; private set; }
    public TradingSession Session => _session;

    /// <summary>A new episode at <see cref="Start"/> with all capital in cash; each stock's first observation.</summary>
    public float[][] Reset()
    {
        _session = new TradingSession(_market, _options);
        _session.Open(Start);
        _session.Close();
        _value = _session.Value();
        Array.Clear(_entryCost);
        Array.Clear(_refused);
        _reward.Reset();
        Day = Start;
        return Observations();
    }

    public AccountStep Step(IReadOnlyList<TradeAction> actions)
    {
        if (_session is null) throw new InvalidOperationException("rl: Reset the environment before stepping it");
        if (Day >= End) throw new InvalidOperationException($"rl: the episode ended on day {End}; Reset for another");
        if (actions.Count != _instruments.Length) throw new ArgumentException($"rl: {actions.Count} actions for {_instruments.Length} stocks");
        for (var j = 0; j < actions.Count; j++)
            if (actions[j] is not (TradeAction.Hold or TradeAction.Buy or TradeAction.Sell))
                throw new ArgumentOutOfRangeException(nameof(actions), actions[j], "rl: actions are hold (0), buy (1) and sell (2)");
        var t = Day + 1;
        _session.Open(t);
        var before = _session.Trades.Count;
        var account = _session.Account;
        for (var j = 0; j < _instruments.Length; j++)
        {
            if (actions[j] != TradeAction.Sell) continue;
            var i = _instruments[j];
            var held = account.Shares[i];
            if (_session.Sell(i, held * _env.SellFraction) > 0) _entryCost[j] = account.Shares[i] > 0 ? _entryCost[j] * (account.Shares[i] / held) : 0;
        }
        for (var j = 0; j < _instruments.Length; j++)
        {
            if (actions[j] != TradeAction.Buy) continue;
            var cash = account.Cash;
            if (_session.Buy(_instruments[j], cash * _env.BuyFraction / BuyShares(j)) > 0) _entryCost[j] += cash - account.Cash;
        }
        var trades = _session.Trades.Count == before ? [] : new Trade[_session.Trades.Count - before];
        Array.Clear(_refused);
        for (var k = 0; k < trades.Length; k++)
        {
            trades[k] = _session.Trades[before + k];
            if (!trades[k].Filled) _refused[Array.IndexOf(_instruments, trades[k].Instrument)] = true;
        }
        var value = _session.Value();
        _session.Close();
        var r = value / _value - 1;
        _value = value;
        Day = t;
        var reward = _reward.Next(r);
        var shares = new double[_instruments.Length];
        for (var j = 0; j < shares.Length; j++) shares[j] = account.Shares[_instruments[j]];
        return new AccountStep(Observations(), reward, Day >= End, new AccountStepInfo(t, value, account.Cash, shares, r, trades));
    }

    /// <summary>How many ways a buy of stock j shares the cash: the stocks without a position, j counted whether it has one or not.</summary>
    private int BuyShares(int j)
    {
        var flat = 0;
        for (var k = 0; k < _instruments.Length; k++)
            if (k != j && !(_session.Account.Shares[_instruments[k]] > 0)) flat++;
        return flat + 1;
    }

    private float[][] Observations()
    {
        var obs = new float[_instruments.Length][];
        var account = _session.Account;
        for (var j = 0; j < _instruments.Length; j++)
        {
            var o = obs[j] = new float[ObservationSize];
            var i = _instruments[j];
            var shares = account.Shares[i];
            var close = _market.LastClose[Day * _market.N + i];
            var positionValue = shares > 0 && double.IsFinite(close) ? shares * close : 0;
            var budget = account.Cash / BuyShares(j);
            var holding = shares > 0 ? 1f : 0f;
            var cashShare = budget + positionValue > 0 ? (float)(budget / (budget + positionValue)) : 0f;
            var sinceEntry = shares > 0 && _entryCost[j] > 0 ? (float)(positionValue / _entryCost[j] - 1) : 0f;
            var refused = _refused[j] ? 1f : 0f;
            var scaled = _scaled[j];
            for (var k = 0; k < Window; k++)
            {
                var row = k * StepFeatures;
                Array.Copy(scaled, (Day - Window + 1 + k) * _featureCount, o, row, _featureCount);
                var s = row + _featureCount;
                o[s] = holding;
                o[s + 1] = cashShare;
                o[s + 2] = sinceEntry;
                o[s + 3] = refused;
            }
        }
        return obs;
    }
}
