using AlphaSharp.Data;

namespace AlphaSharp.Cli.Tests;

[Collection(CliHarness.Name)]
public class DataImportCommandTests
{
    private const string Bars =
        "date,symbol,open,high,low,close,volume,amount,factor\n" +
        "2021-01-04,SH600000,10.00,10.60,9.90,10.50,1000,10400,2.0\n" +
        "2021-01-04,SZ300750,300.00,312.00,298.00,310.25,500,154000,1.0\n" +
        "2021-01-05,SH600000,10.50,10.50,10.50,10.50,0,0,2.0\n" +
        "2021-01-05,SZ300750,310.00,330.00,305.00,320.00,700,224000,1.0\n";

    private static (CliTempDir Files, List<string> Args) Inputs(string bars = Bars)
    {
        var files = new CliTempDir();
        var args = new List<string>
        {
            "data", "import",
            "--bars", files.Gzip("bars.csv.gz", bars),
            "--fields", files.Text("valuation.csv", "date,symbol,pb\n2021-01-04,SH600000,1.25\n2021-01-05,SZ300750,\n2021-01-05,SZ000002,3\n"),
            "--membership", files.Text("csi_membership.csv", "symbol,start,end\nSH600000,2021-01-04,2021-01-05\nSZ000002,2021-01-04,2021-01-05\n"),
            "--benchmark", files.Text("bench.csv", "date,symbol,open,high,low,close,volume\n2021-01-04,SH000300,1,2,0.5,1.5,9\n2021-01-05,SH000300,1.5,2,1,1.75,8\n"),
            "--industry", files.Text("industry.csv", "symbol,industry\nSH600000,银行\nSZ300750,电池\n"),
        };
        return (files, args);
    }

    [Fact]
    public void Imports_every_input_into_a_store_that_loads_back()
    {
        var (files, args) = Inputs();
        using (files)
        {
            var store = files.Path_("store");
            var r = CliHarness.Run([.. args, "--out", store]);
            Assert.True(r.Exit == 0, r.Err);
            Assert.Contains("2 instruments x 2 trading days (2021-01-04..2021-01-05)", r.Out);
            Assert.Contains("1 rows not joined (1 for 1 symbols without price data", r.Out);
            Assert.Contains("2 members of which 1 have no price data", r.Out);
            var data = MarketStore.Load(store);
            Assert.Equal(["SH600000", "SZ300750"], data.Panel.Symbols);
            Assert.Equal(10.50f, data.Panel["close", 1, 0]);
            Assert.Equal(1.25f, data.Panel["pb", 0, 0]);
            Assert.True(float.IsNaN(data.Panel["pb", 1, 1]));
            Assert.Equal([2, 2], new[] { data.Universe!.CountOn(0), data.Universe.CountOn(1) });
            Assert.Equal(1.75f, data.Benchmark!.Close[1]);
            Assert.Equal("电池", data.Industry["SZ300750"]);
            Assert.Equal("shares", data.Units["volume"]);
        }
    }

    [Fact]
    public void Fields_option_repeats_and_each_file_joins_its_own_columns()
    {
        var (files, args) = Inputs();
        using (files)
        {
            var store = files.Path_("store");
            var second = files.Text("more.csv", "date,symbol,turnover\n2021-01-05,SH600000,0.5\n");
            var r = CliHarness.Run([.. args, "--fields", second, "--out", store]);
            Assert.True(r.Exit == 0, r.Err);
            var data = MarketStore.Load(store);
            Assert.Equal(["open", "high", "low", "close", "volume", "amount", "factor", "pb", "turnover"], data.Panel.FieldNames);
            Assert.Equal(0.5f, data.Panel["turnover", 1, 0]);
            Assert.Equal("percent", data.Units["turnover"]);
        }
    }

    /// <summary>Runs an import that must fail: exit 2, one line on stderr, and no output directory or temporary left.</summary>
    private static string FailingImport(CliTempDir files, List<string> args)
    {
        var before = files.Entries();
        var r = CliHarness.Run([.. args, "--out", files.Path_("store")]);
        Assert.Equal(2, r.Exit);
        var err = r.Err.TrimEnd('\r', '\n');
        Assert.DoesNotContain('\n', err);
        Assert.StartsWith("error: ", err);
        Assert.Equal(before, files.Entries());
        return err["error: ".Length..];
    }

