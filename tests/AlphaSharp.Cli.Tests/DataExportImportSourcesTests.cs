using AlphaSharp.Data;

namespace AlphaSharp.Cli.Tests;

/// <summary>The import sources the interchange formats add to `data import`: --qlib DIR and --folder DIR --columns MAP.</summary>
[Collection(CliHarness.Name)]
public sealed class DataExportImportSourcesTests : IDisposable
{
    private readonly string _dir = CliHarness.TempDir();

    public DataExportImportSourcesTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CliHarness.Result Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void Qlib_export_then_import_qlib_rebuilds_the_same_store()
    {
        var store = Path.Combine(_dir, "store");
        MarketStore.Save(DataExportCommandTests.SmallMarket("pe_ttm"), store);
        var qlib = Path.Combine(_dir, "qlib");
        Assert.Equal(0, Run("data", "export", "--format", "qlib", "--store", store, "--out", qlib).Exit);
        var rebuilt = Path.Combine(_dir, "rebuilt");
        var r = Run("data", "import", "--qlib", qlib, "--out", rebuilt);
        Assert.True(r.Exit == 0, r.Err);
        var a = MarketStore.Load(store);
        var b = MarketStore.Load(rebuilt);
        Assert.Equal(a.Panel.FieldNames, b.Panel.FieldNames);
        foreach (var f in a.Panel.FieldNames)
            Assert.Equal(a.Panel.Field(f).Select(BitConverter.SingleToInt32Bits), b.Panel.Field(f).Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(a.Universe!.Spells, b.Universe!.Spells);
    }

    [Fact]
    public void A_qlib_calendar_out_of_order_is_one_line_and_no_store()
    {
        var qlib = Path.Combine(_dir, "qlib");
        Directory.CreateDirectory(Path.Combine(qlib, "calendars"));
        var calendar = Path.Combine(qlib, "calendars", "day.txt");
        File.WriteAllText(calendar, "2020-01-02\n2020-01-06\n2020-01-03\n");
        var outDir = Path.Combine(_dir, "store");
        var r = Run("data", "import", "--qlib", qlib, "--out", outDir);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"error: {calendar}:3: date 2020-01-03 is not after the previous date 2020-01-06; a Qlib calendar must be strictly increasing (sort it and remove duplicates)\n",
            r.Err.Replace("\r", ""));
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(["qlib"], Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    private string TushareFolder(string secondRow)
    {
        var folder = Path.Combine(_dir, "tushare");
        Directory.CreateDirectory(folder);
        const string header = "ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount\n";
        File.WriteAllText(Path.Combine(folder, "600000.SH.csv"), header +
            "600000.SH,20200103,12.47,12.60,12.40,12.47,12.45,0.02,0.1606,1000,1247.5\n" + secondRow);
        File.WriteAllText(Path.Combine(folder, "000001.SZ.csv"), header + "000001.SZ,20200102,16.65,16.95,16.55,16.87,16.45,0.42,2.5532,1530231.87,2571196.482\n");
        return folder;
    }

    [Fact]
    public void A_tushare_folder_imports_with_membership_in_shares_and_cny()
    {
        var folder = TushareFolder("");
        var membership = Path.Combine(_dir, "csi300_membership.csv");
        File.WriteAllText(membership, "symbol,start,end\nSH600000,2020-01-02,2020-01-03\nSZ000001,2020-01-02,2020-01-02\n");
        var outDir = Path.Combine(_dir, "store");
        var r = Run("data", "import", "--folder", folder, "--columns", "tushare", "--membership", membership, "--out", outDir);
        Assert.True(r.Exit == 0, r.Err);
        var p = MarketStore.Load(outDir);
        Assert.Equal(["SH600000", "SZ000001"], p.Panel.Symbols);
        Assert.Equal(100000f, p.Panel["volume", 1, 0]);       // 1000 lots
        Assert.Equal(1247500f, p.Panel["amount", 1, 0]);      // 1247.5 thousand CNY
        Assert.Equal(153023187f, p.Panel["volume", 0, 1]);
        Assert.Equal(1f, p.Panel["factor", 1, 0]);
        Assert.True(p.Universe!.IsMember("SZ000001", 0));
        Assert.False(p.Universe.IsMember("SZ000001", 1));
    }

    [Fact]
    public void Bad_folder_input_names_file_line_and_column_and_leaves_no_store()
    {
        var folder = TushareFolder("600000.SH,20200106,12.50,12.60,12.30,oops,12.47,-0.07,-0.5613,1,1\n");
        var outDir = Path.Combine(_dir, "store");
        var r = Run("data", "import", "--folder", folder, "--columns", "tushare", "--out", outDir);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"error: {Path.Combine(folder, "600000.SH.csv")}:3:6: column 'close': 'oops' is not a number\n", r.Err.Replace("\r", ""));
        Assert.False(Directory.Exists(outDir));

        r = Run("data", "import", "--folder", folder, "--columns", "date=trade_date,close=close*x", "--out", outDir);
        Assert.Equal(2, r.Exit);
        Assert.Contains("scale 'x' is not a non-zero number", r.Err);
    }
}
