namespace AlphaSharp.Data;

/// <summary>One benchmark index series on the market calendar (NaN where the index has no value).</summary>
public sealed record BenchmarkSeries(string Symbol, float[] Open, float[] High, float[] Low, float[] Close, float[] Volume);

/// <summary>
/// Everything a study reads: the daily panel (raw OHLC, volume, amount, adjustment factor and any extra fields),
/// the point-in-time universe, the benchmark and the industry map, plus where it all came from.
/// </summary>
public sealed class MarketData(Panel panel)
{
    public Panel Panel { get; } = panel;
    public Calendar Calendar => Panel.Calendar;
    public Universe? Universe { get; set; }
    public BenchmarkSeries? Benchmark { get; set; }

    /// <summary>Symbol -> industry name. A snapshot, not point-in-time: using it for past dates is a mild look-ahead.</summary>
    public IReadOnlyDictionary<string, string> Industry { get; set; } = new Dictionary<string, string>();

    /// <summary>Field name -> unit (e.g. "CNY", "shares", "percent").</summary>
    public Dictionary<string, string> Units { get; } = new(StringComparer.Ordinal);

    /// <summary>Free-text lines saying where each input came from.</summary>
    public List<string> Provenance { get; } = [];

    /// <summary>
    /// The same market restricted to <paramref name="symbols"/> (in that order): every field's series copied, their
    /// membership spells, industries and units, the same calendar and benchmark. A study of a few stocks (paper 002's
    /// five) then pays for a few in every daily loop, not for the whole store's.
    /// </summary>
    public MarketData Only(IReadOnlyList<string> symbols)
    {
        var panel = new Panel(Calendar, symbols);
        var T = Panel.T;
        var from = symbols.Select(Panel.IndexOf).ToArray();
        foreach (var name in Panel.FieldNames)
        {
            var source = Panel.Field(name);
            var target = panel.SetField(name);
            for (var k = 0; k < from.Length; k++) Array.Copy(source, from[k] * T, target, k * T, T);
        }
        var keep = new HashSet<string>(symbols, StringComparer.Ordinal);
        var subset = new MarketData(panel)
        {
            Universe = Universe is null ? null : new Universe(Universe.Name, Calendar, Universe.Spells.Where(s => keep.Contains(s.Symbol))),
            Benchmark = Benchmark,
            Industry = Industry.Where(p => keep.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
        foreach (var (field, unit) in Units) subset.Units[field] = unit;
        subset.Provenance.AddRange(Provenance);
        subset.Provenance.Add($"subset: {symbols.Count} of {Panel.N} instruments ({string.Join(", ", symbols.Take(5))}{(symbols.Count > 5 ? ", ..." : "")})");
        return subset;
    }
}
