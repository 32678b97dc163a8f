using System.Globalization;
using System.Text;

namespace AlphaSharp.Reports.Charts;

/// <summary>
/// Writes SVG markup: escaped text, invariant-culture numbers rounded to 0.01 px so the same chart is the same bytes.
/// </summary>
public sealed class SvgBuilder
{
    private readonly StringBuilder _sb = new();
    private int _depth;

    public SvgBuilder(double width, double height, string title, string cssClass = "chart")
    {
        _sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").Append(Esc(cssClass))
            .Append("\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height))
            .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height))
            .Append("\" role=\"img\" aria-label=\"").Append(Esc(title))
            .Append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        _sb.Append("<title>").Append(Esc(title)).Append("</title>\n");
        Rect(0, 0, width, height, "#ffffff", null, "background");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? cssClass = null)
    {
        _sb.Append("<line");
        Class(cssClass);
        _sb.Append(" x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1)).Append("\" x2=\"").Append(N(x2))
            .Append("\" y2=\"").Append(N(y2)).Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (dash != null) _sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        _sb.Append("/>\n");
    }

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null, string? cssClass = null, string? tooltip = null, double opacity = 1)
    {
        _sb.Append("<rect");
        Class(cssClass);
        _sb.Append(" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(Math.Max(w, 0)))
            .Append("\" height=\"").Append(N(Math.Max(h, 0))).Append("\" fill=\"").Append(fill).Append('"');
        if (stroke != null) _sb.Append(" stroke=\"").Append(stroke).Append("\" stroke-width=\"0.5\"");
        if (opacity < 1) _sb.Append(" fill-opacity=\"").Append(N(opacity)).Append('"');
        if (tooltip == null)
        {
            _sb.Append("/>\n");
            return;
        }
        _sb.Append("><title>").Append(Esc(tooltip)).Append("</title></rect>\n");
    }

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> turns it about (x, y).</summary>
    public void Text(double x, double y, string text, string anchor = "start", double size = 12, string? weight = null,
        string fill = "#333333", string? cssClass = null, double rotate = 0)
    {
        _sb.Append("<text");
        Class(cssClass);
        _sb.Append(" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" text-anchor=\"").Append(anchor)
            .Append("\" font-size=\"").Append(N(size)).Append("\" fill=\"").Append(fill).Append('"');
        if (weight != null) _sb.Append(" font-weight=\"").Append(weight).Append('"');
        if (rotate != 0) _sb.Append(" transform=\"rotate(").Append(N(rotate)).Append(' ').Append(N(x)).Append(' ').Append(N(y)).Append(")\"");
        _sb.Append('>').Append(Esc(text)).Append("</text>\n");
    }

    public void Path(string d, string stroke, string fill = "none", double width = 1.5, string? dash = null,
        string? cssClass = null, string? dataName = null, double fillOpacity = 1)
    {
        _sb.Append("<path");
        Class(cssClass);
        if (dataName != null) _sb.Append(" data-name=\"").Append(Esc(dataName)).Append('"');
        _sb.Append(" d=\"").Append(d).Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width))
            .Append("\" fill=\"").Append(fill).Append("\" stroke-linejoin=\"round\"");
        if (fillOpacity < 1) _sb.Append(" fill-opacity=\"").Append(N(fillOpacity)).Append('"');
        if (dash != null) _sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        _sb.Append("/>\n");
    }

    public void OpenGroup(string cssClass, string? dataName = null)
    {
        _sb.Append("<g class=\"").Append(Esc(cssClass)).Append('"');
        if (dataName != null) _sb.Append(" data-name=\"").Append(Esc(dataName)).Append('"');
        _sb.Append(">\n");
        _depth++;
    }

    public void CloseGroup()
    {
        if (_depth == 0) throw new InvalidOperationException("CloseGroup without an open group");
        _sb.Append("</g>\n");
        _depth--;
    }

    public string Finish()
    {
        if (_depth != 0) throw new InvalidOperationException($"{_depth} SVG group(s) left open");
        return _sb.Append("</svg>\n").ToString();
    }

    /// <summary>A coordinate or size: invariant culture, at most two decimals, no "-0".</summary>
    public static string N(double v)
    {
        var s = Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }

    public static string Esc(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    private void Class(string? cssClass)
    {
        if (cssClass != null) _sb.Append(" class=\"").Append(Esc(cssClass)).Append('"');
    }
}
