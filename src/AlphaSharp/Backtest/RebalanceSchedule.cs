using AlphaSharp.Data;

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

    public void Validate()
    {
        if (Frequency == RebalanceFrequency.EveryNDays && Every < 1) throw new ArgumentException($"rebalance every {Every} days: N must be at least 1");
    }

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
