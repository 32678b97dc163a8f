namespace AlphaSharp.Data.Validation;

/// <summary>
/// The daily price limit a validator compares moves with: STAR (SH688) 20 %, ChiNext (SZ300/SZ301) 20 % from
/// 2020-08-24 and 10 % before, Beijing 30 %, every other A share 10 % (ST stocks' 5 % lies inside it, so it can only
/// hide a breach, never invent one).
/// </summary>
public static class DailyLimits
{
    public static readonly DateOnly ChiNextReform = new(2020, 8, 24);

    public static double For(string symbol, DateOnly date)
    {
        if (symbol.StartsWith("SH688", StringComparison.Ordinal) || symbol.StartsWith("SH689", StringComparison.Ordinal)) return 0.2;
        if (symbol.StartsWith("SZ300", StringComparison.Ordinal) || symbol.StartsWith("SZ301", StringComparison.Ordinal))
            return date >= ChiNextReform ? 0.2 : 0.1;
        if (symbol.StartsWith("BJ", StringComparison.Ordinal)) return 0.3;
        return 0.1;
    }
}
