namespace AlphaSharp.Data.Validation;

/// <summary>
/// Adjusted moves beyond the board's daily limit on ordinary trading days with no factor change: the exchange does
/// not allow them, so a raw price is wrong or a corporate action is missing from the factor.
/// </summary>
public sealed class LimitBreachCheck : IMarketCheck
{
    public const string Id = "limit-breaches";
    private const string Title = "moves beyond the daily limit on ordinary trading days (no factor change)";

    public CheckResult Run(MarketData data, ValidationOptions options)
    {
        var p = data.Panel;
        if (!p.HasField("close")) return CheckResult.Skip(Id, Title, Severity.Warning, "days", "no close field");
        var found = new FindingCollector(options.Examples);
        var limits = new DailyLimits(options.Limits);
        foreach (var s in DailySteps.Of(p))
        {
            if (s.FactorChanged || !s.Ordinary(options.ListingDays)) continue;
            var symbol = p.Symbols[s.Instrument];
            var day = p.Calendar[s.To];
            var limit = limits.For(symbol, day);
            var adj = s.AdjustedReturn;
            if (Math.Abs(adj) <= limit + options.LimitTolerance) continue;
            found.Add(symbol, day, Math.Abs(adj),
                $"{symbol} {day:yyyy-MM-dd}: {DailySteps.Percent(adj)} from {OhlcCheck.F(s.RawClose0)} to {OhlcCheck.F(s.RawClose1)} (limit {limit:P0})");
        }
        return found.Result(Id, Title, Severity.Warning, "days");
    }
}
