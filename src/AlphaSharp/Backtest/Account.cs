namespace AlphaSharp.Backtest;

/// <summary>
/// Cash and positions, money in double. Shares are per instrument (raw shares; fractional only after dividends are
/// credited as shares, see <see cref="ApplyAdjustment"/>). <see cref="BoughtToday"/> is what T+1 keeps from selling;
/// <see cref="HeldDays"/> counts the closes a position has been held through (1 after the close of its buy day),
/// Qlib's hold count.
/// </summary>
public sealed class Account
{
    public Account(int instruments, double cash)
    {
        if (!(cash > 0) || double.IsInfinity(cash)) throw new ArgumentException($"initial cash {cash} must be positive and finite");
        Shares = new double[instruments];
        BoughtToday = new double[instruments];
        HeldDays = new int[instruments];
        Cash = cash;
    }

    public double Cash { get; internal set; }
    public double[] Shares { get; }
    public double[] BoughtToday { get; }
    public int[] HeldDays { get; }

    public int HoldingsCount
    {
        get
        {
            var n = 0;
            foreach (var s in Shares) if (s > 0) n++;
            return n;
        }
    }

    /// <summary>
    /// A corporate action on the adjustment factor (dividend, bonus shares, split) from <paramref name="ratio"/> =
    /// factor(t) / factor(t-1): the raw price falls by that ratio, so the holding grows by it. Crediting a cash
    /// dividend as extra shares this way is the same as reinvesting it at the ex-date price (total return).
    /// </summary>
    public void ApplyAdjustment(int i, double ratio)
    {
        if (Shares[i] > 0) Shares[i] *= ratio;
    }

    /// <summary>Start of a trading day: yesterday's buys become sellable.</summary>
    public void StartDay() => Array.Clear(BoughtToday);

    /// <summary>End of a trading day: every open position has been held through one more close.</summary>
    public void EndDay()
    {
        for (var i = 0; i < Shares.Length; i++)
            HeldDays[i] = Shares[i] > 0 ? HeldDays[i] + 1 : 0;
    }

    /// <summary>Cash plus positions at <paramref name="prices"/> (one day's cross-section; NaN prices count as 0).</summary>
    public double Value(ReadOnlySpan<double> prices)
    {
        var v = Cash;
        for (var i = 0; i < Shares.Length; i++)
            if (Shares[i] > 0 && double.IsFinite(prices[i])) v += Shares[i] * prices[i];
        return v;
    }
}
