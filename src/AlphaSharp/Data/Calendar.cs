using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>The ordered trading days of a market. Indexes into it are the time axis of every <see cref="Panel"/>.</summary>
public sealed class Calendar
{
    private readonly DateOnly[] _days;
    private readonly Dictionary<DateOnly, int> _index;

    public Calendar(IEnumerable<DateOnly> days)
    {
        _days = days.ToArray();
        _index = new Dictionary<DateOnly, int>(_days.Length);
        for (var t = 0; t < _days.Length; t++)
        {
            if (t > 0 && _days[t] <= _days[t - 1])
                throw new InputException($"calendar: {_days[t]:yyyy-MM-dd} at position {t + 1} is not after {_days[t - 1]:yyyy-MM-dd}; trading days must be strictly increasing");
            _index[_days[t]] = t;
        }
    }

    public int Count => _days.Length;
    public DateOnly this[int t] => _days[t];
    public IReadOnlyList<DateOnly> Days => _days;
    public DateOnly First => _days[0];
    public DateOnly Last => _days[^1];

    public bool TryIndexOf(DateOnly day, out int t) => _index.TryGetValue(day, out t);

    public int IndexOf(DateOnly day) =>
        _index.TryGetValue(day, out var t) ? t : throw new InputException($"calendar: {day:yyyy-MM-dd} is not a trading day");

    /// <summary>Index of the last trading day on or before <paramref name="day"/>, or -1 if none.</summary>
    public int IndexOnOrBefore(DateOnly day)
    {
        var pos = Array.BinarySearch(_days, day);
        return pos >= 0 ? pos : ~pos - 1;
    }

    /// <summary>
    /// Indices of the first and last trading days in [<paramref name="start"/>, <paramref name="end"/>] (null: the calendar's
    /// first or last day). A range holding no trading day is a <see cref="SettingException"/> naming start and end.
    /// </summary>
    public (int From, int To) IndexRange(DateOnly? start, DateOnly? end)
    {
        var from = start is { } s ? IndexOnOrAfter(s) : 0;
        var to = end is { } e ? IndexOnOrBefore(e) : Count - 1;
        if (from <= to && from < Count && to >= 0) return (from, to);
        var first = start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(first day)";
        var last = end?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(last day)";
        throw new SettingException(
            $"{new SettingName("start")} {first} {new SettingName("end")} {last}: no trading day in that range (the store covers {First:yyyy-MM-dd}..{Last:yyyy-MM-dd})");
    }

    /// <summary>Index of the first trading day on or after <paramref name="day"/>, or Count if none.</summary>
    public int IndexOnOrAfter(DateOnly day)
    {
        var pos = Array.BinarySearch(_days, day);
        return pos >= 0 ? pos : ~pos;
    }
}
