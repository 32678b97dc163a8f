namespace AlphaSharp.Data.Validation;

/// <summary>
/// What only an input file can show: repeated (date, symbol) rows and rows out of order. A file may be sorted by
/// date then symbol (like bars.csv.gz) or by symbol then date (a per-stock dump); it is judged by whichever order it
/// breaks less.
/// </summary>
public static class FileOrderChecks
{
    public const string DuplicatesId = "duplicates";
    public const string DuplicatesTitle = "duplicate (date, symbol) rows";
    public const string UnsortedId = "unsorted";
    public const string UnsortedTitle = "rows out of order";

    public static CheckResult Duplicates(LongTable table, ValidationOptions options)
    {
        // Sorting (key, row) pairs keeps memory linear in rows whatever the date range, and avoids hashing keys
        // whose halves (symbol id, day number) would collide badly under long's XOR-folding hash.
        var n = table.RowCount;
        var keys = new long[n];
        var rows = new int[n];
        for (var r = 0; r < n; r++)
        {
            keys[r] = ((long)table.SymbolIds[r] << 32) | (uint)table.Dates[r];
            rows[r] = r;
        }
        Array.Sort(keys, rows);
        var found = new FindingCollector(options.Examples);
        for (var a = 0; a < n;)
        {
            var b = a + 1;
            while (b < n && keys[b] == keys[a]) b++;
            if (b - a > 1)
            {
                var group = rows.AsSpan(a, b - a);
                group.Sort();
                var first = table.Lines[group[0]];
                foreach (var r in group[1..])
                {
                    var symbol = table.Symbols[table.SymbolIds[r]];
                    var date = DateOnly.FromDayNumber(table.Dates[r]);
                    // Magnitude = minus the line, so the examples are the first duplicates in the file.
                    found.Add(symbol, date, -table.Lines[r], $"{table.Path}:{table.Lines[r]}: {date:yyyy-MM-dd} {symbol} repeats line {first}");
                }
            }
            a = b;
        }
        return found.Result(DuplicatesId, DuplicatesTitle, Severity.Error, "rows");
    }

    public static CheckResult Unsorted(LongTable table, ValidationOptions options)
    {
        // Symbol ranks make the comparison ordinal on the symbol text without comparing strings per row.
        var rank = new int[table.Symbols.Count];
        var order = Enumerable.Range(0, rank.Length).OrderBy(k => table.Symbols[k], StringComparer.Ordinal).ToArray();
        for (var k = 0; k < order.Length; k++) rank[order[k]] = k;

        long KeyDateFirst(int r) => ((long)table.Dates[r] << 32) | (uint)rank[table.SymbolIds[r]];
        long KeySymbolFirst(int r) => ((long)rank[table.SymbolIds[r]] << 32) | (uint)table.Dates[r];
        long byDate = 0, bySymbol = 0;
        for (var r = 1; r < table.RowCount; r++)
        {
            if (KeyDateFirst(r) < KeyDateFirst(r - 1)) byDate++;
            if (KeySymbolFirst(r) < KeySymbolFirst(r - 1)) bySymbol++;
        }
        var dateFirst = byDate <= bySymbol;
        Func<int, long> key = dateFirst ? KeyDateFirst : KeySymbolFirst;
        var orderName = dateFirst ? "date then symbol" : "symbol then date";
        var found = new FindingCollector(options.Examples);
        for (var r = 1; r < table.RowCount; r++)
        {
            if (key(r) >= key(r - 1)) continue;
            var symbol = table.Symbols[table.SymbolIds[r]];
            var date = DateOnly.FromDayNumber(table.Dates[r]);
            found.Add(symbol, date, -table.Lines[r],
                $"{table.Path}:{table.Lines[r]}: {date:yyyy-MM-dd} {symbol} comes after {DateOnly.FromDayNumber(table.Dates[r - 1]):yyyy-MM-dd} " +
                $"{table.Symbols[table.SymbolIds[r - 1]]} (order: {orderName})");
        }
        return found.Result(UnsortedId, $"{UnsortedTitle} (expected {orderName})", Severity.Warning, "rows");
    }
}
