using System.Globalization;
using AlphaSharp.Data;

namespace AlphaSharp.Cli.Tests;

/// <summary>`factor compute` end to end on the shipped store: a named expression and a plain one, checked by hand.</summary>
[Collection(CliHarness.Name)]
public class FactorComputeCommandTests
{
    [Fact]
    public void Computes_named_and_plain_expressions_for_members_and_the_values_match_a_hand_computation()
    {
        using var files = new CliTempDir();
        var output = files.Path_("features.csv");
        var r = CliHarness.Run("factor", "compute", "MA5=Mean($close,5)/$close", "Ref($close,1)",
            "--start", "2020-01-02", "--end", "2020-01-10", "--out", output);
        Assert.Equal(0, r.Exit);
        var lines = File.ReadAllLines(output);
        Assert.Equal("date,symbol,MA5,\"Ref($close,1)\"", lines[0]);

        var data = MarketStore.Load(EmbeddedData.Locate());
        var panel = data.Panel;
        var (close, factor, volume) = (panel.Field("close"), panel.Field("factor"), panel.Field("volume"));
        var checkedRows = 0;
        foreach (var line in lines.Skip(1))
        {
            var c = line.Split(',');
            var t = data.Calendar.IndexOf(DateOnly.ParseExact(c[0], "yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.True(data.Universe!.IsMember(c[1], t), $"{c[1]} is not a member on {c[0]}");
            var i = panel.IndexOf(c[1]);
            var row = i * panel.T;
            // Keep to stocks that traded on every day of the window: suspended days are missing by the documented rule.
            if (Enumerable.Range(t - 5, 6).Any(tt => !(volume[row + tt] > 0))) continue;
            double Adj(int tt) => (double)close[row + tt] * factor[row + tt];
            var mean5 = Enumerable.Range(t - 4, 5).Average(Adj);
            Assert.Equal(mean5 / Adj(t), double.Parse(c[2], CultureInfo.InvariantCulture), 2e-6);
            Assert.Equal(Adj(t - 1), double.Parse(c[3], CultureInfo.InvariantCulture), 2e-6 * Adj(t - 1));
            checkedRows++;
        }
        Assert.True(checkedRows > 1500, $"only {checkedRows} rows checked");
    }

    [Theory]
    [InlineData("alpha999", "expression:1:1: 'alpha999' is not a field or a call")]
    [InlineData("Ref($close,-1)", "expression:1:12: Ref(..., -1) reads 1 day ahead; future references are allowed only in labels")]
    [InlineData("Mean($close,5", "expression:1:")]
    public void Bad_expressions_are_one_line_errors_and_write_nothing(string expression, string start)
    {
        using var files = new CliTempDir();
        var r = CliHarness.Run("factor", "compute", expression, "--out", files.Path_("f.csv"));
        Assert.Equal(2, r.Exit);
        var err = r.Err.TrimEnd();
        Assert.DoesNotContain('\n', err);
        Assert.StartsWith("error: " + start, err);
        Assert.Empty(files.Entries());
    }
}
