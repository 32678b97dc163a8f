using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>Reads a <c>symbol,industry</c> map. A snapshot: using it for earlier dates is a mild look-ahead.</summary>
public static class IndustryCsv
{
    public static Dictionary<string, string> Read(string path)
    {
        var csv = SimpleCsv.Read(path);
        const string expected = "symbol,industry";
        int cs = csv.Column("symbol", expected), ci = csv.Column("industry", expected);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, cells) in csv.Rows)
        {
            var symbol = cells[cs];
            if (!SymbolFormat.IsAShare(symbol))
                throw new InputException($"{path}:{line}: column {cs + 1} (symbol): '{symbol}' is not a symbol, expected SH, SZ or BJ plus 6 digits (SH600000)");
            if (cells[ci].Length == 0) throw new InputException($"{path}:{line}: column {ci + 1} (industry) is empty for {symbol}");
            if (!lineOf.TryAdd(symbol, line))
                throw new InputException($"{path}:{line}: {symbol} appears twice (first at line {lineOf[symbol]})");
            map[symbol] = cells[ci];
        }
        return map;
    }
}
