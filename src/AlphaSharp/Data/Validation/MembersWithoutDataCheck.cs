namespace AlphaSharp.Data.Validation;

/// <summary>
/// Index members with no price on any day: they count toward the index's size but can never be traded, so a study
/// that assumes a full universe overstates its breadth (the CSI 300 file names 36 such stocks).
/// </summary>
public sealed class MembersWithoutDataCheck : IMarketCheck
{
    public const string Id = "members-without-data";
    private const string Title = "index members without any price data";

    public CheckResult Run(MarketData data, ValidationOptions options)
    {
        if (data.Universe is not { } universe) return CheckResult.Skip(Id, Title, Severity.Warning, "symbols", "no membership in this store");
        var p = data.Panel;
        var close = p.HasField("close") ? p.Field("close") : null;
        var found = new FindingCollector(options.Examples);
        foreach (var symbol in universe.Symbols)
        {
            if (p.TryIndexOf(symbol, out var i) && close is not null && HasValue(close, i, p.T))
                continue;
            var memberDays = 0;
            for (var t = 0; t < p.T; t++)
                if (universe.IsMember(symbol, t)) memberDays++;
            var spells = universe.Spells.Where(s => s.Symbol == symbol).ToList();
            found.Add(symbol, null, memberDays,
                $"{symbol}: {memberDays} member-days, {spells.Min(s => s.Start):yyyy-MM-dd}..{spells.Max(s => s.End):yyyy-MM-dd}");
        }
        return found.Result(Id, Title, Severity.Warning, "symbols");
    }

    private static bool HasValue(float[] close, int i, int T)
    {
        foreach (var v in close.AsSpan(i * T, T))
            if (!float.IsNaN(v)) return true;
        return false;
    }
}
