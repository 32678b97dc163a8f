using System.Globalization;
using System.Text.Json.Nodes;
using AlphaSharp.Common;
using AlphaSharp.Runs;

namespace AlphaSharp.Cli.Workflow;

/// <summary>Reads what a run wrote for its finisher: its report context, a unit's summary and its CSV files (its header, then rows; dates first where a file has them) for a finisher.</summary>
internal static class UnitCsv
{
    /// <summary>A report's context from the run's own manifest and resolved configuration: what a finisher's page says it came from.</summary>
    public static AlphaSharp.Reports.Research.RunContext Context(RunDirectory run, string title, IReadOnlyList<string> coverage)
    {
        var manifest = run.Manifest;
        return new(title,
        [
            new("run", run.Id), new("config", manifest.ConfigHash[..8]), new("code", manifest.CodeVersion),
            new("data", $"{manifest.Store} ({manifest.DataFingerprint[..12]})"), new("profile", manifest.Profile ?? "none"),
        ], coverage, File.ReadAllText(run.File(RunDirectory.ConfigFile)));
    }

    /// <summary>The unit's <c>done.json</c>: the summary it wrote last.</summary>
    public static JsonObject Done(RunDirectory run, RunUnit unit)
    {
        var path = Path.Combine(run.UnitDirectory(unit), RunDirectory.UnitDoneFile);
        return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InputException($"{path}: not a unit summary");
    }

    public static (string[] Header, List<string[]> Rows) Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new InputException($"{path}: empty; the unit's files are damaged, delete its folder to rerun it");
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    public static DateOnly[] Dates((string[] Header, List<string[]> Rows) csv) =>
        csv.Rows.Select(r => DateOnly.ParseExact(r[0], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();

    public static double[] Column((string[] Header, List<string[]> Rows) csv, string name)
    {
        var j = Array.IndexOf(csv.Header, name);
        if (j < 0) throw new InputException($"a unit file has no column '{name}' (header: {string.Join(",", csv.Header)})");
        return csv.Rows.Select(r => r[j].Length == 0 ? double.NaN : double.Parse(r[j], CultureInfo.InvariantCulture)).ToArray();
    }
}
