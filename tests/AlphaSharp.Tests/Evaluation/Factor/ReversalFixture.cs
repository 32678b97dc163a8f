using System.Globalization;
using AlphaSharp.Data;
using AlphaSharp.Factors.Labels;
using AlphaSharp.Factors;

namespace AlphaSharp.Tests.Evaluation.Factor;

/// <summary>
/// The data behind the scipy check: the 20-day reversal and the 5-day close-to-close forward return on the shipped
/// store, at 30 dates spread over the whole period, for CSI 300 members with both values. The cross-sections are
/// committed (tests/fixtures/factor_eval/cross_sections.csv) so scipy runs on exactly the numbers we correlate;
/// setting ALPHASHARP_WRITE_FACTOR_EVAL_FIXTURE=1 rewrites that file from the store (then run
/// make_factor_eval_fixture.py).
/// </summary>
internal static class ReversalFixture
{
    public const string Expression = "-($close/Ref($close,20)-1)";
    public const int Horizon = 5;
    public static readonly int[] Dates = Enumerable.Range(0, 30).Select(k => 25 + 96 * k).ToArray();

    private static readonly Lazy<(float[] Factor, float[] Forward)> Panels = new(() =>
    {
        var data = Tests.Data.ShippedStore.Data;
        return (FactorEngine.Evaluate(data, Expression), ForwardReturns.Compute(data.Panel, Horizon));
    });

    public static MarketData Data => Tests.Data.ShippedStore.Data;
    public static float[] Factor => Panels.Value.Factor;
    public static float[] Forward => Panels.Value.Forward;

    public static string Dir
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "tests", "fixtures", "factor_eval");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("tests/fixtures/factor_eval not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Rows date,symbol,factor,forward (float32 values, shortest round-trip text).</summary>
    public static IEnumerable<string> Rows()
    {
        var data = Data;
        var panel = data.Panel;
        var members = data.Universe!.MaskFor(panel);
        var T = panel.T;
        foreach (var t in Dates)
            for (var i = 0; i < panel.N; i++)
            {
                var at = i * T + t;
                if (!members[at] || float.IsNaN(Factor[at]) || float.IsNaN(Forward[at])) continue;
                yield return string.Join(',', panel.Calendar[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), panel.Symbols[i],
                    Factor[at].ToString("R", CultureInfo.InvariantCulture), Forward[at].ToString("R", CultureInfo.InvariantCulture));
            }
    }
}
