using AlphaSharp.Common;
using AlphaSharp.Data;
using CultureInfo = System.Globalization.CultureInfo;
using NumberStyles = System.Globalization.NumberStyles;

namespace AlphaSharp.Backtest;

public enum RebalanceFrequency
{
    Daily,
    Weekly,
    Monthly,
    EveryNDays,
}

/// <summary>
/// The days a strategy decides on. Weekly and monthly decide on the last trading day of each week (ISO, Monday first)
/// or month, so with the default one-day lag the trades fall on the period's first trading day. The trading calendar
/// is published in advance, so knowing that t is the last day of its period is not look-ahead.
/// Every N days decides on the first scored day and every N trading days after it.
/// </summary>
public sealed record RebalanceSchedule(RebalanceFrequency Frequency, int Every = 1)
{
    public static RebalanceSchedule Daily { get; } = new(RebalanceFrequency.Daily);

    private static readonly SettingName Setting = new("rebalance");

    /// <summary>daily, weekly, monthly or N (every N trading days), as a front end reads it.</summary>
    public static RebalanceSchedule Parse(string text) => text.ToLowerInvariant() switch
    {
        "daily" => Daily,
        "weekly" => new RebalanceSchedule(RebalanceFrequency.Weekly),
        "monthly" => new RebalanceSchedule(RebalanceFrequency.Monthly),
        _ when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 => new RebalanceSchedule(RebalanceFrequency.EveryNDays, n),
        _ => throw Refused(text),
    };

    /// <summary>The name <see cref="Parse"/> reads back (daily, weekly, monthly or N).</summary>
    public override string ToString() => Frequency switch
    {
        RebalanceFrequency.Daily => "daily",
        RebalanceFrequency.Weekly => "weekly",
        RebalanceFrequency.Monthly => "monthly",
        _ => Every.ToString(CultureInfo.InvariantCulture),
    };

    public void Validate()
    {
        if (Frequency == RebalanceFrequency.EveryNDays && Every < 1) throw Refused(Every.ToString(CultureInfo.InvariantCulture));
    }

    private static SettingException Refused(string text) =>
        new($"{Setting} {text}: use daily, weekly, monthly or a whole number of trading days (1 or more)");

    /// <summary>Marks the decision days in [first, last] of <paramref name="calendar"/>.</summary>
    public bool[] DecisionDays(Calendar calendar, int first, int last)
    {
        var days = new bool[calendar.Count];
        for (var t = first; t <= last; t++)
        {
            days[t] = Frequency switch
            {
                RebalanceFrequency.Daily => true,
                RebalanceFrequency.EveryNDays => (t - first) % Every == 0,
                RebalanceFrequency.Weekly => t + 1 >= calendar.Count || WeekStart(calendar[t + 1]) != WeekStart(calendar[t]),
                _ => t + 1 >= calendar.Count || calendar[t + 1].Month != calendar[t].Month || calendar[t + 1].Year != calendar[t].Year,
            };
        }
        return days;
    }

    private static DateOnly WeekStart(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
}
