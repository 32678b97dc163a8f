using System.Text;

namespace AlphaSharp.Reports.Html;

/// <summary>A titled block of the page.</summary>
public sealed class HtmlSection(string heading, string? intro)
{
    private readonly List<Action<StringBuilder>> _parts = [];

    public string Heading { get; } = heading;

    public HtmlSection Paragraph(string text, bool note = false)
    {
        _parts.Add(sb => sb.Append(note ? "<p class=\"note\">" : "<p>").Append(HtmlReport.Esc(text)).Append("</p>\n"));
        return this;
    }

    /// <summary>An SVG chart, inlined; its XML namespace declaration is dropped (HTML needs none), so the page holds no URL.</summary>
    public HtmlSection Svg(string svg)
    {
        var inline = svg.Replace(" xmlns=\"http://www.w3.org/2000/svg\"", "");
        _parts.Add(sb => sb.Append(inline));
        return this;
    }

    /// <summary>Text shown as written (a configuration, a log), escaped, in a fixed-width block.</summary>
    public HtmlSection Preformatted(string text)
    {
        _parts.Add(sb => sb.Append("<pre>").Append(HtmlReport.Esc(text)).Append("</pre>\n"));
        return this;
    }

    /// <summary>
    /// A whole page inside this one (an iframe whose document is inlined in <c>srcdoc</c>), so a report that includes
    /// another page, such as a tear sheet, stays one self-contained file.
    /// </summary>
    public HtmlSection Embedded(string html, int height = 1200)
    {
        _parts.Add(sb => sb.Append("<iframe style=\"width:100%;border:1px solid #d0d4da;height:").Append(height).Append("px\" srcdoc=\"")
            .Append(HtmlReport.Esc(html)).Append("\"></iframe>\n"));
        return this;
    }

    public HtmlSection Table(HtmlTable table)
    {
        _parts.Add(table.Render);
        return this;
    }

    /// <summary>Tables side by side, wrapping on narrow screens.</summary>
    public HtmlSection Tables(params HtmlTable[] tables)
    {
        _parts.Add(sb =>
        {
            sb.Append("<div class=\"grid\">\n");
            foreach (var t in tables) t.Render(sb);
            sb.Append("</div>\n");
        });
        return this;
    }

    internal void Render(StringBuilder sb)
    {
        sb.Append("<section>\n<h2>").Append(HtmlReport.Esc(Heading)).Append("</h2>\n");
        if (intro != null) sb.Append("<p>").Append(HtmlReport.Esc(intro)).Append("</p>\n");
        foreach (var p in _parts) p(sb);
        sb.Append("</section>\n");
    }
}
