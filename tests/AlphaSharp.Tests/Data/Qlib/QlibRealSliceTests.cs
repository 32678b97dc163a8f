using AlphaSharp.Data.Qlib;
using AlphaSharp.Data.Validation;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Qlib;

/// <summary>
/// A real slice of the CSI 300 data (7 stocks, 2012-09-03..2012-11-30: a long suspension ending in SZ000156's +621 %
/// resumption, a listing mid-window, partial valuation fields) and the Qlib directory pandas/numpy wrote for it the way
/// Qlib's dump_bin.py does (tests/fixtures/qlib/make_fixture.py).
/// </summary>
public sealed class QlibRealSliceTests : IDisposable
{
    private readonly string _root = QlibTestData.TempDir();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    internal static string FixtureDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "qlib");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/fixtures/qlib not found above {AppContext.BaseDirectory}");
    }

    internal static MarketData Slice()
    {
        var dir = FixtureDir();
        var panel = LongTablePanel.ToPanel(LongTable.Read(Path.Combine(dir, "slice.csv")));
        var spells = File.ReadAllLines(Path.Combine(dir, "membership.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => new MembershipSpell(c[0], DateOnly.Parse(c[1]), DateOnly.Parse(c[2])));
        return new MarketData(panel) { Universe = new Universe("csi300", panel.Calendar, spells) };
    }

    [Fact]
    public void Raw_export_then_import_of_real_data_is_bit_identical()
    {
        var data = Slice();
        Assert.Equal(["open", "high", "low", "close", "volume", "amount", "factor", "pe_ttm", "pb"], data.Panel.FieldNames);
        QlibExporter.Export(data, _root);
        var back = QlibImporter.Import(_root);
        QlibTestData.AssertBitIdentical(data.Panel, back.Panel);
        Assert.Equal(data.Universe!.Spells, back.Universe!.Spells);
    }

    [Fact]
    public void Adjusted_export_matches_the_bytes_dump_bin_writes()
    {
        QlibExporter.Export(Slice(), _root, QlibPriceConvention.Adjusted);
        var reference = Path.Combine(FixtureDir(), "qlib_adjusted");
        foreach (var file in new[] { "calendars/day.txt", "instruments/all.txt", "instruments/csi300.txt" })
            Assert.Equal(File.ReadAllText(Path.Combine(reference, file)), File.ReadAllText(Path.Combine(_root, file)));
        var compared = 0;
        foreach (var expected in Directory.EnumerateFiles(Path.Combine(reference, "features"), "*.bin", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(reference, expected);
            Assert.True(File.Exists(Path.Combine(_root, relative)), $"{relative} not exported");
            // Same bits, except that numpy's NaN is 0x7FC00000 and .NET's float.NaN 0xFFC00000: any NaN is missing.
            var want = QlibBinFile.Read(expected, 60);
            var got = QlibBinFile.Read(Path.Combine(_root, relative), 60);
            Assert.Equal(want.Start, got.Start);
            Assert.Equal(want.Values.Length, got.Values.Length);
            for (var k = 0; k < want.Values.Length; k++)
                Assert.True(float.IsNaN(want.Values[k]) ? float.IsNaN(got.Values[k])
                    : BitConverter.SingleToInt32Bits(want.Values[k]) == BitConverter.SingleToInt32Bits(got.Values[k]),
                    $"{relative}[{k}]: {want.Values[k]} vs {got.Values[k]}");
            compared++;
        }
        Assert.Equal(7 * 10, compared);
    }

    [Fact]
    public void A_qlib_made_directory_reads_back_to_the_raw_prices()
    {
        var raw = Slice().Panel;
        var data = QlibImporter.Import(Path.Combine(FixtureDir(), "qlib_adjusted"));
        var p = data.Panel;
        Assert.Equal(raw.Symbols, p.Symbols);
        Assert.Equal(raw.Calendar.Days, p.Calendar.Days);
        foreach (var f in raw.FieldNames)
        {
            var a = raw.Field(f);
            var b = p.Field(f);
            for (var k = 0; k < a.Length; k++)
                if (float.IsNaN(a[k])) Assert.True(float.IsNaN(b[k]), $"{f}[{k}]");
                else Assert.True(Math.Abs(a[k] - b[k]) <= 2.5e-7 * Math.Abs(a[k]), $"{f}[{k}]: {a[k]} vs {b[k]}");
        }
        // Qlib's vwap is a price: read back unadjusted, amount / volume.
        var i = p.IndexOf("SZ000156");
        var t = p.Calendar.IndexOf(new DateOnly(2012, 10, 19));
        Assert.Equal(429241292.0 / 31664808.0, p["vwap", t, i], 4);

        var report = MarketValidator.Validate(data, "fixture");
        Assert.StartsWith("SZ000156 2012-10-19: +621.0 % adjusted, from 1.25 to 14.42 raw",
            report[ResumptionMoveCheck.Id].Examples[0].Text);
    }
}
