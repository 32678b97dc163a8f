namespace AlphaSharp.Backtest;

/// <summary>
/// What a strategy may look at on decision day t: that day's scores (NaN = none), which stocks pass the candidate
/// filter, the account after the day's trades, its value at the day's closes, and the market view (to be read only
/// at indices up to t; <see cref="MarketRow"/> gives the offset of day t).
/// </summary>
public sealed class DecisionContext
{
    internal DecisionContext(MarketView market, Account account, double riskDegree)
    {
        Market = market;
        Account = account;
        RiskDegree = riskDegree;
        Eligible = new bool[market.N];
    }

    public MarketView Market { get; }
    public Account Account { get; }
    public double RiskDegree { get; }
    public int Day { get; internal set; }
    public DateOnly Date => Market.Calendar[Day];
    public int MarketRow => Day * Market.N;
    public ReadOnlyMemory<float> Scores { get; internal set; }
    public bool[] Eligible { get; }
    /// <summary>Cash plus positions at the last closes of day t.</summary>
    public double PortfolioValue { get; internal set; }

    /// <summary>A held position's share of the invested value (portfolio value x risk degree) at day t's closes.</summary>
    public double CurrentWeight(int i)
    {
        var s = Account.Shares[i];
        if (!(s > 0)) return 0;
        var price = Market.LastClose[MarketRow + i];
        return double.IsFinite(price) ? s * price / (PortfolioValue * RiskDegree) : 0;
    }
}
