using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>
/// Reads point-in-time membership spells, <c>symbol,start,end</c> (inclusive trading days), into a <see cref="Universe"/>.
/// Each symbol must be a well-formed A-share symbol and each date a trading day of the calendar. Members without price
/// data are kept (they count toward the daily member total but can never be traded) and counted in the result.
/// </summary>
public static class MembershipCsv
{
    public sealed record Result(Universe Universe, IReadOnlyList<string> MembersWithoutData);

    public static Result Read(string path, Panel panel, string? name = null)
    {
        var csv = SimpleCsv.Read(path);
        const string expected = "symbol,start,end";
        int cs = csv.Column("symbol", expected), cStart = csv.Column("start", expected), cEnd = csv.Column("end", expected);
        if (csv.Rows.Count == 0) throw new InputException($"{path}: no membership spells after the header");
        var calendar = panel.Calendar;
        var spells = new List<MembershipSpell>(csv.Rows.Count);
        foreach (var (line, cells) in csv.Rows)
        {
            var symbol = cells[cs];
            if (!SymbolFormat.IsAShare(symbol))
                throw new InputException($"{path}:{line}: column {cs + 1} (symbol): '{symbol}' is not a symbol, expected SH, SZ or BJ plus 6 digits (SH600000)");
            var start = csv.Date(line, cells, cStart, "start");
            var end = csv.Date(line, cells, cEnd, "end");
            if (!calendar.TryIndexOf(start, out _))
                throw new InputException($"{path}:{line}: column {cStart + 1} (start): {start:yyyy-MM-dd} is not a trading day of the calendar ({calendar.First:yyyy-MM-dd}..{calendar.Last:yyyy-MM-dd})");
            if (!calendar.TryIndexOf(end, out _))
                throw new InputException($"{path}:{line}: column {cEnd + 1} (end): {end:yyyy-MM-dd} is not a trading day of the calendar ({calendar.First:yyyy-MM-dd}..{calendar.Last:yyyy-MM-dd})");
            if (end < start)
                throw new InputException($"{path}:{line}: spell of {symbol} ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})");
            spells.Add(new MembershipSpell(symbol, start, end));
        }
        CheckNoOverlap(path, spells, csv);
        var universe = new Universe(name ?? NameFromPath(path), calendar, spells);
        var missing = universe.Symbols.Where(s => !panel.TryIndexOf(s, out _)).ToArray();
        return new Result(universe, missing);
    }

    // Overlapping spells of one symbol would count it twice in nothing but would hide a broken file.
    private static void CheckNoOverlap(string path, List<MembershipSpell> spells, SimpleCsv csv)
    {
        var order = Enumerable.Range(0, spells.Count).OrderBy(k => spells[k].Symbol, StringComparer.Ordinal).ThenBy(k => spells[k].Start).ToArray();
        for (var k = 1; k < order.Length; k++)
        {
            var a = spells[order[k - 1]];
            var b = spells[order[k]];
            if (a.Symbol == b.Symbol && b.Start <= a.End)
                throw new InputException($"{path}:{csv.Rows[order[k]].Line}: spell of {b.Symbol} from {b.Start:yyyy-MM-dd} overlaps the one on line {csv.Rows[order[k - 1]].Line}");
        }
    }

    private static string NameFromPath(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        foreach (var ext in new[] { ".gz", ".csv", ".txt" })
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) name = name[..^ext.Length];
        foreach (var suffix in new[] { "_membership", "-membership", "_members" })
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) name = name[..^suffix.Length];
        return name;
    }
}