    [Fact]
    public void Text_in_a_numeric_column()
    {
        var (files, args) = Inputs(Bars.Replace("320.00,700", "320.00,lots"));
        using (files)
            Assert.Equal($"{files.Path_("bars.csv.gz")}:5: column 7 (volume): 'lots' is not a number", FailingImport(files, args));
    }

    [Fact]
    public void Missing_required_column()
    {
        var (files, args) = Inputs(Bars.Replace("date,symbol,", "date,ticker,"));
        using (files)
            Assert.StartsWith($"{files.Path_("bars.csv.gz")}:1: missing required column 'symbol'", FailingImport(files, args));
    }

    [Fact]
    public void Duplicate_row()
    {
        var (files, args) = Inputs(Bars + "2021-01-04,SZ300750,1,1,1,1,1,1,1\n");
        using (files)
            Assert.Equal($"{files.Path_("bars.csv.gz")}:6: duplicate row for (2021-01-04, SZ300750), first seen at line 3", FailingImport(files, args));
    }

    [Fact]
    public void Empty_file()
    {
        var (files, args) = Inputs();
        using (files)
        {
            args[args.IndexOf("--bars") + 1] = files.Text("empty.csv", "");
            Assert.Equal($"{files.Path_("empty.csv")}: empty file, expected a header line", FailingImport(files, args));
        }
    }

    [Fact]
    public void Truncated_gzip()
    {
        var sb = new System.Text.StringBuilder(Bars);
        var rng = new Random(1);
        for (var k = 0; k < 20_000; k++) sb.Append($"2021-01-06,SZ{k:000000},{rng.NextDouble():F4},1,1,1,1,1,1\n");
        var (files, args) = Inputs(sb.ToString());
        using (files)
        {
            var path = files.Path_("bars.csv.gz");
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
            Assert.StartsWith($"{path}: truncated or corrupt gzip", FailingImport(files, args));
        }
    }

    [Fact]
    public void Malformed_symbol_in_membership()
    {
        var (files, args) = Inputs();
        using (files)
        {
            args[args.IndexOf("--membership") + 1] = files.Text("bad_membership.csv", "symbol,start,end\nSH600000,2021-01-04,2021-01-05\nAAPL,2021-01-04,2021-01-05\n");
            Assert.Equal($"{files.Path_("bad_membership.csv")}:3: column 1 (symbol): 'AAPL' is not a symbol, expected SH, SZ or BJ plus 6 digits (SH600000)",
                FailingImport(files, args));
        }
    }

    [Fact]
    public void Existing_store_directory_is_refused_and_kept()
    {
        var (files, args) = Inputs();
        using (files)
        {
            Directory.CreateDirectory(files.Path_("store"));
            File.WriteAllText(Path.Combine(files.Path_("store"), "mine.txt"), "keep");
            Assert.Equal($"{files.Path_("store")}: already exists; choose a new output directory or delete this one first", FailingImport(files, args));
            Assert.Equal("keep", File.ReadAllText(Path.Combine(files.Path_("store"), "mine.txt")));
        }
    }

    [Fact]
    public void No_input_source_is_a_usage_error()
    {
        using var files = new CliTempDir();
        var r = CliHarness.Run("data", "import", "--out", files.Path_("store"));
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("error: data import: give exactly one input source (--bars", r.Err);
        Assert.Empty(files.Entries());
    }

    [Fact]
    public void An_option_of_another_source_is_an_error_not_ignored()
    {
        var (files, args) = Inputs();
        using (files)
            Assert.Equal("data import: --columns does not apply to --bars input; drop it or use the source it belongs to",
                FailingImport(files, [.. args, "--columns", "tushare"]));
    }

    [Fact]
    public void Help_lists_the_options()
    {
        var r = CliHarness.Run("data", "import", "--help");
        Assert.Equal(0, r.Exit);
        foreach (var option in new[] { "--bars", "--fields", "--membership", "--benchmark", "--industry", "--out" })
            Assert.Contains(option, r.Out);
    }
}
