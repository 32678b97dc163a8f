using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Data.Qlib;

/// <summary>
/// <c>instruments/&lt;name&gt;.txt</c>: <c>SYMBOL&lt;TAB&gt;start&lt;TAB&gt;end</c> per line, dates inclusive. In <c>all.txt</c> a
/// line is the span an instrument has data; in an index file (<c>csi300.txt</c>) it is a membership spell, and a
/// symbol may have several lines.
/// </summary>
public static class QlibInstrumentsFile
{
    public static List<MembershipSpell> Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: file not found");
        var spells = new List<MembershipSpell>();
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            // Qlib writes tabs; hand-made files often use spaces, which no symbol or date contains.
            var parts = line.Contains('\t') ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3)
                throw new InputException($"{path}:{lineNo}: expected SYMBOL<TAB>start<TAB>end, found {parts.Length} field(s) in '{QlibCalendarFile.Show(line)}'");
            var symbol = parts[0].Trim().ToUpperInvariant();
            if (symbol.Length == 0) throw new InputException($"{path}:{lineNo}:1: empty symbol");
            var start = ParseDate(path, lineNo, 2, parts[1]);
            var end = ParseDate(path, lineNo, 3, parts[2]);
            if (end < start)
                throw new InputException($"{path}:{lineNo}: {symbol} ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})");
            spells.Add(new MembershipSpell(symbol, start, end));
        }
        return spells;
    }

    public static void Write(string path, IEnumerable<MembershipSpell> spells)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var w = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var s in spells)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Symbol}\t{s.Start:yyyy-MM-dd}\t{s.End:yyyy-MM-dd}"));
    }

    private static DateOnly ParseDate(string path, int lineNo, int column, string text)
    {
        var s = text.Trim();
        if (s.Length > 10 && s[10] == ' ') s = s[..10];
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new InputException($"{path}:{lineNo}: field {column} '{QlibCalendarFile.Show(text)}' is not a date; expected yyyy-MM-dd");
        return d;
    }
}
