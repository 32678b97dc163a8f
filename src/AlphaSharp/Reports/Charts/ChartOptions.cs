using System.Globalization;

namespace AlphaSharp.Reports.Charts;

/// <summary>What every chart shows besides its data: a title, both axis labels, a size and how values read.</summary>
/// <param name="YFormat">Formats y tick labels (and heatmap cells); <see cref="Formats.Number"/> unless given.</param>
/// <param name="ZeroLine">Draws a darker line at y = 0 when it lies inside the axis.</param>
/// <param name="XFormat">Formats x tick labels where x is a number (histograms); <see cref="Formats.Number"/> unless given.</param>
public sealed record ChartOptions(
    string Title,
    string XLabel,
    string YLabel,
    double Width = 900,
    double Height = 320,
    Func<double, string>? YFormat = null,
    bool ZeroLine = true,
    Func<double, string>? XFormat = null)
{
    internal Func<double, string> Format => YFormat ?? Formats.Number;
}

/// <summary>Tick and value formats.</summary>
public static class Formats
{
    public static string Number(double v) => Fixed(v, "0.###", 3);

    /// <summary>0.1234 as "12.3%".</summary>
    public static string Percent(double v) => double.IsFinite(v) ? Fixed(v * 100, "0.#", 1) + "%" : "n/a";

    /// <summary>0.1234 as "12.34%".</summary>
    public static string Percent2(double v) => double.IsFinite(v) ? Fixed(v * 100, "0.00", 2) + "%" : "n/a";

    /// <summary>0.1234 as "12.3%" and 0.09 as "9.0%": a fixed decimal, for cells read side by side.</summary>
    public static string Percent1(double v) => double.IsFinite(v) ? Fixed(v * 100, "0.0", 1) + "%" : "n/a";

    public static string Integer(double v) => Fixed(v, "0", 0);

    // Rounds first, so a tiny negative prints as 0 rather than "-0".
    private static string Fixed(double v, string format, int decimals)
    {
        if (!double.IsFinite(v)) return "n/a";
        var r = Math.Round(v, decimals, MidpointRounding.AwayFromZero);
        return (r == 0 ? 0.0 : r).ToString(format, CultureInfo.InvariantCulture);
    }
}

/// <summary>How a legend entry is drawn: a line swatch (solid or dashed), a filled box, or a triangle pointing up or down (a point mark's).</summary>
public enum LegendMark { Line, DashedLine, Box, TriangleUp, TriangleDown }

public sealed record LegendEntry(string Name, string Color, LegendMark Mark = LegendMark.Line);
