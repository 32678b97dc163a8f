using AlphaSharp.Common;

namespace AlphaSharp.Backtest;

/// <summary>
/// Places (date, symbol, score) rows into a date-major score grid under the rules every score source shares (a score
/// file, a model's predictions): each row names a trading day and a symbol of the market, carries a finite score, and
/// appears once. The first violation ends in one line naming the row: <c>file:line</c> for a file, <c>source row k</c>
/// otherwise.
/// </summary>
internal sealed class ScoreRows
{
    private readonly MarketView _market;
    private readonly string _source;
    private readonly bool _originsAreLines;
    private readonly float[] _values;
    // Origin + 1 of the row that set each cell; 0 = not set yet.
    private readonly int[] _firstOrigin;
    private DateOnly _lastDate;
    private int _lastDay = -1;

    /// <param name="originsAreLines">True when the origins passed to <see cref="Add"/> are file line numbers.</param>
    public ScoreRows(MarketView market, string source, bool originsAreLines)
    {
        _market = market;
        _source = source;
        _originsAreLines = originsAreLines;
        _values = new float[market.T * market.N];
        Array.Fill(_values, float.NaN);
        _firstOrigin = new int[_values.Length];
    }

    /// <param name="instrument">The symbol's index in the market, or -1 when the market does not have it.</param>
    public void Add(int origin, DateOnly date, int instrument, string symbol, float score)
    {
        // Rows usually come grouped by date: one calendar look-up per run of a date.
        if (_lastDay < 0 || date != _lastDate)
        {
            var calendar = _market.Calendar;
            if (!calendar.TryIndexOf(date, out _lastDay))
            {
                _lastDay = -1;
                throw new InputException($"{Where(origin)}: {date:yyyy-MM-dd} is not a trading day of the market ({calendar.First:yyyy-MM-dd}..{calendar.Last:yyyy-MM-dd})");
            }
            _lastDate = date;
        }
        if (instrument < 0)
            throw new InputException($"{Where(origin)}: unknown symbol {symbol} (not in the market data)");
        if (!float.IsFinite(score))
            throw new InputException($"{Where(origin)}: score is {(float.IsNaN(score) ? "empty or NaN" : "infinite")}; every row needs a finite score (leave the row out for no score)");
        var k = _lastDay * _market.N + instrument;
        if (_firstOrigin[k] != 0)
            throw new InputException($"{Where(origin)}: duplicate row for {symbol} on {date:yyyy-MM-dd} (first at {(_originsAreLines ? "line" : "row")} {_firstOrigin[k] - 1})");
        _firstOrigin[k] = origin + 1;
        _values[k] = score;
    }

    public ScoreTable ToTable() => new(_market, _values);

    private string Where(int origin) => _originsAreLines ? $"{_source}:{origin}" : $"{_source} row {origin}";
}
