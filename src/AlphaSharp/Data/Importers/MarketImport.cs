namespace AlphaSharp.Data;

/// <summary>The input files of one import: bars define the panel; the rest are optional.</summary>
public sealed record MarketImportFiles(string Bars, IReadOnlyList<string> Fields, string? Membership, string? Benchmark, string? Industry);

/// <summary>What an import read, for the user: counts that are easy to check against the sources.</summary>
public sealed record MarketImportSummary(int Rows, IReadOnlyList<FieldJoinReport> Joins, int MembersWithoutData);

/// <summary>Builds a <see cref="MarketData"/> from long-CSV bars plus optional fields, membership, benchmark and industry.</summary>
public static class MarketImport
{
    /// <param name="progress">Receives (step name, fraction of that step done).</param>
    public static (MarketData Data, MarketImportSummary Summary) Run(MarketImportFiles files, Action<string, double>? progress = null)
    {
        var bars = LongTable.Read(files.Bars, f => progress?.Invoke("bars", f));
        var panel = LongTablePanel.ToPanel(bars);
        var data = new MarketData(panel);
        data.Provenance.Add($"bars: {System.IO.Path.GetFileName(files.Bars)}, {bars.RowCount:N0} rows, {panel.N} symbols, {panel.T} trading days {panel.Calendar.First:yyyy-MM-dd}..{panel.Calendar.Last:yyyy-MM-dd}");
        var joins = new List<FieldJoinReport>();
        foreach (var path in files.Fields)
        {
            var table = LongTable.Read(path, f => progress?.Invoke(System.IO.Path.GetFileName(path), f));
            var report = LongTablePanel.JoinInto(panel, table);
            joins.Add(report);
            data.Provenance.Add("fields: " + report.Describe());
        }
        foreach (var name in panel.FieldNames)
            if (FieldUnits.Of(name) is { } unit) data.Units[name] = unit;
        var membersWithoutData = 0;
        if (files.Membership is { } membership)
        {
            progress?.Invoke("membership", 0);
            var result = MembershipCsv.Read(membership, panel);
            data.Universe = result.Universe;
            membersWithoutData = result.MembersWithoutData.Count;
            data.Provenance.Add($"universe: {System.IO.Path.GetFileName(membership)} as '{result.Universe.Name}', {result.Universe.Spells.Count} spells, " +
                $"{result.Universe.Symbols.Count} members of which {membersWithoutData} have no price data (kept; never tradable)");
        }
        if (files.Benchmark is { } benchmark)
        {
            progress?.Invoke("benchmark", 0);
            data.Benchmark = BenchmarkCsv.Read(benchmark, panel.Calendar);
            var missing = data.Benchmark.Close.Count(float.IsNaN);
            data.Provenance.Add($"benchmark: {System.IO.Path.GetFileName(benchmark)}, {data.Benchmark.Symbol}, {panel.T - missing} of {panel.T} days");
        }
        if (files.Industry is { } industry)
        {
            progress?.Invoke("industry", 0);
            var map = IndustryCsv.Read(industry);
            data.Industry = map;
            var unmapped = panel.Symbols.Count(s => !map.ContainsKey(s));
            data.Provenance.Add($"industry: {System.IO.Path.GetFileName(industry)}, {map.Count} symbols mapped, {unmapped} panel symbols unmapped; " +
                "a snapshot, not point-in-time (mild look-ahead for earlier dates)");
        }
        return (data, new MarketImportSummary(bars.RowCount, joins, membersWithoutData));
    }
}
