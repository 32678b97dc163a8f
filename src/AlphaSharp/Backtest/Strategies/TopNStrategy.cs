using AlphaSharp.Common;
namespace AlphaSharp.Backtest.Strategies;

/// <summary>
/// Top-N equal weight: on each decision day hold the N highest-scored eligible stocks at 1/N each (of the invested
/// value); every other holding is sold. Fewer than N eligible stocks: the ones there are, still at 1/N each.
/// </summary>
public sealed class TopNStrategy : IStrategy
{
    private readonly List<int> _candidates = [];
    private readonly ScoreOrder _order = new();

    public TopNStrategy(int n)
    {
        if (n < 1) throw new SettingException($"{new SettingName("topn")} {n}: must be at least 1");
        Count = n;
    }

    public int Count { get; }
    public string Name => $"topn(n={Count})";

    public void Reset() { }

    public void Decide(DecisionContext c, Decision d)
    {
        _order.RankEligible(c, _candidates);
        d.SellAllHoldings(c.Account);
        var take = Math.Min(Count, _candidates.Count);
        for (var k = 0; k < take; k++) d.Weights[_candidates[k]] = 1.0 / Count;
    }
}
