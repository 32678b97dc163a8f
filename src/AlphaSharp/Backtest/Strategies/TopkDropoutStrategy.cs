using AlphaSharp.Common;
namespace AlphaSharp.Backtest.Strategies;

/// <summary>
/// Qlib's TopkDropoutStrategy (method_sell="bottom", method_buy="top"). On each decision day:
/// last = holdings sorted by score (a holding with no score, or out of the universe, ranks last);
/// today = the best (n_drop + topk - |last|) eligible non-held stocks;
/// comb = last + today sorted by score; sell = the holdings among comb's bottom n_drop;
/// buy = today[: |sell| + topk - |last|]. A sell is skipped while the position has been held fewer than
/// hold_thresh closes. Sells exit whole positions; buys split the cash left after the sells (times the risk degree)
/// equally. So at most n_drop names change per rebalance, and a stock is dropped only for a better one.
/// </summary>
public sealed class TopkDropoutStrategy : IStrategy
{
    private readonly List<int> _last = [];
    private readonly List<int> _candidates = [];
    private readonly ScoreOrder _order = new();
    private readonly List<int> _comb = [];
    private float[] _keys = [];

    /// <summary>Closes a stock must be held before it may be sold, unless set.</summary>
    public const int DefaultHoldThreshold = 1;

    public TopkDropoutStrategy(int topk, int nDrop, int holdThreshold = DefaultHoldThreshold)
    {
        if (topk < 1) throw new SettingException($"{new SettingName("topk")} {topk}: must be at least 1");
        if (nDrop < 0 || nDrop > topk) throw new SettingException($"{new SettingName("n_drop")} {nDrop}: must be between 0 and topk ({topk})");
        if (holdThreshold < 0) throw new SettingException($"{new SettingName("hold_thresh")} {holdThreshold}: must be 0 or more");
        TopK = topk;
        NDrop = nDrop;
        HoldThreshold = holdThreshold;
    }

    public int TopK { get; }
    public int NDrop { get; }
    public int HoldThreshold { get; }
    public string Name => $"topk-dropout(topk={TopK}, n_drop={NDrop}, hold_thresh={HoldThreshold})";

    public void Reset() { }

    public void Decide(DecisionContext c, Decision d)
    {
        var scores = c.Scores.Span;
        var m = c.Market;
        var n = m.N;
        if (_keys.Length != n) _keys = new float[n];
        var member = m.Member.AsSpan(c.MarketRow, n);
        var shares = c.Account.Shares;
        _last.Clear();
        _candidates.Clear();
        for (var i = 0; i < n; i++)
        {
            var score = scores[i];
            var held = shares[i] > 0;
            // A holding that left the universe has no usable score today: Qlib's reindex would give it NaN.
            _keys[i] = held && !member[i] ? float.NaN : score;
            if (held) _last.Add(i);
            else if (c.Eligible[i] && !float.IsNaN(score)) _candidates.Add(i);
        }
        _order.SortDescending(_last, _keys);
        _order.SortDescending(_candidates, _keys);
        var wantNew = Math.Max(0, NDrop + TopK - _last.Count);
        var todayCount = Math.Min(wantNew, _candidates.Count);

        _comb.Clear();
        _comb.AddRange(_last);
        for (var k = 0; k < todayCount; k++) _comb.Add(_candidates[k]);
        _order.SortDescending(_comb, _keys);
        var sellCount = 0;
        for (var k = Math.Max(0, _comb.Count - NDrop); k < _comb.Count; k++)
        {
            var i = _comb[k];
            if (!(shares[i] > 0)) continue;
            sellCount++;
            if (c.Account.HeldDays[i] >= HoldThreshold) d.Weights[i] = 0;
        }
        var buyCount = Math.Min(todayCount, Math.Max(0, sellCount + TopK - _last.Count));
        for (var k = 0; k < buyCount; k++) d.CashBuys.Add(_candidates[k]);
    }
}
