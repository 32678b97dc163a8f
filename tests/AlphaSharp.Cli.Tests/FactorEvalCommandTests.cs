using System.Globalization;
using AlphaSharp.Data;

namespace AlphaSharp.Cli.Tests;

/// <summary>
/// `factor eval` end to end on the shipped store, its outputs recomputed here from the raw store fields: the factor
/// values by hand, membership from the universe, and each date's IC as a plain Pearson correlation.
/// </summary>
[Collection(CliHarness.Name)]
public class FactorEvalCommandTests
{
    private const string Reversal = "-($close/Ref($close,20)-1)";

    private static readonly Lazy<(CliHarness.Result Run, string Dir)> Q1 = new(() =>
    {
        var dir = CliHarness.TempDir();
        var r = CliHarness.Run("factor", "eval", Reversal, "--horizons", "1,5", "--start", "2020-01-02", "--end", "2020-03-31", "--out", dir);
        return (r, dir);
    });

    private static readonly Lazy<MarketData> Store = new(() => MarketStore.Load(EmbeddedData.Locate()));

    private static List<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(Q1.Value.Dir, file)).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public void Writes_the_report_and_the_three_tables()
    {
        var (r, dir) = Q1.Value;
        Assert.Equal(0, r.Exit);
        Assert.Equal(["factor.csv", "ic.csv", "layers.csv", "report.html"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("date,horizon,ic,rank_ic,count,coverage", File.ReadLines(Path.Combine(dir, "ic.csv")).First());
        Assert.Equal("date,symbol,value", File.ReadLines(Path.Combine(dir, "factor.csv")).First());
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", ""));
    }

    [Fact]
    public void Factor_values_are_the_reversal_computed_by_hand_and_only_for_members()
    {
        var data = Store.Value;
        var panel = data.Panel;
        var close = panel.Field("close");
        var factor = panel.Field("factor");
        var volume = panel.Field("volume");
        var rows = Rows("factor.csv");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var t = data.Calendar.IndexOf(DateOnly.ParseExact(row[0], "yyyy-MM-dd", CultureInfo.InvariantCulture));
            var i = panel.IndexOf(row[1]);
            Assert.True(data.Universe!.IsMember(row[1], t), $"{row[1]} is not a member on {row[0]}");
            // A suspended day (volume 0) has no market fields, as in Qlib: the factor is missing (written empty) there.
            double Adj(int tt) => volume[i * panel.T + tt] > 0 ? (double)close[i * panel.T + tt] * factor[i * panel.T + tt] : double.NaN;
            var expected = -(Adj(t) / Adj(t - 20) - 1);
            var written = Value(row[2]);
            if (double.IsNaN(expected)) Assert.True(double.IsNaN(written), $"{row[1]} {row[0]}: expected missing, got {row[2]}");
            else Assert.Equal(expected, written, 5e-6 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Fact]
    public void Each_dates_ic_is_the_pearson_correlation_of_factor_and_forward_return()
    {
        var data = Store.Value;
        var panel = data.Panel;
        var close = panel.Field("close");
        var factor = panel.Field("factor");
        var volume = panel.Field("volume");
        var byDate = Rows("factor.csv").GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.ToList());
        var checkedDates = 0;
        foreach (var ic in Rows("ic.csv").Where(r => r[1] == "5").Take(15))
        {
            var t = data.Calendar.IndexOf(DateOnly.ParseExact(ic[0], "yyyy-MM-dd", CultureInfo.InvariantCulture));
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var row in byDate[ic[0]])
            {
                var i = panel.IndexOf(row[1]);
                int a = i * panel.T + t, b = i * panel.T + t + 5;
                // A forward return needs the stock to trade on both ends (volume 0 = suspended).
                if (!(volume[a] > 0) || !(volume[b] > 0)) continue;
                var ret = (double)close[b] * factor[b] / ((double)close[a] * factor[a]) - 1;
                var x = Value(row[2]);
                if (double.IsNaN(x) || double.IsNaN(ret)) continue;
                xs.Add(x);
                ys.Add(ret);
            }
            Assert.Equal(int.Parse(ic[4], CultureInfo.InvariantCulture), xs.Count);
            Assert.Equal(Pearson(xs, ys), double.Parse(ic[2], CultureInfo.InvariantCulture), 1e-6);
            checkedDates++;
        }
        Assert.Equal(15, checkedDates);
    }

    [Fact]
    public void A_misspelt_operator_is_one_line_naming_its_column_and_nothing_is_written()
    {
        var dir = CliHarness.TempDir();
        var r = CliHarness.Run("factor", "eval", "Meen($close,5)", "--out", dir);
        Assert.Equal(2, r.Exit);
        var err = r.Err.TrimEnd();
        Assert.DoesNotContain('\n', err);
        Assert.Contains(":1:1", err);
        Assert.Contains("Meen", err);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void A_future_ref_in_a_factor_is_refused()
    {
        var dir = CliHarness.TempDir();
        var r = CliHarness.Run("factor", "eval", "Ref($close,-5)/$close", "--out", dir);
        Assert.Equal(2, r.Exit);
        Assert.DoesNotContain('\n', r.Err.TrimEnd());
        Assert.False(Directory.Exists(dir));
    }

    private static double Value(string field) => field.Length == 0 ? double.NaN : double.Parse(field, CultureInfo.InvariantCulture);

    private static double Pearson(List<double> x, List<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var k = 0; k < x.Count; k++)
        {
            sxy += (x[k] - mx) * (y[k] - my);
            sxx += (x[k] - mx) * (x[k] - mx);
            syy += (y[k] - my) * (y[k] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
