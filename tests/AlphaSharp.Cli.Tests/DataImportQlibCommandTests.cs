using AlphaSharp.Data;

namespace AlphaSharp.Cli.Tests;

/// <summary>`data import --qlib`: findings printed with exit 0, a tree without prices refused with exit 2 and nothing written.</summary>
[Collection(CliHarness.Name)]
public class DataImportQlibCommandTests
{
    private static string SampleDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "qlib_cn_sample");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"shared/data/qlib_cn_sample not found above {AppContext.BaseDirectory}");
    }

    /// <summary>A two-day tree: calendar, all.txt and csi300.txt listing <paramref name="listed"/>, and the given field files.</summary>
    private static string Tree(CliTempDir files, string[] listed, params (string Folder, string Field, float[] Values)[] bins)
    {
        var root = files.Path_("qlib");
        Directory.CreateDirectory(Path.Combine(root, "calendars"));
        Directory.CreateDirectory(Path.Combine(root, "instruments"));
        File.WriteAllText(Path.Combine(root, "calendars", "day.txt"), "2021-01-04\n2021-01-05\n");
        var lines = string.Concat(listed.Select(s => $"{s}\t2021-01-04\t2021-01-05\n"));
        File.WriteAllText(Path.Combine(root, "instruments", "all.txt"), lines);
        File.WriteAllText(Path.Combine(root, "instruments", "csi300.txt"), lines);
        foreach (var (folder, field, values) in bins)
        {
            Directory.CreateDirectory(Path.Combine(root, "features", folder));
            using var w = new BinaryWriter(File.Create(Path.Combine(root, "features", folder, field + ".day.bin")));
            w.Write(0f);
            foreach (var v in values) w.Write(v);
        }
        return root;
    }

    [Fact]
    public void The_sample_tree_imports_with_its_findings_printed()
    {
        using var files = new CliTempDir();
        var store = files.Path_("store");
        var r = CliHarness.Run("data", "import", "--qlib", SampleDir(), "--out", store);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains($"warning: {Path.Combine(SampleDir(), "features")}: 7 folders (SH000300, SH600000, SH600519, SH601318, SH688981, ...) are not named in Qlib's lower case", r.Out);
        Assert.Contains("8 instruments x 3,159 trading days (2010-01-04..2022-12-30)", r.Out);
        Assert.Contains("volume convention: raw, found from the data", r.Out);
        var data = MarketStore.Load(store);
        Assert.Equal("SH000300", data.Benchmark!.Symbol);
        Assert.False(data.Panel.TryIndexOf("SH000300", out _));
    }

    [Fact]
    public void A_contradicted_volume_convention_is_a_printed_warning()
    {
        using var files = new CliTempDir();
        var r = CliHarness.Run("data", "import", "--qlib", SampleDir(), "--qlib-volume", "adjusted", "--benchmark-symbol", "sh000300", "--out", files.Path_("store"));
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("warning: volume convention is set to adjusted but the data look raw: ", r.Out);
        Assert.Equal("SH000300", MarketStore.Load(files.Path_("store")).Benchmark!.Symbol);
    }

    [Fact]
    public void A_listed_instrument_without_a_folder_is_printed_and_counted_without_price_data()
    {
        using var files = new CliTempDir();
        var root = Tree(files, ["SH600000", "SZ000001"], ("SH600000", "close", [10f, 10.5f]), ("SH600000", "volume", [100f, 200f]));
        var store = files.Path_("store");
        var r = CliHarness.Run("data", "import", "--qlib", root, "--out", store);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains($"warning: {Path.Combine(root, "features")}: no folder for SZ000001 listed in {Path.Combine(root, "instruments", "all.txt")}; it is kept without data", r.Out);
        var info = CliHarness.Run("data", "info", "--store", store);
        Assert.True(info.Exit == 0, info.Err);
        Assert.Contains("2 members over the period, 1 with price data, 1 without", info.Out);
    }

    [Fact]
    public void A_tree_without_prices_exits_2_with_one_line_and_writes_nothing()
    {
        using var files = new CliTempDir();
        var root = Tree(files, ["SH600000", "SZ000001"], ("SH600000", "volume", [100f, 200f]), ("SZ000001", "volume", [1f, 2f]));
        var before = files.Entries();
        var r = CliHarness.Run("data", "import", "--qlib", root, "--out", files.Path_("store"));
        Assert.Equal(2, r.Exit);
        var err = r.Err.TrimEnd('\r', '\n');
        Assert.DoesNotContain('\n', err);
        Assert.Equal($"error: {Path.Combine(root, "features")}: none of the 2 instruments in {Path.Combine(root, "instruments", "all.txt")} has an open, high, low or close value " +
                     "(2 have a folder); a store needs prices, check features/<symbol>/close.day.bin", err);
        Assert.Equal(before, files.Entries());
        Assert.False(Directory.Exists(files.Path_("store")));
    }

    [Fact]
    public void Qlib_options_do_not_apply_to_other_sources()
    {
        using var files = new CliTempDir();
        var bars = files.Text("bars.csv", "date,symbol,close\n2021-01-04,SH600000,1\n");
        var r = CliHarness.Run("data", "import", "--bars", bars, "--benchmark-symbol", "SH000300", "--out", files.Path_("store"));
        Assert.Equal(2, r.Exit);
        Assert.Equal("error: data import: --benchmark-symbol does not apply to --bars input; drop it or use the source it belongs to", r.Err.TrimEnd('\r', '\n'));
    }
}
