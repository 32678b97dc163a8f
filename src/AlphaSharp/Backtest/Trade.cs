using AlphaSharp.Backtest.Rules;

namespace AlphaSharp.Backtest;

/// <summary>
/// One order's outcome on day <see cref="Day"/> (calendar index). A fill has Shares &gt; 0, the execution-day price
/// before slippage (<see cref="MarketPrice"/>), the fill price after it (<see cref="Price"/>), the traded value at the
/// fill price and its costs. A refused order has Shares = 0 and says why in <see cref="Note"/>; a partial fill says
/// what cut it (volume cap, cash).
/// </summary>
public readonly record struct Trade(
    int Day,
    int Instrument,
    OrderSide Side,
    double Shares,
    double MarketPrice,
    double Price,
    double Value,
    TradeCosts Costs,
    string Note)
{
    public bool Filled => Shares > 0;
}
