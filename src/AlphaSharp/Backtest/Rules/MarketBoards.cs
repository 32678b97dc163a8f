using AlphaSharp.Data;

namespace AlphaSharp.Backtest.Rules;

/// <summary>Board facts the simulation needs beyond the daily limit itself (which <see cref="PriceLimitRules"/> gives).</summary>
public static class MarketBoards
{
    /// <summary>
    /// Trading days after listing without the ordinary daily limit: STAR and post-reform ChiNext trade freely for their
    /// first 5 days, other boards' first day has its own wider band (44 %); the simulation applies no limit on those days.
    /// A listing age below this (0-based, <see cref="ListingAge"/>) means no limit.
    /// </summary>
    public static int UnlimitedListingDays(Board board, DateOnly day) => board switch
    {
        Board.Star => 5,
        Board.ChiNext => day >= PriceLimitRules.Default.ChiNextReform ? 5 : 1,
        _ => 1,
    };
}
