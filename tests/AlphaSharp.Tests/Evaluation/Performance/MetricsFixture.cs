using System.Text.Json;
using AlphaSharp.Evaluation.Performance;

namespace AlphaSharp.Tests.Evaluation.Performance;

/// <summary>tests/fixtures/metrics/metrics_fixture.json, written by make_metrics_fixture.py (numpy/pandas).</summary>
internal sealed class MetricsFixture
{
    private static readonly Lazy<MetricsFixture> Shared = new(() => new MetricsFixture());

    private MetricsFixture()
    {
        Root = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory(), "metrics_fixture.json"))).RootElement;
        PeriodsPerYear = Root.GetProperty("periods_per_year").GetInt32();
        RiskFree = Root.GetProperty("risk_free").GetDouble();
        RollingWindow = Root.GetProperty("rolling_window").GetInt32();
        Series = new BacktestSeries(
            Root.GetProperty("dates").EnumerateArray().Select(d => DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd")).ToArray(),
            Doubles("strategy"),
            Doubles("benchmark"),
            Doubles("turnover"),
            Root.GetProperty("holdings").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            Doubles("costs"),
            Doubles("value"),
            Root.GetProperty("initial_capital").GetDouble());
    }

    public static MetricsFixture Instance => Shared.Value;
    public JsonElement Root { get; }
    public int PeriodsPerYear { get; }
    public double RiskFree { get; }
    public int RollingWindow { get; }
    public BacktestSeries Series { get; }

    public double Summary(string name) => Root.GetProperty("summary").GetProperty(name).GetDouble();

    /// <summary>A numeric array; JSON null stands for NaN.</summary>
    public double[] Doubles(string name) => ToDoubles(Root.GetProperty(name));

    public static double[] ToDoubles(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();

    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "metrics");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/fixtures/metrics not found above {AppContext.BaseDirectory}");
    }
}

internal static class Close
{
    /// <summary>|actual - expected| &lt;= 1e-9 * max(1, |expected|); NaN matches only NaN.</summary>
    public static void Equal(double expected, double actual, string what, double tol = 1e-9)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual:R}");
            return;
        }
        Assert.True(Math.Abs(actual - expected) <= tol * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R} (diff {actual - expected:E3})");
    }

    public static void Equal(double[] expected, double[] actual, string what, double tol = 1e-9)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Equal(expected[i], actual[i], $"{what}[{i}]", tol);
    }
}
