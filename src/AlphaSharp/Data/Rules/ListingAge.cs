namespace AlphaSharp.Data;

/// <summary>
/// Listing age in trading days: 0 on a stock's first row, counting every calendar trading day since (suspended days
/// included), -1 before the first row. The first row is the first day with a close. Stocks listed before the data
/// starts are left-censored: their age counts from the calendar's first day.
/// </summary>
public static class ListingAge
{
    /// <summary>Per instrument: the index of its first row, or -1 if it has none.</summary>
    public static int FirstRow(Panel panel, int instrument)
    {
        var close = panel.Series("close", instrument);
        for (var t = 0; t < close.Length; t++)
            if (!float.IsNaN(close[t])) return t;
        return -1;
    }

    public static int At(Panel panel, int t, int instrument)
    {
        var first = FirstRow(panel, instrument);
        return first < 0 || t < first ? -1 : t - first;
    }

    /// <summary>Ages of every cell, instrument-major like the panel.</summary>
    public static int[] All(Panel panel)
    {
        var ages = new int[panel.N * panel.T];
        for (var i = 0; i < panel.N; i++)
        {
            var first = FirstRow(panel, i);
            for (var t = 0; t < panel.T; t++) ages[i * panel.T + t] = first < 0 || t < first ? -1 : t - first;
        }
        return ages;
    }
}
