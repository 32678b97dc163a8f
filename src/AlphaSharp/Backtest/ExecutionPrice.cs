namespace AlphaSharp.Backtest;

/// <summary>
/// Which of the execution day's prices an order fills at. With the default one-day lag a score known at the close
/// of t fills at t+1's open, close or average traded price (amount / volume).
/// </summary>
public enum ExecutionPrice
{
    Open,
    Close,
    Vwap,
}
