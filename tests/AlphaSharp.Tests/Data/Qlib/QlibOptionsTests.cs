using AlphaSharp.Common;
using AlphaSharp.Data.Qlib;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Qlib;

/// <summary>Choices a Qlib directory leaves open: which instruments file is the universe, which instrument is the benchmark, the price convention.</summary>
public sealed class QlibOptionsTests : IDisposable
{
    private readonly string _root = QlibTestData.TempDir();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private void Export(QlibPriceConvention prices = QlibPriceConvention.Raw) =>
        QlibExporter.Export(QlibTestData.Synthetic(new Random(2)), _root, prices);

    [Fact]
    public void Without_the_manifest_the_directory_is_read_as_qlib_wrote_it()
    {
        Export(QlibPriceConvention.Adjusted);
        File.Delete(Path.Combine(_root, QlibManifest.FileName));
        var data = QlibImporter.Import(_root);
        // Fields come from the files, in the usual order; vwap is Qlib's, so it stays (as a raw price).
        Assert.Equal(["open", "high", "low", "close", "volume", "amount", "factor", "pe_ttm", "vwap"], data.Panel.FieldNames);
        // The instrument with no data is unknown to all.txt, so it is not in the panel.
        Assert.Equal(["SH600000", "SZ000001", "SZ300750", "SH688001"], data.Panel.Symbols);
        Assert.Equal("SH000300", data.Benchmark!.Symbol);
        var orig = QlibTestData.Synthetic(new Random(2)).Panel;
        var t = 7;
        var vwap = data.Panel["vwap", t, 0];
        Assert.Equal(orig["amount", t, 0] / orig["volume", t, 0], vwap, 1e-3);
    }

    [Fact]
    public void Options_override_the_manifest()
    {
        Export();
        // Read a raw export as if it were adjusted: prices are divided by the factor.
        var asAdjusted = QlibImporter.Import(_root, new QlibImportOptions { Prices = QlibPriceConvention.Adjusted });
        var orig = QlibTestData.Synthetic(new Random(2)).Panel;
        Assert.Equal(orig["close", 3, 0] / orig["factor", 3, 0], asAdjusted.Panel["close", 3, 0], 1e-4);

        var err = Assert.Throws<InputException>(() => QlibImporter.Import(_root, new QlibImportOptions { Universe = "csi500" }));
        Assert.Contains("csi500.txt: file not found", err.Message);
    }

    [Fact]
    public void A_missing_field_file_is_an_error_for_our_exports_but_not_for_qlib_ones()
    {
        Export();
        var path = Path.Combine(_root, "features", "sz000001", "pe_ttm.day.bin");
        File.Delete(path);
        var e = Assert.Throws<InputException>(() => QlibImporter.Import(_root));
        Assert.StartsWith($"{path}: file not found, though ", e.Message);

        File.Delete(Path.Combine(_root, QlibManifest.FileName));
        var data = QlibImporter.Import(_root, new QlibImportOptions { Prices = QlibPriceConvention.Raw });
        Assert.All(data.Panel.Series("pe_ttm", data.Panel.IndexOf("SZ000001")).ToArray(), v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void The_universe_is_csi300_or_the_only_index_file_and_none_when_ambiguous()
    {
        Export();
        File.Delete(Path.Combine(_root, QlibManifest.FileName));
        var inst = Path.Combine(_root, "instruments");
        File.Move(Path.Combine(inst, "csi300.txt"), Path.Combine(inst, "csi500.txt"));
        Assert.Equal("csi500", QlibImporter.Import(_root).Universe!.Name);
        File.Copy(Path.Combine(inst, "csi500.txt"), Path.Combine(inst, "csi100.txt"));
        Assert.Null(QlibImporter.Import(_root).Universe);
        Assert.Equal("csi100", QlibImporter.Import(_root, new QlibImportOptions { Universe = "csi100" }).Universe!.Name);
    }

    [Fact]
    public void A_manifest_that_is_not_ours_or_is_corrupt_is_refused()
    {
        Export();
        var path = Path.Combine(_root, QlibManifest.FileName);
        File.WriteAllText(path, "{\"format\": \"something-else\", \"version\": 1}");
        Assert.Equal($"{path}: format is 'something-else', expected 'alphasharp-qlib'", Assert.Throws<InputException>(() => QlibImporter.Import(_root)).Message);
        File.WriteAllText(path, "{\n\"format\": ");
        Assert.StartsWith($"{path}:", Assert.Throws<InputException>(() => QlibImporter.Import(_root)).Message);
    }

    [Fact]
    public void Fields_qlib_cannot_name_are_refused_before_anything_is_written()
    {
        var data = QlibTestData.Synthetic(new Random(2));
        data.Panel.SetField("Close");
        var e = Assert.Throws<InputException>(() => QlibExporter.Export(data, _root));
        Assert.Equal("qlib export: fields 'close' and 'Close' differ only in case; Qlib's file names are lower-case", e.Message);
        Assert.False(Directory.Exists(_root));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(_root)!), p => p.Contains(Path.GetFileName(_root)));
    }
}
