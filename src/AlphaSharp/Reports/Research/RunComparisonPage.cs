using AlphaSharp.Reports.Html;
using AlphaSharp.Runs;

namespace AlphaSharp.Reports.Research;

/// <summary>The HTML face of <see cref="RunComparison"/>: which run is which, the parameters that differ, the metrics side by side.</summary>
public static class RunComparisonPage
{
    public const string Absent = "—";

    public static HtmlReport Build(RunComparison comparison)
    {
        var report = new HtmlReport("Run comparison", $"{comparison.Runs.Count} runs");
        var runs = new HtmlTable(["run", "name", "created (UTC)", "status", "config", "code", "data", "profile", "overrides"]) { AlignNumbers = false };
        foreach (var m in comparison.Runs)
            runs.Row(m.Id, m.Name, $"{m.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss}", m.Status, m.ConfigHash[..Math.Min(8, m.ConfigHash.Length)], m.CodeVersion,
                m.DataFingerprint[..Math.Min(12, m.DataFingerprint.Length)], m.Profile ?? Absent, m.Overrides.Count == 0 ? Absent : string.Join(" ", m.Overrides));
        report.Section("Runs").Table(runs);
        var header = new[] { "key" }.Concat(comparison.Runs.Select(r => r.Id)).ToArray();
        report.Section("Parameters that differ", comparison.Differences.Count == 0 ? "The runs' resolved configurations agree on every key." : null)
            .Table(Rows(new HtmlTable(header) { AlignNumbers = false }, comparison.Differences));
        report.Section("Metrics", comparison.Metrics.Count == 0 ? "No run has metrics yet (a run writes them when it finishes)." : null)
            .Table(Rows(new HtmlTable(header), comparison.Metrics));
        return report;
    }

    private static HtmlTable Rows(HtmlTable table, IReadOnlyList<(string Key, IReadOnlyList<string?> Values)> rows)
    {
        foreach (var (key, values) in rows) table.Row([key, .. values.Select(v => v ?? Absent)]);
        return table;
    }
}
