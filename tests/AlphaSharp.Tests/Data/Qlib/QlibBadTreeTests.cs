using AlphaSharp.Common;
using AlphaSharp.Data.Qlib;

namespace AlphaSharp.Tests.Data.Qlib;

/// <summary>Trees that public dumps get wrong: each either imports with a one-line finding or fails with one clear line.</summary>
public sealed class QlibBadTreeTests : IDisposable
{
    private readonly QlibTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private void Stocks(params string[] folders)
    {
        for (var k = 0; k < folders.Length; k++)
        {
            _tree.List(folders[k].ToUpperInvariant());
            _tree.Stock(folders[k], seed: k);
        }
    }

    [Fact]
    public void A_listed_instrument_without_a_folder_is_a_finding_and_kept_without_data()
    {
        Stocks("SH600000", "sz000002");
        _tree.List("SH600001");
        var import = QlibImporter.Read(_tree.Root);
        Assert.Contains($"{_tree.Features}: no folder for SH600001 listed in {_tree.AllPath}; it is kept without data", import.Findings);
        var p = import.Data.Panel;
        Assert.All(p.Series("close", p.IndexOf("SH600001")).ToArray(), v => Assert.True(float.IsNaN(v)));
        // The lower-case folder is Qlib's own spelling: found, and no finding about it.
        Assert.Equal(QlibTree.ReadBin(Path.Combine(_tree.Features, "sz000002", "factor.day.bin")).Values[5], p["factor", 5, p.IndexOf("SZ000002")]);
        Assert.Contains($"{_tree.Features}: SH600000 is not named in Qlib's lower case; read whatever the case", import.Findings);
    }

    [Fact]
    public void A_folder_missing_a_field_is_a_finding_and_that_field_stays_missing()
    {
        Stocks("SH600000");
        _tree.List("SZ000001");
        _tree.Stock("SZ000001", seed: 9, fields: ["open", "high", "low", "close", "volume"]);
        var import = QlibImporter.Read(_tree.Root, new QlibImportOptions { Prices = QlibPriceConvention.Raw });
        Assert.Contains("1 instrument folder(s) lack field files, left missing: SZ000001 (factor)", import.Findings);
        var p = import.Data.Panel;
        Assert.All(p.Series("factor", p.IndexOf("SZ000001")).ToArray(), v => Assert.True(float.IsNaN(v)));
        Assert.Equal(QlibTree.ReadBin(Path.Combine(_tree.Features, "SZ000001", "close.day.bin")).Values[^1], p["close", p.T - 1, p.IndexOf("SZ000001")]);
    }

    [Fact]
    public void A_tree_without_any_price_is_an_error()
    {
        foreach (var s in new[] { "SH600000", "SZ000001" })
        {
            _tree.List(s);
            _tree.Stock(s, seed: 1, fields: ["volume", "factor"]);
        }
        var e = Assert.Throws<InputException>(() => QlibImporter.Read(_tree.Root));
        Assert.Equal($"{_tree.Features}: none of the 2 instruments in {_tree.AllPath} has an open, high, low or close value (2 have a folder); " +
                     "a store needs prices, check features/<symbol>/close.day.bin", e.Message);
    }

    [Fact]
    public void No_listed_instrument_with_a_folder_is_an_error()
    {
        _tree.List("SH600000");
        _tree.List("SZ000001");
        var e = Assert.Throws<InputException>(() => QlibImporter.Read(_tree.Root));
        Assert.Equal($"{_tree.Features}: no <field>.day.bin files found for any of the 2 instruments in {_tree.AllPath}; is this the features folder of a Qlib dump_bin tree?", e.Message);
    }

    [Fact]
    public void Two_folders_differing_only_in_case_are_an_error()
    {
        Stocks("SH600000", "SZ000001");
        _tree.Stock("sh600000", seed: 5);
        var e = Assert.Throws<InputException>(() => QlibImporter.Read(_tree.Root));
        Assert.Equal($"{_tree.Features}: folders SH600000 and sh600000 differ only in case and both hold instrument SH600000; " +
                     "delete or merge one of them (Qlib itself would read only the lower-case one)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Index_series_are_not_stocks_and_a_named_benchmark_is_used()
    {
        Stocks("SH600000", "SZ000001", "SZ399001", "SH000905");
        var import = QlibImporter.Read(_tree.Root);
        Assert.Equal(["SH600000", "SZ000001"], import.Data.Panel.Symbols);
        Assert.Null(import.Data.Benchmark);
        Assert.Contains($"{_tree.AllPath}: 2 instruments (SH000905, SZ399001) are index series, not imported as stocks " +
                        "(the benchmark is none; set the benchmark symbol to use another)", import.Findings);

        var named = QlibImporter.Read(_tree.Root, new QlibImportOptions { Benchmark = "sz399001" });
        Assert.Equal("SZ399001", named.Data.Benchmark!.Symbol);
        Assert.Equal(QlibTree.ReadBin(Path.Combine(_tree.Features, "SZ399001", "close.day.bin")).Values[7], named.Data.Benchmark.Close[7]);
        Assert.Equal(["SH600000", "SZ000001"], named.Data.Panel.Symbols);
        Assert.Contains($"{_tree.AllPath}: SH000905 is an index series, not imported as stocks (the benchmark is SZ399001; set the benchmark symbol to use another)",
            named.Findings);
    }
}
