using AlphaSharp.Common;
namespace AlphaSharp.Backtest.Strategies;

/// <summary>
/// Enhanced index: hold the benchmark's members, tilted toward high scores, with a cap on turnover per rebalance
/// (paper 003: 30 %).
/// Benchmark weights: the data has no index weights, so b_i = float market value (float_mv) of each member at t over
/// their sum (the latest value of the last 20 trading days where day t has none; members with none at all are left out).
/// This approximates CSI 300's free-float-adjusted, capped weights.
/// Tilt: z_i = the cross-sectional z-score of the members' scores (0 for a member without a score or not eligible
/// today, which keeps it at its benchmark weight); target w_i ∝ b_i · exp(λ z_i − γ ln float_mv_i).
/// Size neutrality (on by default): γ is solved by bisection so that Σ w_i ln mv_i = Σ b_i ln mv_i, i.e. the
/// portfolio has the benchmark's exposure to log size; γ = 0 when off.
/// Turnover cap: with current weights c (of the invested value), the one-way turnover ½ Σ |w − c| is limited to the
/// cap by moving only part of the way: w' = c + (cap / turnover)(w − c). The first rebalance from cash is not capped.
/// Holdings that left the index have target 0 (under the same cap).
/// </summary>
public sealed class EnhancedIndexStrategy : IStrategy
{
    private double[] _w = [];
    private double[] _b = [];
    private double[] _z = [];
    private double[] _size = [];
    private readonly List<int> _members = [];

    /// <summary>Defaults: a tilt of 1 and paper 003's 30 % turnover cap.</summary>
    public const double DefaultTilt = 1.0, DefaultTurnoverCap = 0.3;

    public EnhancedIndexStrategy(double tilt = DefaultTilt, double turnoverCap = DefaultTurnoverCap, bool sizeNeutral = true)
    {
        if (!(tilt >= 0) || double.IsInfinity(tilt)) throw new SettingException($"{new SettingName("tilt")} {tilt}: must be 0 or more");
        if (!(turnoverCap > 0 && turnoverCap <= 1)) throw new SettingException($"{new SettingName("turnover_cap")} {turnoverCap}: must be in (0, 1]");
        Tilt = tilt;
        TurnoverCap = turnoverCap;
        SizeNeutral = sizeNeutral;
    }

    public double Tilt { get; }
    public double TurnoverCap { get; }
    public bool SizeNeutral { get; }
    public string Name => $"enhanced-index(tilt={Tilt}, turnover cap={TurnoverCap}, size neutral={(SizeNeutral ? "yes" : "no")})";

    public void Reset() { }

    public void Decide(DecisionContext c, Decision d)
    {
        var m = c.Market;
        var mv = m.FloatMv ?? throw new SettingException($"{new SettingName("strategy")} enhanced needs a float_mv field (float market value) to approximate benchmark weights");
        var n = m.N;
        if (_w.Length != n) { _w = new double[n]; _b = new double[n]; _z = new double[n]; _size = new double[n]; }
        Array.Clear(_w);
        _members.Clear();
        var row = c.MarketRow;
        var scores = c.Scores.Span;
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            if (!m.Member[row + i] || !double.IsFinite(m.LastClose[row + i])) continue;
            var v = LastKnown(mv, n, c.Day, i);
            if (!(v > 0)) continue;
            _members.Add(i);
            _b[i] = v;
            _size[i] = Math.Log(v);
            total += v;
        }
        if (_members.Count == 0) return;
        double sum = 0, sum2 = 0;
        var scored = 0;
        foreach (var i in _members)
        {
            _b[i] /= total;
            if (!c.Eligible[i] || float.IsNaN(scores[i])) continue;
            sum += scores[i];
            sum2 += (double)scores[i] * scores[i];
            scored++;
        }
        var mean = scored > 0 ? sum / scored : 0;
        var sd = scored > 1 ? Math.Sqrt(Math.Max(0, (sum2 - scored * mean * mean) / (scored - 1))) : 0;
        foreach (var i in _members)
            _z[i] = sd > 0 && c.Eligible[i] && !float.IsNaN(scores[i]) ? (scores[i] - mean) / sd : 0;

        var gamma = SizeNeutral ? SolveGamma() : 0;
        Weights(gamma);
        CapTurnover(c, n);
        for (var i = 0; i < n; i++)
            if (_w[i] > 0 || c.Account.Shares[i] > 0) d.Weights[i] = _w[i];
    }

    /// <summary>
    /// float_mv on day t, or the latest value in the <see cref="MaxStaleDays"/> days before it: the valuation data has gaps,
    /// and dropping a member for a missing day would sell it and buy it back. Only past values are read.
    /// </summary>
    private static double LastKnown(float[] mv, int n, int t, int i)
    {
        for (var s = t; s >= 0 && s >= t - MaxStaleDays; s--)
        {
            var v = mv[s * n + i];
            if (v > 0) return v;
        }
        return double.NaN;
    }

    /// <summary>How many trading days a float_mv value stands in for missing later ones.</summary>
    public const int MaxStaleDays = 20;

    private double Exposure(double gamma)
    {
        Weights(gamma);
        var e = 0.0;
        foreach (var i in _members) e += _w[i] * _size[i];
        return e;
    }

    /// <summary>Exposure(γ) falls as γ grows (its derivative is minus the weighted variance of size), so bisection finds the γ matching the benchmark.</summary>
    private double SolveGamma()
    {
        var target = 0.0;
        foreach (var i in _members) target += _b[i] * _size[i];
        double lo = -20, hi = 20;
        if (Exposure(lo) < target || Exposure(hi) > target) return 0;
        for (var it = 0; it < 100 && hi - lo > 1e-12; it++)
        {
            var mid = 0.5 * (lo + hi);
            if (Exposure(mid) > target) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private void Weights(double gamma)
    {
        // Centre the size term so exp() stays in range whatever the units of float_mv.
        var centre = 0.0;
        foreach (var i in _members) centre += _b[i] * _size[i];
        var total = 0.0;
        foreach (var i in _members)
        {
            _w[i] = _b[i] * Math.Exp(Tilt * _z[i] - gamma * (_size[i] - centre));
            total += _w[i];
        }
        foreach (var i in _members) _w[i] /= total;
    }

    private void CapTurnover(DecisionContext c, int n)
    {
        var invested = false;
        var turnover = 0.0;
        for (var i = 0; i < n; i++)
        {
            var cur = c.CurrentWeight(i);
            if (cur > 0) invested = true;
            turnover += Math.Abs(_w[i] - cur);
        }
        turnover /= 2;
        if (!invested || turnover <= TurnoverCap) return;
        var f = TurnoverCap / turnover;
        for (var i = 0; i < n; i++)
        {
            var cur = c.CurrentWeight(i);
            _w[i] = cur + f * (_w[i] - cur);
        }
    }
}
