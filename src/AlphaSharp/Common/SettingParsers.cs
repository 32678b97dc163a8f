using System.Globalization;

namespace AlphaSharp.Common;

/// <summary>
/// The one parser and checker of each kind of setting read from text (a command-line value, a YAML scalar): each bad
/// value is a <see cref="SettingException"/> naming the setting, with the same message whichever front end read it.
/// </summary>
public static class SettingParsers
{
    public static readonly SettingName HorizonsSetting = new("horizons");

    /// <summary>A yes/no setting written true or false.</summary>
    public static readonly SettingChoices<bool> TrueFalse = new(("true", true), ("false", false));

    /// <summary>Forward-return horizons written as <c>1,5,10,20</c>: whole trading days of 1 or more, each once, at least one.</summary>
    public static IReadOnlyList<int> Horizons(string text) =>
        Horizons(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Horizons given one by one (a YAML list); null stands for an item that is not a single value.</summary>
    public static IReadOnlyList<int> Horizons(IReadOnlyList<string?> items)
    {
        var shown = string.Join(",", items);
        var horizons = items.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : throw NotAHorizon(shown, p ?? "")).ToArray();
        CheckHorizons(horizons, shown);
        return horizons;
    }

    /// <summary>The check every owner of a horizons setting runs: at least one, each a whole number of days of 1 or more, no repeats.</summary>
    public static void CheckHorizons(IReadOnlyList<int> horizons) => CheckHorizons(horizons, string.Join(",", horizons));

    private static void CheckHorizons(IReadOnlyList<int> horizons, string shown)
    {
        if (horizons.Count == 0) throw new SettingException($"{HorizonsSetting}: give at least one horizon, e.g. 1,5,10,20");
        foreach (var h in horizons)
            if (h < 1) throw NotAHorizon(shown, h.ToString(CultureInfo.InvariantCulture));
        var repeated = horizons.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new SettingException($"{HorizonsSetting} {shown}: {repeated.Key} repeats; give each horizon once");
    }

    private static SettingException NotAHorizon(string shown, string item) =>
        new($"{HorizonsSetting} {shown}: '{item}' is not a horizon; use whole trading days of 1 or more");

    /// <summary>A calendar date written YYYY-MM-DD.</summary>
    public static DateOnly Date(string setting, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new SettingException($"{new SettingName(setting)} {text}: not a date; use YYYY-MM-DD");

    /// <summary>A date that may be left out (null).</summary>
    public static DateOnly? OptionalDate(string setting, string? text) => text is null ? null : Date(setting, text);

    /// <summary>A finite or infinite number in invariant notation (range checks belong to the setting's owner).</summary>
    public static double Number(string setting, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new SettingException($"{new SettingName(setting)}: '{text}' is not a number");

    /// <summary>A whole number (no fraction, no exponent).</summary>
    public static int Whole(string setting, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new SettingException($"{new SettingName(setting)}: '{text}' is not a whole number");

    /// <summary>Throws unless <paramref name="value"/> lies in [min, max]; the message every closed-range setting uses.</summary>
    public static double InRange(string setting, double value, double min, double max) =>
        value >= min && value <= max
            ? value
            : throw new SettingException($"{new SettingName(setting)} {Show(value)}: must be between {Show(min)} and {Show(max)}");

    /// <summary>A number as a user typed it (shortest round-trip, invariant).</summary>
    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
