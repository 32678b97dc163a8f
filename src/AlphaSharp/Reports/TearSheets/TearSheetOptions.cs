using AlphaSharp.Evaluation.Performance;

namespace AlphaSharp.Reports.TearSheets;

/// <summary>How the tear sheet is titled and computed.</summary>
/// <param name="Settings">Name/value pairs shown in a "Settings" table and written to metrics.json (strategy, costs, ...).</param>
/// <param name="ExtraCharts">More sections (heading, SVG from the Reports.Charts writers), placed after the standard charts:
/// e.g. the cumulative returns of each layer in a layered test.</param>
public sealed record TearSheetOptions(
    string Title = "Backtest tear sheet",
    string StrategyName = "Strategy",
    string BenchmarkName = "Benchmark",
    PerformanceOptions? Performance = null,
    IReadOnlyList<KeyValuePair<string, string>>? Settings = null,
    IReadOnlyList<(string Heading, string Svg)>? ExtraCharts = null)
{
    internal PerformanceOptions Metrics => Performance ?? PerformanceOptions.Default;
}
