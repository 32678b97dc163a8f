namespace AlphaSharp.Data.Validation;

/// <summary>
/// A factor change should be matched by a raw price gap (an ex-dividend or split day), leaving the adjusted return an
/// ordinary day's move, or none at all on a suspended day. Flags days with a factor change, back to back with the
/// previous row, where the adjusted return is beyond the board's daily limit: the factor jump is not explained by the
/// raw price move (or the raw gap not by the factor). Resumption days are left to <see cref="ResumptionMoveCheck"/>.
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
        var limits = new DailyLimits(options.Limits);
        foreach (var s in DailySteps.Of(p))
        {
            var resumption = !s.Traded0 && s.Traded1;
            if (!s.FactorChanged || s.To != s.From + 1 || s.RowsBefore < options.ListingDays || resumption) continue;
            var symbol = p.Symbols[s.Instrument];
            var day = p.Calendar[s.To];
            var limit = limits.For(symbol, day);
            var adj = s.AdjustedReturn;
            if (Math.Abs(adj) <= limit + options.LimitTolerance) continue;
            found.Add(symbol, day, Math.Abs(adj),
                $"{symbol} {day:yyyy-MM-dd}: factor {DailySteps.Percent(s.Factor1 / s.Factor0 - 1)} but raw close {DailySteps.Percent(s.RawReturn)}, " +
                $"so adjusted {DailySteps.Percent(adj)}{(s.Traded1 ? "" : " on a day without trading")} (limit {limit:P0})");
        }
        return found.Result(Id, Title, Severity.Error, "days");
    }
}
