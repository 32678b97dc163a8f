using System.Globalization;

namespace AlphaSharp.Reports.Charts;

/// <summary>What every chart shows besides its data: a title, both axis labels, a size and how values read.</summary>
/// <param name="YFormat">Formats y tick labels (and heatmap cells); <see cref="Formats.Number"/> unless given.</param>
/// <param name="ZeroLine">Draws a darker line at y = 0 when it lies inside the axis.</param>
public sealed record ChartOptions(
    string Title,
    string XLabel,
    string YLabel,
    double Width = 900,
    double Height = 320,
    Func<double, string>? YFormat = null,
    bool ZeroLine = true)
{
    internal Func<double, string> Format => YFormat ?? Formats.Number;
}

/// <summary>Tick and value formats.</summary>
public static class Formats
{
    public static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>0.1234 as "12.3%".</summary>
    public static string Percent(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>0.1234 as "12.34%".</summary>
    public static string Percent2(double v) => (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Integer(double v) => v.ToString("0", CultureInfo.InvariantCulture);
}

/// <summary>How a legend entry is drawn: a line swatch (solid or dashed) or a filled box.</summary>
public enum LegendMark { Line, DashedLine, Box }

public sealed record LegendEntry(string Name, string Color, LegendMark Mark = LegendMark.Line);
