using System.Buffers.Binary;
using AlphaSharp.Common;
using AlphaSharp.Data.Qlib;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Qlib;

public sealed class QlibRoundTripTests : IDisposable
{
    private readonly string _root = QlibTestData.TempDir();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Raw_export_then_import_is_bit_identical_with_nans_late_listings_and_empty_instruments()
    {
        var data = QlibTestData.Synthetic(new Random(7));
        QlibExporter.Export(data, _root);
        var back = QlibImporter.Import(_root);

        QlibTestData.AssertBitIdentical(data.Panel, back.Panel);
        Assert.Equal(0x7FC0_0123, BitConverter.SingleToInt32Bits(back.Panel["pe_ttm", 5, 0]));
        Assert.Equal(data.Universe!.Spells, back.Universe!.Spells);
        Assert.Equal("csi300", back.Universe.Name);
        Assert.Equal("SH000300", back.Benchmark!.Symbol);
        Assert.Equal(data.Benchmark!.Close.Select(BitConverter.SingleToInt32Bits), back.Benchmark.Close.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(data.Industry, back.Industry);
        Assert.Equal("CNY", back.Units["close"]);
        Assert.Contains("synthetic test data", back.Provenance);
    }

    [Fact]
    public void Layout_follows_qlib_dump_bin()
    {
        var data = QlibTestData.Synthetic(new Random(11));
        QlibExporter.Export(data, _root);

        var calendar = File.ReadAllLines(Path.Combine(_root, "calendars", "day.txt"));
        Assert.Equal(40, calendar.Length);
        Assert.Equal("2021-03-01", calendar[0]);

        // all.txt: each instrument's data span; the empty instrument SZ000999 cannot have one, so it is absent.
        var all = File.ReadAllLines(Path.Combine(_root, "instruments", "all.txt"));
        Assert.Equal(["SH600000\t2021-03-01\t2021-04-23", "SZ000001\t2021-03-22\t2021-04-23",
            "SZ300750\t2021-03-01\t2021-04-05", "SH688001\t2021-03-04\t2021-04-22"], all);
        Assert.Contains("SH601299\t2021-03-01\t2021-04-23", File.ReadAllLines(Path.Combine(_root, "instruments", "csi300.txt")));

        // SZ000001 lists on day 15: its file starts with 15.0f, then 25 values, the first being day 15's close.
        var bytes = File.ReadAllBytes(Path.Combine(_root, "features", "sz000001", "close.day.bin"));
        Assert.Equal(4 * (1 + 25), bytes.Length);
        Assert.Equal(15f, BinaryPrimitives.ReadSingleLittleEndian(bytes));
        Assert.Equal(data.Panel["close", 15, 1], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4)));
        Assert.True(File.Exists(Path.Combine(_root, "features", "sh000300", "close.day.bin")));
        Assert.False(Directory.Exists(Path.Combine(_root, "features", "sz000999")));
    }

    [Fact]
    public void Adjusted_convention_writes_qlib_prices_and_reads_back_within_float_rounding()
    {
        var data = QlibTestData.Synthetic(new Random(3));
        QlibExporter.Export(data, _root, QlibPriceConvention.Adjusted);
        var p = data.Panel;
        var i = 0;
        var close = QlibBinFile.Read(Path.Combine(_root, "features", "sh600000", "close.day.bin"), p.T);
        var volume = QlibBinFile.Read(Path.Combine(_root, "features", "sh600000", "volume.day.bin"), p.T);
        var vwap = QlibBinFile.Read(Path.Combine(_root, "features", "sh600000", "vwap.day.bin"), p.T);
        for (var t = 0; t < p.T; t++)
        {
            double raw = p["close", t, i], f = p["factor", t, i], vol = p["volume", t, i], amt = p["amount", t, i];
            Assert.Equal((float)(raw * f), close.Values[t]);
            Assert.Equal((float)(vol / f), volume.Values[t]);
            if (vol > 0) Assert.Equal((float)(amt / vol * f), vwap.Values[t]);
            else Assert.True(float.IsNaN(vwap.Values[t]));
        }

        var back = QlibImporter.Import(_root);
        Assert.Equal(p.FieldNames, back.Panel.FieldNames); // vwap was derived for Qlib, not part of the store
        foreach (var f in new[] { "open", "high", "low", "close", "volume" })
        {
            var a = p.Field(f);
            var b = back.Panel.Field(f);
            for (var k = 0; k < a.Length; k++)
            {
                if (float.IsNaN(a[k])) { Assert.True(float.IsNaN(b[k])); continue; }
                // One float32 rounding on the way out and one on the way back: within 2 ulps.
                Assert.True(Math.Abs(a[k] - b[k]) <= 2.5e-7 * Math.Abs(a[k]), $"{f}[{k}]: {a[k]} vs {b[k]}");
            }
        }
    }

    [Fact]
    public void Export_refuses_an_existing_directory_and_leaves_no_partial_output_on_failure()
    {
        Directory.CreateDirectory(_root);
        var data = QlibTestData.Synthetic(new Random(1));
        var e = Assert.Throws<InputException>(() => QlibExporter.Export(data, _root));
        Assert.Contains("already exists", e.Message);

        var target = Path.Combine(_root, "out");
        data.Panel.SetField("bad name");
        Assert.Throws<InputException>(() => QlibExporter.Export(data, target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }
}
