using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>
/// Calendar x instruments x named float32 fields, NaN = missing.
/// Layout: one array per field, instrument-major (<c>values[i * T + t]</c>), so the time series of one instrument is
/// contiguous: rolling operators and sequence samples read straight runs, and a cross-section is a strided gather
/// (T floats apart), which costs one cache line per instrument and is cheap next to the ranking it feeds.
/// </summary>
public sealed class Panel
{
    private readonly Dictionary<string, float[]> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _fieldOrder = [];
    private readonly Dictionary<string, int> _symbolIndex;
    private readonly string[] _symbols;

    public Panel(Calendar calendar, IEnumerable<string> symbols)
    {
        Calendar = calendar;
        _symbols = symbols.ToArray();
        _symbolIndex = new Dictionary<string, int>(_symbols.Length, StringComparer.Ordinal);
        for (var i = 0; i < _symbols.Length; i++)
            if (!_symbolIndex.TryAdd(_symbols[i], i))
                throw new InputException($"panel: symbol {_symbols[i]} appears twice");
    }

    public Calendar Calendar { get; }
    public IReadOnlyList<string> Symbols => _symbols;
    public int T => Calendar.Count;
    public int N => _symbols.Length;
    public IReadOnlyList<string> FieldNames => _fieldOrder;

    public bool TryIndexOf(string symbol, out int i) => _symbolIndex.TryGetValue(symbol, out i);
    public int IndexOf(string symbol) =>
        _symbolIndex.TryGetValue(symbol, out var i) ? i : throw new InputException($"panel: unknown symbol {symbol}");

    public bool HasField(string name) => _fields.ContainsKey(name);

    /// <summary>The whole field, instrument-major. Shared, not copied: writers own what they wrote.</summary>
    public float[] Field(string name) =>
        _fields.TryGetValue(name, out var v) ? v : throw new InputException($"panel: no field '{name}' (have: {string.Join(", ", _fieldOrder)})");

    /// <summary>Adds a field (or replaces one of the same name). A new field is all-NaN unless values are given.</summary>
    public float[] SetField(string name, float[]? values = null)
    {
        if (values is null) { values = new float[T * N]; Array.Fill(values, float.NaN); }
        if (values.Length != T * N)
            throw new ArgumentException($"field {name}: {values.Length} values, expected {T} x {N} = {T * N}");
        if (!_fields.ContainsKey(name)) _fieldOrder.Add(name);
        _fields[name] = values;
        return values;
    }

    public bool RemoveField(string name) => _fields.Remove(name) && _fieldOrder.Remove(name);

    /// <summary>The time series of one instrument in one field.</summary>
    public Span<float> Series(string field, int instrument) => Field(field).AsSpan(instrument * T, T);

    public float this[string field, int t, int instrument]
    {
        get => Field(field)[instrument * T + t];
        set => Field(field)[instrument * T + t] = value;
    }

    /// <summary>Copies the cross-section of a field at date t into <paramref name="destination"/> (length N).</summary>
    public void CrossSection(string field, int t, Span<float> destination)
    {
        var v = Field(field);
        for (var i = 0; i < N; i++) destination[i] = v[i * T + t];
    }
}
