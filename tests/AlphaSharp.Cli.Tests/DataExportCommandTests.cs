using AlphaSharp.Data.Qlib;
using AlphaSharp.Data;

namespace AlphaSharp.Cli.Tests;

[Collection(CliHarness.Name)]
public sealed class DataExportCommandTests : IDisposable
{
    private readonly string _dir = CliHarness.TempDir();
    private readonly string _store;

    public DataExportCommandTests()
    {
        Directory.CreateDirectory(_dir);
        _store = Path.Combine(_dir, "store");
        MarketStore.Save(SmallMarket("pe_ttm"), _store);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CliHarness.Result Run(params string[] args) => CliHarness.Run(args);

    /// <summary>Three stocks over ten days: one lists on day 3, one has a missing value, plus an extra field.</summary>
    internal static MarketData SmallMarket(string extraField)
    {
        var days = Enumerable.Range(0, 14).Select(d => new DateOnly(2021, 6, 1).AddDays(d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToArray();
        var calendar = new Calendar(days);
        string[] symbols = ["SH600000", "SZ000001", "SZ300750"];
        var panel = new Panel(calendar, symbols);
        foreach (var f in new[] { "open", "high", "low", "close", "volume", "amount", "factor", extraField }) panel.SetField(f);
        for (var i = 0; i < 3; i++)
            for (var t = i == 2 ? 3 : 0; t < calendar.Count; t++)
            {
                var c = 10.01f + i + 0.13f * t;
                panel["open", t, i] = c - 0.02f;
                panel["high", t, i] = c + 0.11f;
                panel["low", t, i] = c - 0.07f;
                panel["close", t, i] = c;
                panel["volume", t, i] = 1000 + 17 * t;
                panel["amount", t, i] = panel["volume", t, i] * c;
                panel["factor", t, i] = 1.25f + 0.5f * i;
                if (t % 4 != 1) panel[extraField, t, i] = 3.3f * t - i;
            }
        panel["amount", 5, 1] = float.NaN;
        var data = new MarketData(panel)
        {
            Universe = new Universe("csi300", calendar,
                [new MembershipSpell("SH600000", days[0], days[^1]), new MembershipSpell("SZ300750", days[4], days[^1])]),
        };
        return data;
    }

    private static void AssertSameBits(Panel a, Panel b)
    {
        Assert.Equal(a.Symbols, b.Symbols);
        Assert.Equal(a.Calendar.Days, b.Calendar.Days);
        Assert.Equal(a.FieldNames, b.FieldNames);
        foreach (var f in a.FieldNames)
            Assert.Equal(a.Field(f).Select(BitConverter.SingleToInt32Bits), b.Field(f).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Qlib_export_then_import_gives_the_stores_float32_bits()
    {
        var outDir = Path.Combine(_dir, "qlib");
        var r = Run("data", "export", "--format", "qlib", "--store", _store, "--out", outDir);
        Assert.Equal(0, r.Exit);
        Assert.Equal("", r.Err);
        Assert.Contains("3 instruments, 10 days, 8 fields, raw prices", r.Out);
        var stored = MarketStore.Load(_store);
        var back = QlibImporter.Import(outDir);
        AssertSameBits(stored.Panel, back.Panel);
        Assert.Equal(stored.Universe!.Spells, back.Universe!.Spells);
    }

    [Fact]
    public void Qlib_adjusted_prices_follow_qlibs_convention()
    {
        var outDir = Path.Combine(_dir, "qlib-adj");
        Assert.Equal(0, Run("data", "export", "--format", "qlib", "--store", _store, "--out", outDir, "--qlib-prices", "adjusted").Exit);
        var stored = MarketStore.Load(_store).Panel;
        var close = QlibBinFile.Read(Path.Combine(outDir, "features", "sz000001", "close.day.bin"), stored.T);
        var volume = QlibBinFile.Read(Path.Combine(outDir, "features", "sz000001", "volume.day.bin"), stored.T);
        for (var t = 0; t < stored.T; t++)
        {
            Assert.Equal((float)((double)stored["close", t, 1] * stored["factor", t, 1]), close.Values[t]);
            Assert.Equal((float)((double)stored["volume", t, 1] / stored["factor", t, 1]), volume.Values[t]);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "features", "sz000001", "vwap.day.bin")));
    }

    [Fact]
    public void Csv_export_writes_gzipped_long_files_that_read_back_exactly()
    {
        var outDir = Path.Combine(_dir, "csv");
        var r = Run("data", "export", "--format", "csv", "--store", _store, "--out", outDir, "--gzip");
        Assert.Equal(0, r.Exit);
        Assert.Equal(["bars.csv.gz", "csi300_membership.csv", "fields.csv.gz"],
            Directory.EnumerateFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"alphasharp data import --bars {Path.Combine(outDir, "bars.csv.gz")} --fields {Path.Combine(outDir, "fields.csv.gz")} " +
                        $"--membership {Path.Combine(outDir, "csi300_membership.csv")} --out NEW_STORE", r.Out);
        var stored = MarketStore.Load(_store).Panel;
        var bars = LongTable.Read(Path.Combine(outDir, "bars.csv.gz"));
        Assert.Equal(["open", "high", "low", "close", "volume", "amount", "factor"], bars.Fields);
        Assert.Equal(10 + 10 + 7, bars.RowCount);
        var close = bars.Columns[bars.FieldIndex("close")];
        var expected = new List<float>();
        for (var t = 0; t < stored.T; t++)
            for (var i = 0; i < stored.N; i++)
                if (!float.IsNaN(stored["close", t, i])) expected.Add(stored["close", t, i]);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), close.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Csv_export_then_data_import_rebuilds_the_same_store()
    {
        var outDir = Path.Combine(_dir, "csv-plain");
        Assert.Equal(0, Run("data", "export", "--format", "csv", "--store", _store, "--out", outDir).Exit);
        var rebuilt = Path.Combine(_dir, "rebuilt");
        var r = Run("data", "import", "--bars", Path.Combine(outDir, "bars.csv"), "--fields", Path.Combine(outDir, "fields.csv"),
            "--membership", Path.Combine(outDir, "csi300_membership.csv"), "--out", rebuilt);
        Assert.True(r.Exit == 0, r.Err);
        var a = MarketStore.Load(_store);
        var b = MarketStore.Load(rebuilt);
        AssertSameBits(a.Panel, b.Panel);
        Assert.Equal("csi300", b.Universe!.Name);
        Assert.Equal(a.Universe!.Spells, b.Universe.Spells);
    }

    [Fact]
    public void An_existing_out_directory_is_refused_and_left_alone()
    {
        var outDir = Path.Combine(_dir, "exists");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "mine");
        foreach (var format in new[] { "qlib", "csv" })
        {
            var r = Run("data", "export", "--format", format, "--store", _store, "--out", outDir);
            Assert.Equal(2, r.Exit);
            Assert.Equal($"error: {outDir}: already exists; choose a new output directory (nothing was overwritten)\n", r.Err.Replace("\r", ""));
        }
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(outDir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_export_leaves_nothing_behind()
    {
        var store = Path.Combine(_dir, "odd-store");
        MarketStore.Save(SmallMarket("pe-ttm"), store); // a hyphen cannot be a Qlib feature name
        var parent = Path.Combine(_dir, "exports");
        Directory.CreateDirectory(parent);
        var r = Run("data", "export", "--format", "qlib", "--store", store, "--out", Path.Combine(parent, "q"));
        Assert.Equal(2, r.Exit);
        Assert.Equal("error: qlib export: field 'pe-ttm' cannot be a Qlib feature name (use letters, digits and '_')\n", r.Err.Replace("\r", ""));
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }

    [Fact]
    public void Options_that_do_not_fit_the_format_are_refused()
    {
        var r = Run("data", "export", "--format", "qlib", "--store", _store, "--out", Path.Combine(_dir, "x"), "--gzip");
        Assert.Equal(2, r.Exit);
        Assert.Contains("--gzip applies to --format csv", r.Err);
        r = Run("data", "export", "--format", "csv", "--store", _store, "--out", Path.Combine(_dir, "y"), "--qlib-prices", "adjusted");
        Assert.Equal(2, r.Exit);
        Assert.Contains("--qlib-prices applies to --format qlib", r.Err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "y")));
        Assert.NotEqual(0, Run("data", "export", "--format", "parquet", "--out", Path.Combine(_dir, "z")).Exit);
    }

    [Fact]
    public void Help_explains_the_qlib_price_conventions()
    {
        var r = Run("data", "export", "--help");
        Assert.Equal(0, r.Exit);
        Assert.Contains("--qlib-prices", r.Out);
        Assert.Contains("$close / $factor", r.Out);
    }
}
