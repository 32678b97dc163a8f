namespace AlphaSharp.Backtest.Rules;

/// <summary>
/// Order sizes the exchange accepts. Main board and ChiNext: buys in whole lots of <see cref="Lot"/> (100) shares.
/// STAR market: a buy of at least <see cref="StarMinimum"/> (200) shares, then any whole number of shares.
/// Sells: a whole position may always be sold (odd lots included, so fractional shares from dividends leave too);
/// a partial sell is rounded down to the lot (STAR: to a whole share, at least 200).
/// Generic mode is Lot = 1, StarMinimum = 1: whole shares only.
/// </summary>
public sealed record LotRules(int Lot, int StarMinimum)
{
    public static LotRules China { get; } = new(100, 200);
    public static LotRules Generic { get; } = new(1, 1);

    /// <summary>The largest acceptable buy of at most <paramref name="shares"/>; 0 when none is.</summary>
    public double RoundBuy(double shares, bool star)
    {
        if (!(shares > 0)) return 0;
        if (star)
        {
            var whole = Floor(shares);
            return whole >= StarMinimum ? whole : 0;
        }
        return Floor(shares / Lot) * Lot;
    }

    // A quotient like 1,000,250 / 10.0025 lands a hair under 100,000 in binary; that hair is not a missing share.
    private static double Floor(double x) => Math.Floor(x + 1e-9);

    /// <summary>
    /// The largest acceptable sell of at most <paramref name="shares"/> out of a sellable <paramref name="available"/>;
    /// selling everything is always acceptable.
    /// </summary>
    public double RoundSell(double shares, double available, bool star)
    {
        if (!(shares > 0) || !(available > 0)) return 0;
        if (shares >= available - 1e-9) return available;
        if (star)
        {
            var whole = Floor(shares);
            return whole >= StarMinimum ? whole : 0;
        }
        return Floor(shares / Lot) * Lot;
    }
}
