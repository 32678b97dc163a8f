using AlphaSharp.Data.Validation;

namespace AlphaSharp.Backtest.Rules;

/// <summary>Board facts the simulation needs beyond the daily limit itself (which <see cref="DailyLimits"/> gives).</summary>
public static class MarketBoards
{
    /// <summary>STAR market (SH688xxx, SH689xxx): 200-share minimum buy, then steps of one share.</summary>
    public static bool IsStar(string symbol) =>
        symbol.StartsWith("SH688", StringComparison.OrdinalIgnoreCase) || symbol.StartsWith("SH689", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Trading days after listing without the ordinary daily limit: STAR and post-reform ChiNext trade freely for their
    /// first 5 days, other boards' first day has its own wider band (44 %); the simulation applies no limit on those days.
    /// </summary>
    public static int UnlimitedListingDays(string symbol, DateOnly day)
    {
        if (IsStar(symbol)) return 5;
        var chiNext = symbol.StartsWith("SZ300", StringComparison.OrdinalIgnoreCase) || symbol.StartsWith("SZ301", StringComparison.OrdinalIgnoreCase);
        return chiNext && day >= DailyLimits.ChiNextReform ? 5 : 1;
    }
}
