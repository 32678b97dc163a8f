namespace AlphaSharp.Data;

/// <summary>
/// One data row of a long CSV (<c>date,symbol,&lt;fields...&gt;</c>), valid only inside the handler call:
/// <see cref="Values"/> points into a buffer the reader reuses for the next row.
/// </summary>
public readonly ref struct LongCsvRow
{
    internal LongCsvRow(long line, DateOnly date, string symbol, int symbolId, ReadOnlySpan<float> values)
    {
        Line = line;
        Date = date;
        Symbol = symbol;
        SymbolId = symbolId;
        Values = values;
    }

    /// <summary>1-based line number in the file (the header is line 1).</summary>
    public long Line { get; }
    public DateOnly Date { get; }
    /// <summary>The symbol, interned: the same symbol is always the same string instance.</summary>
    public string Symbol { get; }
    /// <summary>Index of <see cref="Symbol"/> in <see cref="LongCsvReader.Symbols"/> (order of first appearance).</summary>
    public int SymbolId { get; }
    /// <summary>One value per <see cref="LongCsvReader.Fields"/> entry, in header order; NaN where the field was empty.</summary>
    public ReadOnlySpan<float> Values { get; }
}

/// <summary>Receives each row of a long CSV in file order.</summary>
public delegate void LongCsvRowHandler(LongCsvRow row);
