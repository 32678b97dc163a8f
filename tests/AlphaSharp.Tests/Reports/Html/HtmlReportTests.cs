using System.Text.RegularExpressions;
using System.Xml.Linq;
using AlphaSharp.Reports.Charts;
using AlphaSharp.Reports.Html;

namespace AlphaSharp.Tests.Reports.Html;

public class HtmlReportTests
{
    /// <summary>Anything that would make a browser fetch: URLs, external scripts/styles/images, CSS imports.</summary>
    internal static void AssertSelfContained(string html)
    {
        Assert.DoesNotMatch(new Regex("https?:", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Each inline &lt;svg&gt; parses as XML once the namespace is put back.</summary>
    internal static List<XDocument> InlineSvgs(string html) =>
        Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline)
            .Select(m => XDocument.Parse(m.Value.Replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ")))
            .ToList();

    [Fact]
    public void Page_is_self_contained_with_sections_tables_and_charts()
    {
        var dates = SyntheticSeries.Make(60).Dates;
        var page = new HtmlReport("Factor <report>", "a & b");
        page.Section("Chart").Svg(LineChart.Render(dates, [new LineSeries("x", dates.Select((_, i) => (double)i).ToArray())], new ChartOptions("t", "Date", "v")));
        var table = new HtmlTable(["Name", "Value"], "Caption") { SignedColumns = { 1 } };
        table.Row("<b>", "-1.00%").Row("ok", "2.00%");
        page.Section("Table", "intro text").Table(table).Paragraph("note", note: true);
        var html = page.Render();

        AssertSelfContained(html);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<title>Factor &lt;report&gt;</title>", html);
        Assert.Equal(2, Regex.Matches(html, "<section>").Count);
        Assert.Single(InlineSvgs(html));
        Assert.Contains("<td>&lt;b&gt;</td><td class=\"num neg\">-1.00%</td>", html);
        Assert.Contains("<td>ok</td><td class=\"num\">2.00%</td>", html);
    }

    [Fact]
    public void Text_tables_are_not_right_aligned()
    {
        var page = new HtmlReport("t");
        page.Section("s").Table(new HtmlTable(["Setting", "Value"]) { AlignNumbers = false }.Row("rules", "china"));
        Assert.Contains("<td>rules</td><td>china</td>", page.Render());
    }

    [Fact]
    public void Table_rejects_a_row_of_the_wrong_width()
    {
        var t = new HtmlTable(["a", "b"]);
        Assert.Throws<ArgumentException>(() => t.Row("only one"));
    }
}
