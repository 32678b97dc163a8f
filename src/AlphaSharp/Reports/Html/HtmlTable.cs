using System.Text;

namespace AlphaSharp.Reports.Html;

/// <summary>
/// A table of already formatted cells. Columns after the first are right-aligned (numbers) unless
/// <see cref="AlignNumbers"/> is off; a cell that starts
/// with '-' in a column marked signed is shown in the negative colour.
/// </summary>
public sealed class HtmlTable(IReadOnlyList<string> header, string? caption = null)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string> Header { get; } = header;
    public string? Caption { get; } = caption;
    public int RowCount => _rows.Count;

    /// <summary>Right-align the columns after the first, as numbers read; false for a table of text.</summary>
    public bool AlignNumbers { get; init; } = true;

    /// <summary>Column indices whose negative values are coloured.</summary>
    public HashSet<int> SignedColumns { get; } = [];

    public HtmlTable Row(params string[] cells)
    {
        if (cells.Length != Header.Count)
            throw new ArgumentException($"table row has {cells.Length} cells for {Header.Count} columns");
        _rows.Add(cells);
        return this;
    }

    internal void Render(StringBuilder sb)
    {
        sb.Append("<table>\n");
        if (Caption != null) sb.Append("<caption>").Append(HtmlReport.Esc(Caption)).Append("</caption>\n");
        sb.Append("<thead><tr>");
        foreach (var h in Header) sb.Append("<th>").Append(HtmlReport.Esc(h)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in _rows)
        {
            sb.Append("<tr>");
            for (var c = 0; c < row.Length; c++)
            {
                var cls = c == 0 || !AlignNumbers ? "" : SignedColumns.Contains(c) && row[c].StartsWith('-') ? " class=\"num neg\"" : " class=\"num\"";
                sb.Append("<td").Append(cls).Append('>').Append(HtmlReport.Esc(row[c])).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }
}
