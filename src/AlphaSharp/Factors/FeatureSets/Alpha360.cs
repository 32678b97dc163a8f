namespace AlphaSharp.Factors.FeatureSets;

/// <summary>
/// Qlib's Alpha360 (Alpha360DL): the last 60 days of close, open, high, low and vwap divided by today's close, and of
/// volume divided by today's volume (+1e-12), oldest first within each field (CLOSE59 ... CLOSE0), as Qlib orders them.
/// </summary>
public static class Alpha360
{
    public static FeatureSet Set { get; } = new("alpha360",
        "Qlib's Alpha360: 60 days of OHLC/vwap over today's close and volume over today's volume", Build(), []);

    private static IReadOnlyList<Feature> Build()
    {
        var f = new List<Feature>();
        foreach (var p in new[] { "close", "open", "high", "low", "vwap" })
        {
            var name = p.ToUpperInvariant();
            for (var i = 59; i >= 1; i--) f.Add(new($"{name}{i}", $"Ref(${p}, {i})/$close"));
            f.Add(new($"{name}0", $"${p}/$close"));
        }
        for (var i = 59; i >= 1; i--) f.Add(new($"VOLUME{i}", $"Ref($volume, {i})/($volume+1e-12)"));
        f.Add(new("VOLUME0", "$volume/($volume+1e-12)"));
        return f;
    }
}
