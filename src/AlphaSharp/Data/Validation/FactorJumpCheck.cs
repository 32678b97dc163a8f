namespace AlphaSharp.Data.Validation;

/// <summary>
/// A factor change should be matched by a raw price gap (an ex-dividend or split day), leaving the adjusted return an
/// ordinary day's move. Flags ordinary trading days where the factor changed and the adjusted return is beyond the
/// board's daily limit: the factor jump is not explained by the raw price move (or the raw gap not by the factor).
/// </summary>
public sealed class FactorJumpCheck : IMarketCheck
{
    public const string Id = "factor-jumps";
    private const string Title = "factor jumps that disagree with the raw price move";

    public CheckResult Run(MarketData data, ValidationOptions options)
    {
        var p = data.Panel;
        if (!p.HasField("close") || !p.HasField("factor"))
            return CheckResult.Skip(Id, Title, Severity.Error, "days", "needs close and factor fields");
        var found = new FindingCollector(options.Examples);
        foreach (var s in DailySteps.Of(p))
        {
            if (!s.FactorChanged || !s.Ordinary(options.ListingDays)) continue;
            var symbol = p.Symbols[s.Instrument];
            var day = p.Calendar[s.To];
            var limit = DailyLimits.For(symbol, day);
            var adj = s.AdjustedReturn;
            if (Math.Abs(adj) <= limit + options.LimitTolerance) continue;
            found.Add(symbol, day, Math.Abs(adj),
                $"{symbol} {day:yyyy-MM-dd}: factor {DailySteps.Percent(s.Factor1 / s.Factor0 - 1)} but raw close {DailySteps.Percent(s.RawReturn)}, " +
                $"so adjusted {DailySteps.Percent(adj)} (limit {limit:P0})");
        }
        return found.Result(Id, Title, Severity.Error, "days");
    }
}
