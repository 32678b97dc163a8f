using AlphaSharp.Common;

namespace AlphaSharp.Data.Validation;

/// <summary>
/// Validates a long CSV (<c>date,symbol,&lt;fields&gt;</c>, plain or gzip) as it stands, before import: duplicates and
/// order from the file itself, then every market check on a panel built from it (a duplicate's first row wins).
/// </summary>
public static class LongCsvValidator
{
    /// <param name="universe">Membership to check members against (e.g. the store's); its spells are laid on the file's calendar.</param>
    public static ValidationReport Validate(string path, Universe? universe = null, ValidationOptions? options = null,
        Action<double>? progress = null)
    {
        options ??= new ValidationOptions();
        var table = LongTable.Read(path, progress);
        if (table.RowCount == 0) throw new InputException($"{path}: no data rows after the header");
        var results = new List<CheckResult> { FileOrderChecks.Duplicates(table, options), FileOrderChecks.Unsorted(table, options) };
        var panel = ToPanelFirstWins(table);
        var data = new MarketData(panel);
        if (universe is not null) data.Universe = new Universe(universe.Name, panel.Calendar, universe.Spells);
        results.AddRange(MarketValidator.RunChecks(data, options));
        return new ValidationReport(path, panel.N, panel.T, table.RowCount, results);
    }

    private static Panel ToPanelFirstWins(LongTable table)
    {
        var days = table.Dates.Distinct().Order().ToArray();
        var calendar = new Calendar(days.Select(DateOnly.FromDayNumber));
        var panel = new Panel(calendar, table.Symbols.Order(StringComparer.Ordinal));
        var instrumentOf = table.Symbols.Select(panel.IndexOf).ToArray();
        var dateIndex = new int[days[^1] - days[0] + 1];
        for (var t = 0; t < days.Length; t++) dateIndex[days[t] - days[0]] = t;
        var taken = new bool[panel.N * panel.T];
        var cells = new int[table.RowCount];
        for (var r = 0; r < cells.Length; r++)
        {
            var cell = instrumentOf[table.SymbolIds[r]] * panel.T + dateIndex[table.Dates[r] - days[0]];
            cells[r] = taken[cell] ? -1 : cell;
            taken[cell] = true;
        }
        for (var f = 0; f < table.Fields.Count; f++)
        {
            var values = panel.SetField(table.Fields[f]);
            var column = table.Columns[f];
            for (var r = 0; r < cells.Length; r++)
                if (cells[r] >= 0) values[cells[r]] = column[r];
        }
        return panel;
    }
}
