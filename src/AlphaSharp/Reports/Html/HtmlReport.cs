using System.Text;
using AlphaSharp.Common;

namespace AlphaSharp.Reports.Html;

/// <summary>
/// One self-contained HTML page: inline CSS, inline SVG, no scripts, fonts or links to fetch, so it opens offline.
/// Content is a title, a subtitle, then sections of paragraphs, tables and charts, in the order added.
/// </summary>
public sealed class HtmlReport(string title, string? subtitle = null)
{
    private readonly List<HtmlSection> _sections = [];

    public string Title { get; } = title;
    public string? Subtitle { get; } = subtitle;
    public IReadOnlyList<HtmlSection> Sections => _sections;

    public HtmlSection Section(string heading, string? intro = null)
    {
        var s = new HtmlSection(heading, intro);
        _sections.Add(s);
        return s;
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Esc(Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(Esc(Title)).Append("</h1>\n");
        if (Subtitle != null) sb.Append("<p class=\"subtitle\">").Append(Esc(Subtitle)).Append("</p>\n");
        foreach (var s in _sections) s.Render(sb);
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Writes the page atomically (temporary name, then rename).</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, Render());

    public static string Esc(string s) =>
        s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    private const string Css = """
        body { margin: 0; background: #f6f7f9; color: #1d1f23; font: 14px/1.45 Helvetica, Arial, sans-serif; }
        main { max-width: 1320px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #d9dde3; }
        .subtitle { color: #5a606b; margin: 0 0 8px; }
        section { background: #ffffff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 8px 20px 16px; margin: 16px 0; }
        .grid { display: flex; flex-wrap: wrap; gap: 16px 32px; align-items: flex-start; }
        .chart { display: block; max-width: 100%; height: auto; margin: 12px auto; }
        table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        th, td { padding: 4px 12px; border-bottom: 1px solid #eceef1; text-align: left; white-space: nowrap; }
        th { background: #f0f2f5; font-weight: 600; }
        td.num { text-align: right; }
        td.neg { color: #c0392b; }
        p.note { color: #5a606b; font-size: 12px; }
        pre { background: #f6f7f9; padding: 8px 12px; overflow-x: auto; font-size: 12px; }

        """;
}
