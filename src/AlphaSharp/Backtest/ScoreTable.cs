using System.Globalization;
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
        Market = market;
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

    /// <summary>The market whose calendar and instruments the scores are laid on.</summary>
    public MarketView Market { get; }
    public float[] Values { get; }
    public int N { get; }
    /// <summary>First and last calendar index with at least one score (-1 when there is none).</summary>
    public int FirstDay { get; }
    public int LastDay { get; }

    public ReadOnlyMemory<float> Row(int t) => Values.AsMemory(t * N, N);

    /// <summary>
    /// Scores shaped like the market (T x N), in either layout: the value at (t, i) is the score of instrument i known
    /// at t, e.g. a factor computed on the panel (instrument-major, transposed here) or a model's date-major output
    /// (used as it is, not copied).
    /// </summary>
    public ScoreTable(MarketView market, PanelArray scores)
        : this(market, CheckShape(market, scores).ToLayout(PanelLayout.DateMajor).Values)
    {
    }

    /// <summary>
    /// Scores as a model's predictions come: row r scores <paramref name="symbols"/>[r] on <paramref name="dates"/>[r]
    /// (any order). Cells without a row have no score. The rules and messages are those of <see cref="ReadCsv"/>, with
    /// rows named <c>predictions row r</c> (0-based).
    /// </summary>
    public static ScoreTable FromPredictions(MarketView market, IReadOnlyList<DateOnly> dates, IReadOnlyList<string> symbols, ReadOnlySpan<float> scores)
    {
        if (dates.Count != scores.Length || symbols.Count != scores.Length)
            throw new ArgumentException($"predictions: {dates.Count} dates, {symbols.Count} symbols and {scores.Length} scores; need one of each per row");
        if (scores.Length == 0) throw new InputException("predictions: no score rows");
        var rows = new ScoreRows(market, "predictions", originsAreLines: false);
        var panel = market.Data.Panel;
        for (var r = 0; r < scores.Length; r++)
        {
            var symbol = symbols[r];
            rows.Add(r, dates[r], panel.TryIndexOf(symbol, out var i) ? i : -1, symbol, scores[r]);
        }
        return rows.ToTable();
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
        var symbolIndex = new int[table.Symbols.Count];
        for (var s = 0; s < symbolIndex.Length; s++)
            symbolIndex[s] = market.Data.Panel.TryIndexOf(table.Symbols[s], out var i) ? i : -1;
        var rows = new ScoreRows(market, path, originsAreLines: true);
        var scores = table.Columns[column];
        for (var r = 0; r < table.RowCount; r++)
        {
            var id = table.SymbolIds[r];
            rows.Add(table.Lines[r], DateOnly.FromDayNumber(table.Dates[r]), symbolIndex[id], table.Symbols[id], scores[r]);
        }
        return rows.ToTable();
    }

    /// <summary>Writes the scores as <see cref="ReadCsv"/> reads them (atomically; plain text).</summary>
    public void WriteCsv(string path) => AtomicFile.Write(path, WriteCsv);

    /// <summary>
    /// <c>date,symbol,score</c>, one row per scored cell by date then instrument, floats in their shortest round-trip
    /// form so that <see cref="ReadCsv"/> gives back the same bits. An infinite score has no CSV form and is refused.
    /// </summary>
    public void WriteCsv(TextWriter w)
    {
        var market = Market;
        w.Write("date,symbol,score\n");
        Span<char> buffer = stackalloc char[32];
        for (var t = 0; t < market.T; t++)
        {
            var row = Values.AsSpan(t * N, N);
            string? date = null;
            for (var i = 0; i < N; i++)
            {
                var v = row[i];
                if (float.IsNaN(v)) continue;
                date ??= market.Calendar[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (!float.IsFinite(v))
                    throw new InputException($"scores: {market.Symbols[i]} on {date} is infinite; a score file holds finite scores only");
                w.Write(date);
                w.Write(',');
                w.Write(market.Symbols[i]);
                w.Write(',');
                if (v.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture)) w.Write(buffer[..written]);
                else w.Write(v.ToString("R", CultureInfo.InvariantCulture));
                w.Write('\n');
            }
        }
    }

    private static PanelArray CheckShape(MarketView market, PanelArray scores) =>
        scores.T == market.T && scores.N == market.N
            ? scores
            : throw new ArgumentException($"scores are {scores.T} x {scores.N}, the market {market.T} x {market.N}");
}
