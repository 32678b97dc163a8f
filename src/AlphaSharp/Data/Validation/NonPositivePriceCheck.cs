namespace AlphaSharp.Data.Validation;

/// <summary>Prices or adjustment factors at or below zero, and negative volume or amount: none can be real.</summary>
public sealed class NonPositivePriceCheck : IMarketCheck
{
    public const string Id = "non-positive-prices";
    private const string Title = "non-positive prices or factors, negative volume or amount";

    public CheckResult Run(MarketData data, ValidationOptions options)
    {
        var p = data.Panel;
        var positive = new[] { "open", "high", "low", "close", "factor" }.Where(p.HasField).ToList();
        var nonNegative = new[] { "volume", "amount" }.Where(p.HasField).ToList();
        if (positive.Count == 0 && nonNegative.Count == 0)
            return CheckResult.Skip(Id, Title, Severity.Error, "values", "no price, factor, volume or amount field");
        var found = new FindingCollector(options.Examples);
        foreach (var (fields, strict) in new[] { (positive, true), (nonNegative, false) })
            foreach (var f in fields)
            {
                var v = p.Field(f);
                for (var k = 0; k < v.Length; k++)
                {
                    var x = v[k];
                    // NaN compares false both ways, so missing values pass.
                    if (strict ? !(x <= 0) : !(x < 0)) continue;
                    int i = k / p.T, t = k % p.T;
                    found.Add(p.Symbols[i], p.Calendar[t], 1, $"{p.Symbols[i]} {p.Calendar[t]:yyyy-MM-dd}: {f} = {OhlcCheck.F(x)}");
                }
            }
        return found.Result(Id, Title, Severity.Error, "values");
    }
}
