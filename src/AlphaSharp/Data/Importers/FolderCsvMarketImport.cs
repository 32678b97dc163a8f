namespace AlphaSharp.Data;

/// <summary>
/// A folder of per-symbol CSVs plus the optional membership, benchmark and industry files the long-CSV import takes,
/// read with the same readers so both imports give the same kind of store.
/// </summary>
public static class FolderCsvMarketImport
{
    public static MarketData Run(string folder, FolderCsvColumns? columns, string? membership, string? benchmark, string? industry,
        Action<int, int>? progress = null)
    {
        var data = FolderCsvImporter.Import(folder, columns, progress);
        var panel = data.Panel;
        if (membership is not null)
        {
            var result = MembershipCsv.Read(membership, panel);
            data.Universe = result.Universe;
            data.Provenance.Add($"universe: {Path.GetFileName(membership)} as '{result.Universe.Name}', {result.Universe.Spells.Count} spells, " +
                                $"{result.MembersWithoutData.Count} members without price data (kept; never tradable)");
        }
        if (benchmark is not null)
        {
            data.Benchmark = BenchmarkCsv.Read(benchmark, panel.Calendar);
            data.Provenance.Add($"benchmark: {Path.GetFileName(benchmark)}, {data.Benchmark.Symbol}, {panel.T - data.Benchmark.Close.Count(float.IsNaN)} of {panel.T} days");
        }
        if (industry is not null)
        {
            data.Industry = IndustryCsv.Read(industry);
            data.Provenance.Add($"industry: {Path.GetFileName(industry)}, {data.Industry.Count} symbols mapped; a snapshot, not point-in-time");
        }
        return data;
    }
}
