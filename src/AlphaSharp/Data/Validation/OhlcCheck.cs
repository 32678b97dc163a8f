using System.Globalization;

namespace AlphaSharp.Data.Validation;

/// <summary>High below open or close, low above them, or high below low. Rows with any of the four missing are not judged.</summary>
public sealed class OhlcCheck : IMarketCheck
{
    public const string Id = "ohlc";
    private const string Title = "OHLC inconsistent (high < open/close, low > open/close, high < low)";

    public CheckResult Run(MarketData data, ValidationOptions options)
    {
        var p = data.Panel;
        var missing = new[] { "open", "high", "low", "close" }.Where(f => !p.HasField(f)).ToList();
        if (missing.Count > 0) return CheckResult.Skip(Id, Title, Severity.Error, "rows", $"no {string.Join("/", missing)} field");
        var (open, high, low, close) = (p.Field("open"), p.Field("high"), p.Field("low"), p.Field("close"));
        var found = new FindingCollector(options.Examples);
        for (var i = 0; i < p.N; i++)
            for (var t = 0; t < p.T; t++)
            {
                var k = i * p.T + t;
                float o = open[k], h = high[k], l = low[k], c = close[k];
                if (float.IsNaN(o) || float.IsNaN(h) || float.IsNaN(l) || float.IsNaN(c)) continue;
                var top = Math.Max(o, c);
                var bottom = Math.Min(o, c);
                if (h >= top && l <= bottom && h >= l) continue;
                string what;
                double by;
                if (h < l) (what, by) = ($"high {F(h)} below low {F(l)}", l - h);
                else if (h < top) (what, by) = ($"high {F(h)} below {(o > c ? "open" : "close")} {F(top)}", top - h);
                else (what, by) = ($"low {F(l)} above {(o < c ? "open" : "close")} {F(bottom)}", l - bottom);
                found.Add(p.Symbols[i], p.Calendar[t], by / Math.Max(Math.Abs(c), 1e-9), $"{p.Symbols[i]} {p.Calendar[t]:yyyy-MM-dd}: {what}");
            }
        return found.Result(Id, Title, Severity.Error, "rows");
    }

    internal static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
