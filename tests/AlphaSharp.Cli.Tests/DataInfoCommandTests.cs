using AlphaSharp.Data;

namespace AlphaSharp.Cli.Tests;

[Collection(CliHarness.Name)]
public class DataInfoCommandTests
{
    [Fact]
    public void Shipped_store_is_found_and_described()
    {
        // No --store: the store in data/cn_csi300 is found by walking up from the test binaries.
        var r = CliHarness.Run("data", "info");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("instruments    696", r.Out);
        Assert.Contains("trading days   2917 (2011-01-04..2022-12-30)", r.Out);
        Assert.Contains("csi300: members per day min 300, max 300; 732 members over the period, 696 with price data, 36 without", r.Out);
        Assert.Contains("benchmark      SH000300, 2917 of 2917 days", r.Out);
        // industry.csv maps all 696 instruments; 18 members (all among the 36 without prices) have no mapping.
        Assert.Contains("industry       714 symbols, 99 industries (snapshot, not point-in-time); 0 instruments unmapped, 18 index members unmapped", r.Out);
        // Coverage rows, against pandas' member-day counts: close 837,789 / 875,100; pe_ttm 407,018 / 875,100.
        Assert.Matches(@"close\s+│\s+CNY \(raw\)\s+│\s+95\.74 %", r.Out);
        Assert.Matches(@"pe_ttm\s+│\s+ratio\s+│\s+46\.51 %", r.Out);
        foreach (var field in new[] { "open", "high", "low", "volume", "amount", "factor", "pb", "ps_ttm", "total_mv", "float_mv", "float_share", "turnover" })
            Assert.Matches($@"│ {field}\s+│", r.Out);
    }

    [Fact]
    public void Given_store_is_used_and_a_missing_one_is_one_line()
    {
        using var files = new CliTempDir();
        var calendar = new Calendar([new DateOnly(2021, 1, 4), new DateOnly(2021, 1, 5)]);
        var panel = new Panel(calendar, ["SH600000"]);
        panel.SetField("close", [1f, float.NaN]);
        var store = files.Path_("store");
        MarketStore.Save(new MarketData(panel), store);
        var r = CliHarness.Run("data", "info", "--store", store);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("instruments    1", r.Out);
        Assert.Contains("universe       none", r.Out);
        Assert.Matches(@"close\s+│\s+│\s+50\.00 %", r.Out);

        var missing = files.Path_("nope");
        r = CliHarness.Run("data", "info", "--store", missing);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"error: {missing}: no such store directory", r.Err.TrimEnd());
    }

    [Fact]
    public void Environment_variable_overrides_the_search()
    {
        var previous = Environment.GetEnvironmentVariable(EmbeddedData.EnvironmentVariable);
        using var files = new CliTempDir();
        try
        {
            Environment.SetEnvironmentVariable(EmbeddedData.EnvironmentVariable, files.Dir);
            var r = CliHarness.Run("data", "info");
            Assert.Equal(2, r.Exit);
            Assert.Equal($"error: {EmbeddedData.EnvironmentVariable}={files.Dir}: no manifest.json there; point it at a store directory or unset it", r.Err.TrimEnd());
        }
        finally
        {
            Environment.SetEnvironmentVariable(EmbeddedData.EnvironmentVariable, previous);
        }
    }
}
