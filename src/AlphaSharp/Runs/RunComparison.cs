namespace AlphaSharp.Runs;

/// <summary>
/// Runs side by side: the parameters whose values differ between them (a key one run lacks shows as absent), and
/// every metric any of them has. A value a run lacks is null.
/// </summary>
public sealed record RunComparison(
    IReadOnlyList<RunManifest> Runs,
    IReadOnlyList<(string Key, IReadOnlyList<string?> Values)> Differences,
    IReadOnlyList<(string Key, IReadOnlyList<string?> Values)> Metrics)
{
    public static RunComparison Of(IReadOnlyList<RunDirectory> runs)
    {
        if (runs.Count < 2) throw new ArgumentException("comparing needs two runs at least");
        var parameters = runs.Select(r => r.Parameters).ToArray();
        var metrics = runs.Select(r => r.Metrics).ToArray();
        return new RunComparison(runs.Select(r => r.Manifest).ToArray(), Side(parameters, differingOnly: true), Side(metrics, differingOnly: false));
    }

    private static IReadOnlyList<(string, IReadOnlyList<string?>)> Side(IReadOnlyDictionary<string, string>[] maps, bool differingOnly)
    {
        var keys = maps.SelectMany(m => m.Keys).Distinct().Order(StringComparer.Ordinal);
        var rows = new List<(string, IReadOnlyList<string?>)>();
        foreach (var key in keys)
        {
            var values = maps.Select(m => m.TryGetValue(key, out var v) ? v : null).ToArray();
            if (differingOnly && values.Distinct().Count() == 1) continue;
            rows.Add((key, values));
        }
        return rows;
    }
}
