using AlphaSharp.Data.Qlib;

namespace AlphaSharp.Tests.Data.Qlib;

/// <summary>
/// The cut of a public dump_bin tree in ../shared/data/qlib_cn_sample (see its README): upper- and lower-case folders,
/// an index listed among the stocks, adjusted prices with raw share volume. Expected values are the .bin files read here.
/// </summary>
public sealed class QlibSampleTreeTests
{
    private static readonly Lazy<QlibImport> Sample = new(() => QlibImporter.Read(SampleDir()));

    internal static string SampleDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "qlib_cn_sample");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"shared/data/qlib_cn_sample not found above {AppContext.BaseDirectory}");
    }

    private static string Bin(string folder, string field) => Path.Combine(SampleDir(), "features", folder, field + ".day.bin");

    [Theory]
    [InlineData("SH600000", "SH600000")]
    [InlineData("SH600036", "sh600036")]
    [InlineData("SH600519", "SH600519")]
    [InlineData("SH601318", "SH601318")]
    [InlineData("SH688981", "SH688981")]
    [InlineData("SZ000001", "SZ000001")]
    [InlineData("SZ000002", "sz000002")]
    [InlineData("SZ300750", "SZ300750")]
    public void Every_spot_value_is_the_bin_file_read_directly(string symbol, string folder)
    {
        var p = Sample.Value.Data.Panel;
        var i = p.IndexOf(symbol);
        var (start, close) = QlibTree.ReadBin(Bin(folder, "close"));
        var (vStart, volume) = QlibTree.ReadBin(Bin(folder, "volume"));
        var (fStart, factor) = QlibTree.ReadBin(Bin(folder, "factor"));
        Assert.Equal(start, vStart);
        Assert.Equal(start, fStart);
        Assert.Equal(p.T, start + close.Length);
        var n = close.Length;
        foreach (var k in new[] { 0, 1, n / 3, n / 2, 2 * n / 3, n - 2, n - 1 })
        {
            var t = start + k;
            // This source's prices are adjusted (raw x factor) and its volume raw shares, taken as they are.
            Assert.Equal((float)((double)close[k] / factor[k]), p["close", t, i]);
            Assert.Equal(volume[k], p["volume", t, i]);
            Assert.Equal(factor[k], p["factor", t, i]);
        }
        for (var t = 0; t < start; t++) Assert.True(float.IsNaN(p["close", t, i]), $"{symbol} has a close before its first day {start}");
    }

    [Fact]
    public void A_late_listing_starts_on_its_first_calendar_day()
    {
        var p = Sample.Value.Data.Panel;
        var (start, close) = QlibTree.ReadBin(Bin("SH688981", "close"));
        Assert.Equal(2559, start);
        Assert.Equal(new DateOnly(2020, 7, 16), p.Calendar[start]);
        Assert.True(float.IsNaN(p["close", start - 1, p.IndexOf("SH688981")]));
        Assert.Equal(close[0], p["close", start, p.IndexOf("SH688981")]); // factor 1 on the listing day
    }

    [Fact]
    public void The_index_is_the_benchmark_and_not_a_stock()
    {
        var data = Sample.Value.Data;
        Assert.Equal(["SH600000", "SH600036", "SH600519", "SH601318", "SH688981", "SZ000001", "SZ000002", "SZ300750"], data.Panel.Symbols);
        Assert.False(data.Panel.TryIndexOf("SH000300", out _));
        Assert.Equal("SH000300", data.Benchmark!.Symbol);
        var (start, close) = QlibTree.ReadBin(Bin("SH000300", "close"));
        var (_, volume) = QlibTree.ReadBin(Bin("SH000300", "volume"));
        foreach (var k in new[] { 0, 1000, close.Length - 1 })
        {
            Assert.Equal(close[k], data.Benchmark.Close[start + k]);
            Assert.Equal(volume[k], data.Benchmark.Volume[start + k]);
        }
        Assert.Equal("csi300", data.Universe!.Name);
    }

    [Fact]
    public void Findings_name_the_upper_case_folders_and_the_volume_convention_comes_from_the_data()
    {
        var import = Sample.Value;
        var features = Path.Combine(SampleDir(), "features");
        Assert.Equal([$"{features}: 7 folders (SH000300, SH600000, SH600519, SH601318, SH688981, ...) are not named in Qlib's lower case; read whatever the case"],
            import.Findings);
        Assert.Contains(import.Data.Provenance, l => l.StartsWith("volume convention: raw, found from the data: ", StringComparison.Ordinal));
        Assert.Contains(import.Data.Provenance, l => l.Contains("(adjusted prices, raw volume; 8 of 8 instruments with prices, benchmark SH000300)"));
    }

    [Fact]
    public void Adjusted_volume_multiplies_the_stored_volume_by_the_factor()
    {
        var adjusted = QlibImporter.Read(SampleDir(), new QlibImportOptions { Volume = QlibVolumeConvention.Adjusted });
        var p = adjusted.Data.Panel;
        var i = p.IndexOf("SH600519");
        var (_, volume) = QlibTree.ReadBin(Bin("SH600519", "volume"));
        var (_, factor) = QlibTree.ReadBin(Bin("SH600519", "factor"));
        Assert.Equal((float)((double)volume[^1] * factor[^1]), p["volume", p.T - 1, i]);
        Assert.Contains(adjusted.Findings, f => f.StartsWith("volume convention is set to adjusted but the data look raw: ", StringComparison.Ordinal));
    }
}
