using AlphaSharp.Common;
namespace AlphaSharp.Backtest.Strategies;

/// <summary>
/// Every eligible stock whose score is at or above <see cref="Above"/>, at equal weight; every other holding is sold.
/// With scores that exist only on a strategy's picks (a classifier's probability of a rise, NaN elsewhere), this is
/// paper 001's filter: the picks the classifier calls up; with a constant score on the picks, the picks unfiltered.
/// No stock above the threshold: the portfolio is cash.
/// </summary>
public sealed class ThresholdStrategy : IStrategy
{
    private readonly List<int> _candidates = [];
    private readonly ScoreOrder _order = new();

    public ThresholdStrategy(double above)
    {
        if (!double.IsFinite(above)) throw new SettingException($"{new SettingName("above")} {above}: must be a finite number");
        Above = above;
    }

    public double Above { get; }
    public string Name => $"threshold(above={Above})";

    public void Reset() { }

    public void Decide(DecisionContext c, Decision d)
    {
        _order.RankEligible(c, _candidates);
        d.SellAllHoldings(c.Account);
        var scores = c.Scores.Span;
        var take = 0;
        while (take < _candidates.Count && scores[_candidates[take]] >= Above) take++;
        for (var k = 0; k < take; k++) d.Weights[_candidates[k]] = 1.0 / take;
    }
}
