namespace AlphaSharp.Data.Validation;

/// <summary>
/// Days between a stock's first and last row with no row at all. Suspensions are rows (volume 0), so a gap is data
/// that went missing, not a suspension; each run of missing days is one example.
/// </summary>
public sealed class GapCheck : IMarketCheck
{
    public const string Id = "gaps";
    private const string Title = "gaps: missing rows between a stock's first and last row (not marked suspensions)";

    public CheckResult Run(MarketData data, ValidationOptions options)
    {
        var p = data.Panel;
        if (!p.HasField("close")) return CheckResult.Skip(Id, Title, Severity.Warning, "days", "no close field");
        var close = p.Field("close");
        var found = new FindingCollector(options.Examples);
        for (var i = 0; i < p.N; i++)
        {
            var row = close.AsSpan(i * p.T, p.T);
            var prev = -1;
            for (var t = 0; t < p.T; t++)
            {
                if (float.IsNaN(row[t])) continue;
                if (prev >= 0 && t > prev + 1)
                {
                    int from = prev + 1, to = t - 1, n = to - from + 1;
                    found.Add(n, p.Symbols[i], p.Calendar[from], n,
                        $"{p.Symbols[i]} {p.Calendar[from]:yyyy-MM-dd}..{p.Calendar[to]:yyyy-MM-dd}: {n} day(s) without a row");
                }
                prev = t;
            }
        }
        return found.Result(Id, Title, Severity.Warning, "days");
    }
}
