namespace AlphaSharp.Backtest;

public enum OrderSide
{
    Buy,
    Sell,
}
