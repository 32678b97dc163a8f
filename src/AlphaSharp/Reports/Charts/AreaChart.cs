namespace AlphaSharp.Reports.Charts;

/// <summary>Area chart (e.g. the underwater drawdown): line series shaded down to zero.</summary>
public static class AreaChart
{
    public static string Render(ReadOnlySpan<DateOnly> dates, IReadOnlyList<LineSeries> series, ChartOptions options) =>
        LineChart.Render(dates, series.Select(s => s with { Fill = true }).ToList(), options);
}
