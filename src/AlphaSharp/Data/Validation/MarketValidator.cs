namespace AlphaSharp.Data.Validation;

/// <summary>Runs every check on a loaded <see cref="MarketData"/> (a store), in report order.</summary>
public static class MarketValidator
{
    public static IReadOnlyList<IMarketCheck> Checks { get; } =
    [
        new OhlcCheck(), new NonPositivePriceCheck(), new FactorJumpCheck(), new LimitBreachCheck(),
        new ResumptionMoveCheck(), new MembersWithoutDataCheck(), new GapCheck(),
    ];

    public static ValidationReport Validate(MarketData data, string source, ValidationOptions? options = null)
    {
        options ??= new ValidationOptions();
        const string why = "a store holds one row per (date, symbol) in calendar order; check the input bars file";
        var results = new List<CheckResult>
        {
            CheckResult.Skip(FileOrderChecks.DuplicatesId, FileOrderChecks.DuplicatesTitle, Severity.Error, "rows", why),
            CheckResult.Skip(FileOrderChecks.UnsortedId, FileOrderChecks.UnsortedTitle, Severity.Warning, "rows", why),
        };
        results.AddRange(RunChecks(data, options));
        return new ValidationReport(source, data.Panel.N, data.Panel.T, PresentRows(data.Panel), results);
    }

    internal static IEnumerable<CheckResult> RunChecks(MarketData data, ValidationOptions options) =>
        Checks.Select(c => c.Run(data, options));

    internal static long PresentRows(Panel p)
    {
        if (!p.HasField("close")) return 0;
        long n = 0;
        foreach (var v in p.Field("close"))
            if (!float.IsNaN(v)) n++;
        return n;
    }
}
