using AlphaSharp.Common;
namespace AlphaSharp.Backtest.Strategies;

/// <summary>
/// Per-stock signals (paper 002's trading agent, or a classifier): a score above <see cref="BuyAbove"/> is a buy, below
/// <see cref="SellBelow"/> a sell, anything between (or no score) a hold. A buy opens a position of
/// <see cref="CapitalShare"/> of the invested value in an eligible stock not yet held (a held stock is kept as it
/// is); a sell closes the whole position; a hold does nothing. With 1 / 0 / -1 signals the defaults (0.5, -0.5) read
/// them as buy / hold / sell.
/// </summary>
public sealed class SignalStrategy : IStrategy
{
    /// <summary>Default thresholds: with 1 / 0 / -1 signals they read buy / hold / sell.</summary>
    public const double DefaultBuyAbove = 0.5, DefaultSellBelow = -0.5;

    public SignalStrategy(double capitalShare, double buyAbove = DefaultBuyAbove, double sellBelow = DefaultSellBelow)
    {
        if (!(capitalShare > 0 && capitalShare <= 1)) throw new SettingException($"{new SettingName("capital_share")} {capitalShare}: must be in (0, 1]");
        if (!(sellBelow <= buyAbove)) throw new SettingException($"{new SettingName("sell_below")} {sellBelow} is above {new SettingName("buy_above")} {buyAbove}");
        CapitalShare = capitalShare;
        BuyAbove = buyAbove;
        SellBelow = sellBelow;
    }

    public double CapitalShare { get; }
    public double BuyAbove { get; }
    public double SellBelow { get; }
    public string Name => $"signals(share={CapitalShare}, buy>{BuyAbove}, sell<{SellBelow})";

    public void Reset() { }

    public void Decide(DecisionContext c, Decision d)
    {
        var scores = c.Scores.Span;
        var shares = c.Account.Shares;
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            if (float.IsNaN(s)) continue;
            var held = shares[i] > 0;
            if (s > BuyAbove && !held && c.Eligible[i]) d.Weights[i] = CapitalShare;
            else if (s < SellBelow && held) d.Weights[i] = 0;
        }
    }
}
