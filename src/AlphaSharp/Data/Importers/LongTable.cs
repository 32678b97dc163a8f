namespace AlphaSharp.Data;

/// <summary>
/// A whole long CSV in memory, column by column, in file order: one entry per row in <see cref="Dates"/>,
/// <see cref="SymbolIds"/>, <see cref="Lines"/> and each of <see cref="Columns"/>. No uniqueness or order is implied.
/// </summary>
public sealed class LongTable
{
    private LongTable(string path, IReadOnlyList<string> fields, IReadOnlyList<string> symbols, int[] dates, int[] symbolIds,
        int[] lines, float[][] columns)
    {
        Path = path;
        Fields = fields;
        Symbols = symbols;
        Dates = dates;
        SymbolIds = symbolIds;
        Lines = lines;
        Columns = columns;
    }

    public string Path { get; }
    public IReadOnlyList<string> Fields { get; }
    /// <summary>Distinct symbols in order of first appearance.</summary>
    public IReadOnlyList<string> Symbols { get; }
    /// <summary>Per row: the date as <see cref="DateOnly.DayNumber"/>.</summary>
    public int[] Dates { get; }
    public int[] SymbolIds { get; }
    /// <summary>Per row: its 1-based line number in the file, for error messages.</summary>
    public int[] Lines { get; }
    /// <summary>Per field (in <see cref="Fields"/> order), one value per row.</summary>
    public float[][] Columns { get; }
    public int RowCount => Dates.Length;

    public static LongTable Read(string path, Action<double>? progress = null)
    {
        using var reader = LongCsvReader.Open(path);
        var fieldCount = reader.Fields.Count;
        var capacity = 1 << 16;
        var dates = new int[capacity];
        var ids = new int[capacity];
        var lines = new int[capacity];
        var columns = new float[fieldCount][];
        for (var f = 0; f < fieldCount; f++) columns[f] = new float[capacity];
        var n = 0;
        reader.ReadRows(row =>
        {
            if (n == dates.Length)
            {
                capacity *= 2;
                Array.Resize(ref dates, capacity);
                Array.Resize(ref ids, capacity);
                Array.Resize(ref lines, capacity);
                for (var f = 0; f < fieldCount; f++) Array.Resize(ref columns[f], capacity);
            }
            dates[n] = row.Date.DayNumber;
            ids[n] = row.SymbolId;
            lines[n] = checked((int)row.Line);
            var values = row.Values;
            for (var f = 0; f < values.Length; f++) columns[f][n] = values[f];
            n++;
        }, progress);
        Array.Resize(ref dates, n);
        Array.Resize(ref ids, n);
        Array.Resize(ref lines, n);
        for (var f = 0; f < fieldCount; f++) Array.Resize(ref columns[f], n);
        return new LongTable(path, reader.Fields, reader.Symbols.ToArray(), dates, ids, lines, columns);
    }

    public int FieldIndex(string name)
    {
        for (var f = 0; f < Fields.Count; f++)
            if (Fields[f].Equals(name, StringComparison.OrdinalIgnoreCase)) return f;
        return -1;
    }
}
