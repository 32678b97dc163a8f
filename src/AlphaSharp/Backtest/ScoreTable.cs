using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Backtest;

/// <summary>
/// Scores on the market's calendar x instruments, date-major (<c>[t * N + i]</c>), NaN = no score.
/// A score at t may use anything known at t's close; the backtester acts on it at t + lag.
/// </summary>
public sealed class ScoreTable
{
    public ScoreTable(MarketView market, float[] values)
    {
        if (values.Length != market.T * market.N)
            throw new ArgumentException($"scores: {values.Length} values, expected {market.T} x {market.N}");
        Values = values;
        N = market.N;
        FirstDay = -1;
        LastDay = -1;
        for (var t = 0; t < market.T; t++)
        {
            var row = values.AsSpan(t * N, N);
            foreach (var v in row)
            {
                if (float.IsNaN(v)) continue;
                if (FirstDay < 0) FirstDay = t;
                LastDay = t;
                break;
            }
        }
    }

    public float[] Values { get; }
    public int N { get; }
    /// <summary>First and last calendar index with at least one score (-1 when there is none).</summary>
    public int FirstDay { get; }
    public int LastDay { get; }

    public ReadOnlyMemory<float> Row(int t) => Values.AsMemory(t * N, N);

    /// <summary>
    /// Builds a score table from a panel-shaped (instrument-major) field, e.g. a factor computed on the panel: the
    /// value at (i, t) is the score of instrument i known at t.
    /// </summary>
    public static ScoreTable FromPanelField(MarketView market, float[] field)
    {
        int n = market.N, T = market.T;
        if (field.Length != n * T) throw new ArgumentException($"scores: {field.Length} values, expected {n} x {T}");
        var v = new float[T * n];
        for (var i = 0; i < n; i++)
            for (var t = 0; t < T; t++) v[t * n + i] = field[i * T + t];
        return new ScoreTable(market, v);
    }

    /// <summary>
    /// Reads <c>date,symbol,score</c> (plain or gzip). Every row must name a trading day and a symbol of the market,
    /// carry a finite score, and appear once; the first violation ends in one line naming file:line.
    /// </summary>
    public static ScoreTable ReadCsv(MarketView market, string path)
    {
        var table = LongTable.Read(path);
        var column = -1;
        for (var f = 0; f < table.Fields.Count; f++)
            if (string.Equals(table.Fields[f], "score", StringComparison.OrdinalIgnoreCase)) column = f;
        if (column < 0 || table.Fields.Count != 1)
            throw new InputException($"{path}:1: expected the header date,symbol,score; found the columns date, symbol, {string.Join(", ", table.Fields)}");
        if (table.RowCount == 0) throw new InputException($"{path}: no score rows after the header");
        int n = market.N, T = market.T;
        var symbolIndex = new int[table.Symbols.Count];
        for (var s = 0; s < symbolIndex.Length; s++)
            symbolIndex[s] = market.Data.Panel.TryIndexOf(table.Symbols[s], out var i) ? i : -1;
        var values = new float[T * n];
        Array.Fill(values, float.NaN);
        var firstLine = new int[T * n];
        var scores = table.Columns[column];
        var calendar = market.Calendar;
        for (var r = 0; r < table.RowCount; r++)
        {
            var line = table.Lines[r];
            var date = DateOnly.FromDayNumber(table.Dates[r]);
            if (!calendar.TryIndexOf(date, out var t))
                throw new InputException($"{path}:{line}: {date:yyyy-MM-dd} is not a trading day of the market ({calendar.First:yyyy-MM-dd}..{calendar.Last:yyyy-MM-dd})");
            var i = symbolIndex[table.SymbolIds[r]];
            if (i < 0)
                throw new InputException($"{path}:{line}: unknown symbol {table.Symbols[table.SymbolIds[r]]} (not in the market data)");
            var v = scores[r];
            if (!float.IsFinite(v))
                throw new InputException($"{path}:{line}: score is {(float.IsNaN(v) ? "empty or NaN" : "infinite")}; every row needs a finite score (leave the row out for no score)");
            var k = t * n + i;
            if (firstLine[k] != 0)
                throw new InputException($"{path}:{line}: duplicate row for {table.Symbols[table.SymbolIds[r]]} on {date:yyyy-MM-dd} (first at line {firstLine[k]})");
            firstLine[k] = line;
            values[k] = v;
        }
        return new ScoreTable(market, values);
    }
}
