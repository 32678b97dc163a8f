using System.Globalization;
using AlphaSharp.Common;

namespace AlphaSharp.Data.Qlib;

/// <summary><c>calendars/day.txt</c>: one ISO date per line, strictly increasing.</summary>
public static class QlibCalendarFile
{
    public static Calendar Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: file not found; a Qlib directory needs calendars/day.txt");
        var days = new List<DateOnly>();
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            // Qlib's high-frequency calendars carry a time; a daily calendar may too ("2020-01-02 00:00:00").
            var datePart = line.Length > 10 && line[10] == ' ' ? line[..10] : line;
            if (!DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new InputException($"{path}:{lineNo}: '{Show(line)}' is not a date; expected yyyy-MM-dd");
            if (days.Count > 0 && day <= days[^1])
                throw new InputException($"{path}:{lineNo}: date {day:yyyy-MM-dd} is not after the previous date {days[^1]:yyyy-MM-dd}; a Qlib calendar must be strictly increasing (sort it and remove duplicates)");
            days.Add(day);
        }
        if (days.Count == 0) throw new InputException($"{path}: no dates; a Qlib calendar needs one yyyy-MM-dd date per line");
        return new Calendar(days);
    }

    public static void Write(string path, Calendar calendar)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var w = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var day in calendar.Days) w.WriteLine(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    internal static string Show(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
