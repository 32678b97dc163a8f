namespace AlphaSharp.Evaluation.Factor;

/// <summary>
/// Summary of an IC series over its non-NaN dates: mean, sample std (ddof 1), ICIR = mean / std, t-stat = mean / (std /
/// sqrt(n)), share of positive ICs. With overlapping horizons (h &gt; 1 on daily dates) neighbouring ICs share returns,
/// so the t-stat overstates significance; it is reported as the plain formula.
/// </summary>
public sealed record IcSummary(int Count, double Mean, double Std, double IcIr, double TStat, double PositiveShare)
{
    public static IcSummary Of(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).ToArray();
        var n = v.Length;
        if (n == 0) return new IcSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var mean = v.Average();
        var std = n > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (n - 1)) : double.NaN;
        var ir = std > 0 ? mean / std : double.NaN;
        return new IcSummary(n, mean, std, ir, ir * Math.Sqrt(n), (double)v.Count(x => x > 0) / n);
    }

    /// <summary>Summaries per period key (year, year-month, ...), in key order.</summary>
    public static IReadOnlyList<(string Period, IcSummary Summary)> ByPeriod(IReadOnlyList<DateOnly> dates, double[] ic, Func<DateOnly, string> key) =>
        Enumerable.Range(0, ic.Length).GroupBy(t => key(dates[t]))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Of(g.Select(t => ic[t]))))
            .Where(p => p.Item2.Count > 0)
            .ToList();

    public static string Year(DateOnly d) => d.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
    public static string Month(DateOnly d) => d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
