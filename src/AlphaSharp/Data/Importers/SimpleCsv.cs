using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>
/// Small text CSVs (membership, industry, benchmark header checks): lines with their numbers and a header-driven
/// column lookup. No quoting: the formats read this way never need commas inside a value.
/// </summary>
public sealed class SimpleCsv
{
    private readonly string[] _header;

    private SimpleCsv(string path, string[] header, List<(int Line, string[] Cells)> rows)
    {
        Path = path;
        _header = header;
        Rows = rows;
    }

    public string Path { get; }
    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    public static SimpleCsv Read(string path)
    {
        var text = InputFile.ReadAllText(path);
        var lines = text.Split('\n');
        var header = lines[0].TrimEnd('\r').TrimStart('\uFEFF').Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        if (header.Length == 1 && header[0].Length == 0) throw new InputException($"{path}: empty file, expected a header line");
        var rows = new List<(int, string[])>();
        for (var k = 1; k < lines.Length; k++)
        {
            var line = lines[k].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var cells = line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
            if (cells.Length != header.Length)
                throw new InputException($"{path}:{k + 1}: {cells.Length} columns, expected {header.Length} ({string.Join(",", header)})");
            rows.Add((k + 1, cells));
        }
        return new SimpleCsv(path, header, rows);
    }

    /// <summary>The position of a required column (case-insensitive), or a one-line error naming the expected header.</summary>
    public int Column(string name, string expected)
    {
        var c = Array.FindIndex(_header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        return c >= 0 ? c : throw new InputException($"{Path}:1: missing required column '{name}' (header: {string.Join(",", _header)}); expected '{expected}'");
    }

    public DateOnly Date(int line, string[] cells, int column, string name) =>
        Utf8Fields.TryParseDate(cells[column], out var d)
            ? d
            : throw new InputException($"{Path}:{line}: column {column + 1} ({name}): '{cells[column]}' is not a date, expected yyyy-MM-dd");
}
