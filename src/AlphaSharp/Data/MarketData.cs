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
}
