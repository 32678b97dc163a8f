using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>What joining extra fields into a panel did: rows used, and rows that had no place in the panel.</summary>
public sealed record FieldJoinReport(string Path, IReadOnlyList<string> Fields, int RowsJoined, int RowsUnknownSymbol,
    int RowsUnknownDate, IReadOnlyList<string> UnknownSymbols)
{
    public int RowsDropped => RowsUnknownSymbol + RowsUnknownDate;

    public string Describe() =>
        $"{System.IO.Path.GetFileName(Path)}: fields {string.Join(",", Fields)}; {RowsJoined:N0} rows joined on (date, symbol)" +
        (RowsDropped == 0 ? "" :
            $"; {RowsDropped:N0} rows not joined ({RowsUnknownSymbol:N0} for {UnknownSymbols.Count} symbols without price data, " +
            $"{RowsUnknownDate:N0} on dates outside the calendar)");
}

/// <summary>Turns long tables into panel fields: the price table defines the panel, later tables join onto it.</summary>
public static class LongTablePanel
{
    /// <summary>
    /// Builds a panel whose calendar is the table's distinct dates and whose instruments are its distinct symbols
    /// (ordinal order), with one field per column. Row order does not matter; a repeated (date, symbol) is an error.
    /// </summary>
    public static Panel ToPanel(LongTable table)
    {
        if (table.RowCount == 0) throw new InputException($"{table.Path}: no data rows after the header");
        var days = table.Dates.Distinct().Order().Select(DateOnly.FromDayNumber).ToArray();
        var calendar = new Calendar(days);
        var symbols = table.Symbols.Order(StringComparer.Ordinal).ToArray();
        var panel = new Panel(calendar, symbols);
        var instrumentOf = table.Symbols.Select(panel.IndexOf).ToArray();
        var dateOf = DateLookup(calendar);
        var first = days[0].DayNumber;
        var cells = new int[table.RowCount];
        for (var r = 0; r < cells.Length; r++)
            cells[r] = instrumentOf[table.SymbolIds[r]] * panel.T + dateOf[table.Dates[r] - first];
        CheckUnique(table, cells, panel.N * panel.T);
        for (var f = 0; f < table.Fields.Count; f++)
        {
            var values = panel.SetField(table.Fields[f]);
            var column = table.Columns[f];
            for (var r = 0; r < cells.Length; r++) values[cells[r]] = column[r];
        }
        return panel;
    }

    /// <summary>
    /// Adds the table's fields to the panel, joined on (date, symbol). Cells without a row stay NaN; rows whose symbol or
    /// date is not in the panel are counted in the report, never added. A field already in the panel is an error.
    /// </summary>
    public static FieldJoinReport JoinInto(Panel panel, LongTable table)
    {
        foreach (var name in table.Fields)
            if (panel.FieldNames.Any(f => f.Equals(name, StringComparison.OrdinalIgnoreCase)))
                throw new InputException($"{table.Path}:1: column '{name}' is already a field of the panel; rename it in one of the files");
        var instrumentOf = table.Symbols.Select(s => panel.TryIndexOf(s, out var i) ? i : -1).ToArray();
        var cells = new int[table.RowCount];
        int unknownSymbol = 0, unknownDate = 0;
        var missingSymbols = new SortedSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < cells.Length; r++)
        {
            var i = instrumentOf[table.SymbolIds[r]];
            if (i < 0)
            {
                unknownSymbol++;
                missingSymbols.Add(table.Symbols[table.SymbolIds[r]]);
                cells[r] = -1;
            }
            else if (!panel.Calendar.TryIndexOf(DateOnly.FromDayNumber(table.Dates[r]), out var t))
            {
                unknownDate++;
                cells[r] = -1;
            }
            else cells[r] = i * panel.T + t;
        }
        CheckUnique(table, cells, panel.N * panel.T);
        for (var f = 0; f < table.Fields.Count; f++)
        {
            var values = panel.SetField(table.Fields[f]);
            var column = table.Columns[f];
            for (var r = 0; r < cells.Length; r++)
                if (cells[r] >= 0) values[cells[r]] = column[r];
        }
        return new FieldJoinReport(table.Path, table.Fields, table.RowCount - unknownSymbol - unknownDate, unknownSymbol,
            unknownDate, missingSymbols.ToArray());
    }

    private static int[] DateLookup(Calendar calendar)
    {
        var first = calendar.First.DayNumber;
        var lookup = new int[calendar.Last.DayNumber - first + 1];
        for (var t = 0; t < calendar.Count; t++) lookup[calendar[t].DayNumber - first] = t;
        return lookup;
    }

    private static void CheckUnique(LongTable table, int[] cells, int cellCount)
    {
        var seen = new bool[cellCount];
        for (var r = 0; r < cells.Length; r++)
        {
            var cell = cells[r];
            if (cell < 0) continue;
            if (!seen[cell]) { seen[cell] = true; continue; }
            var firstRow = Array.IndexOf(cells, cell);
            throw new InputException(
                $"{table.Path}:{table.Lines[r]}: duplicate row for ({DateOnly.FromDayNumber(table.Dates[r]):yyyy-MM-dd}, " +
                $"{table.Symbols[table.SymbolIds[r]]}), first seen at line {table.Lines[firstRow]}");
        }
    }
}
