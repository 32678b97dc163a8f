using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>
/// Reads one benchmark index series, a long CSV <c>date,symbol,open,high,low,close[,volume]</c>, onto the panel's
/// calendar: calendar days without a row are NaN; a row on a day outside the calendar, a second symbol or a repeated
/// date is an error.
/// </summary>
public static class BenchmarkCsv
{
    public static BenchmarkSeries Read(string path, Calendar calendar)
    {
        var table = LongTable.Read(path);
        if (table.RowCount == 0) throw new InputException($"{path}: no data rows after the header");
        if (table.Symbols.Count > 1)
        {
            var row = Array.FindIndex(table.SymbolIds, id => id != table.SymbolIds[0]);
            throw new InputException($"{path}:{table.Lines[row]}: second symbol {table.Symbols[table.SymbolIds[row]]}; a benchmark file holds one series ({table.Symbols[0]})");
        }
        var T = calendar.Count;
        var names = new[] { "open", "high", "low", "close", "volume" };
        var series = names.Select(_ => Enumerable.Repeat(float.NaN, T).ToArray()).ToArray();
        var source = names.Select(table.FieldIndex).ToArray();
        if (source[3] < 0) throw new InputException($"{path}:1: missing required column 'close' (header: date,symbol,{string.Join(",", table.Fields)})");
        var lineOf = new int[T];
        for (var r = 0; r < table.RowCount; r++)
        {
            var day = DateOnly.FromDayNumber(table.Dates[r]);
            if (!calendar.TryIndexOf(day, out var t))
                throw new InputException($"{path}:{table.Lines[r]}: {day:yyyy-MM-dd} is not a trading day of the price calendar ({calendar.First:yyyy-MM-dd}..{calendar.Last:yyyy-MM-dd})");
            if (lineOf[t] != 0)
                throw new InputException($"{path}:{table.Lines[r]}: duplicate row for {day:yyyy-MM-dd}, first seen at line {lineOf[t]}");
            lineOf[t] = table.Lines[r];
            for (var k = 0; k < names.Length; k++)
                if (source[k] >= 0) series[k][t] = table.Columns[source[k]][r];
        }
        return new BenchmarkSeries(table.Symbols[0], series[0], series[1], series[2], series[3], series[4]);
    }
}
