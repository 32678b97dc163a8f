using System.Globalization;

namespace AlphaSharp.Common;

/// <summary>
/// CSV output (RFC 4180 quoting, "\n" line ends, invariant culture). Doubles are written shortest-round-trip ("R"),
/// so reading them back gives the same bits; NaN is an empty field.
/// </summary>
public static class CsvTable
{
    /// <summary>Writes a header and rows atomically (<see cref="AtomicFile"/>).</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        AtomicFile.Write(path, w => WriteTo(w, header, rows, path));

    /// <summary>Writes a header and rows to <paramref name="w"/>; <paramref name="name"/> names the table in errors.</summary>
    public static void WriteTo(TextWriter w, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string name)
    {
        w.WriteLine(string.Join(',', header.Select(Field)));
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"{name}: a row has {row.Count} fields for a header of {header.Count}");
            w.WriteLine(string.Join(',', row.Select(Field)));
        }
    }

    public static string Number(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Field(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
