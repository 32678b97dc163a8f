using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>
/// Reads a folder of one CSV per symbol (tushare / akshare style exports, plain or gzip) into a <see cref="MarketData"/>.
/// The calendar is the union of all dates; rows may come in any order (tushare writes newest first). Prices are
/// taken as raw; without a mapped factor column the factor is 1.
/// </summary>
public static class FolderCsvImporter
{
    private static readonly string[] DateFormats =
        ["yyyyMMdd", "yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    private static readonly string[] StandardOrder = ["open", "high", "low", "close", "volume", "amount", "factor"];

    /// <param name="columns">The column map; null detects it from the first file's header.</param>
    public static MarketData Import(string folder, FolderCsvColumns? columns = null, Action<int, int>? progress = null)
    {
        if (!Directory.Exists(folder)) throw new InputException($"{folder}: no such directory; expected a folder of one CSV file per symbol");
        var files = Directory.EnumerateFiles(folder)
            .Where(p => p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InputException($"{folder}: no .csv or .csv.gz files");

        var bySymbol = new SortedDictionary<string, SymbolRows>(StringComparer.Ordinal);
        var split = new List<string>();
        var fieldNames = new List<string>();
        for (var n = 0; n < files.Count; n++)
        {
            var rows = ReadFile(files[n], ref columns, split);
            if (n == 0) fieldNames = columns!.Fields.Select(f => f.Field).ToList();
            if (bySymbol.TryGetValue(rows.Symbol, out var other))
                throw new InputException($"{files[n]}: symbol {rows.Symbol} is also in {other.File}; one file per symbol");
            bySymbol.Add(rows.Symbol, rows);
            progress?.Invoke(n + 1, files.Count);
        }

        var calendar = new Calendar(bySymbol.Values.SelectMany(r => r.Dates).Distinct().Order());
        var panel = new Panel(calendar, bySymbol.Keys);
        var defaultFactor = !fieldNames.Contains("factor") && fieldNames.Contains("close");
        var present = defaultFactor ? fieldNames.Append("factor").ToList() : fieldNames;
        foreach (var f in StandardOrder.Where(present.Contains).Concat(present.Except(StandardOrder))) panel.SetField(f);
        var T = calendar.Count;
        var i = 0;
        foreach (var rows in bySymbol.Values)
        {
            for (var r = 0; r < rows.Dates.Count; r++)
            {
                var t = calendar.IndexOf(rows.Dates[r]);
                for (var f = 0; f < fieldNames.Count; f++) panel.Field(fieldNames[f])[i * T + t] = rows.Values[r][f];
            }
            i++;
        }

        var data = new MarketData(panel);
        if (defaultFactor)
        {
            var close = panel.Field("close");
            var factor = panel.Field("factor");
            for (var k = 0; k < factor.Length; k++)
                if (!float.IsNaN(close[k])) factor[k] = 1f;
            data.Provenance.Add("no adjustment factor column: prices taken as raw with factor = 1");
        }
        foreach (var f in new[] { "open", "high", "low", "close", "amount" })
            if (panel.HasField(f)) data.Units[f] = "CNY";
        if (panel.HasField("volume")) data.Units["volume"] = "shares";
        data.Provenance.Add($"folder {Path.GetFullPath(folder)}: {files.Count} CSV files, columns {columns!.Description}");
        return data;
    }

    private sealed record SymbolRows(string File, string Symbol, List<DateOnly> Dates, List<float[]> Values);

    private static SymbolRows ReadFile(string path, ref FolderCsvColumns? columns, List<string> split)
    {
        var text = InputFile.ReadAllText(path);
        using var reader = new StringReader(text);
        var header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0) throw new InputException($"{path}:1: empty header line; expected column names");
        if (!FolderCsvLine.TrySplit(header, split)) throw new InputException($"{path}:1: unclosed quote in the header");
        var names = split.Select(h => h.Trim()).ToList();
        columns ??= FolderCsvColumns.Detect(names)
                    ?? throw new SettingException($"{path}:1: cannot tell the column layout from header '{Show(header)}'; give a column map such as {new SettingName("columns")} tushare or date=...,close=...");

        int Column(string name, string role)
        {
            var c = names.FindIndex(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (c < 0) throw new InputException($"{path}:1: missing column '{name}' ({role}); the header has: {string.Join(",", names)}");
            return c;
        }
        var dateCol = Column(columns.Date, "date");
        var symbolCol = columns.Symbol is null ? -1 : Column(columns.Symbol, "symbol");
        var fieldCols = columns.Fields.Select(f => Column(f.Column, f.Field)).ToArray();

        string? symbol = null;
        if (symbolCol < 0)
        {
            var stem = Path.GetFileName(path);
            stem = stem[..stem.IndexOf(".csv", StringComparison.OrdinalIgnoreCase)];
            if (!FolderCsvSymbols.TryNormalize(stem, out var s))
                throw new InputException($"{path}: file name '{stem}' is not a stock code (like 600000, sh600000 or 600000.SH) and the column map has no symbol column");
            symbol = s;
        }

        var dates = new List<DateOnly>();
        var values = new List<float[]>();
        var lineOf = new Dictionary<DateOnly, int>();
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            if (!FolderCsvLine.TrySplit(line, split)) throw new InputException($"{path}:{lineNo}: unclosed quote");
            if (split.Count != names.Count)
                throw new InputException($"{path}:{lineNo}: {split.Count} columns, but the header has {names.Count}");
            var dateText = split[dateCol].Trim();
            if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new InputException($"{path}:{lineNo}:{dateCol + 1}: column '{names[dateCol]}': '{Show(dateText)}' is not a date; expected yyyyMMdd or yyyy-MM-dd");
            if (symbolCol >= 0)
            {
                var raw = split[symbolCol];
                if (!FolderCsvSymbols.TryNormalize(raw, out var s))
                    throw new InputException($"{path}:{lineNo}:{symbolCol + 1}: column '{names[symbolCol]}': '{Show(raw)}' is not a stock code (like 600000.SH, sh600000 or 600000)");
                if (symbol is null) symbol = s;
                else if (s != symbol)
                    throw new InputException($"{path}:{lineNo}:{symbolCol + 1}: symbol {s}, but earlier rows are {symbol}; one file per symbol");
            }
            if (!lineOf.TryAdd(date, lineNo))
                throw new InputException($"{path}:{lineNo}: duplicate date {date:yyyy-MM-dd} (first on line {lineOf[date]})");
            var row = new float[fieldCols.Length];
            for (var f = 0; f < fieldCols.Length; f++)
            {
                var c = fieldCols[f];
                var cell = split[c].Trim();
                if (IsMissing(cell)) { row[f] = float.NaN; continue; }
                var scale = columns.Fields[f].Scale;
                // An unscaled value parses straight to float32, correctly rounded; a scaled one is scaled in double and rounded once.
                bool ok;
                if (scale == 1) ok = float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out row[f]);
                else
                {
                    ok = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v);
                    row[f] = (float)(v * scale);
                }
                if (!ok) throw new InputException($"{path}:{lineNo}:{c + 1}: column '{names[c]}': '{Show(cell)}' is not a number");
            }
            dates.Add(date);
            values.Add(row);
        }
        if (dates.Count == 0) throw new InputException($"{path}: no data rows after the header");
        return new SymbolRows(path, symbol!, dates, values);
    }

    private static bool IsMissing(string cell) =>
        cell.Length == 0 || cell is "nan" or "NaN" or "NAN" or "None" or "null" or "NULL";

    private static string Show(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
