using AlphaSharp.Data.Qlib;
using AlphaSharp.Data.Validation;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Validation;

/// <summary>The validator and the Qlib format on the store the repository ships (data/cn_csi300).</summary>
public sealed class ValidationShippedStoreTests : IDisposable
{
    private readonly string _root = QlibTestData.TempDir();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    internal static MarketData Shipped()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "cn_csi300");
            if (File.Exists(Path.Combine(candidate, "manifest.json"))) return MarketStore.Load(candidate);
        }
        throw new DirectoryNotFoundException($"data/cn_csi300 not found above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void The_validator_finds_sz000156s_resumption_and_the_36_members_without_data()
    {
        var report = MarketValidator.Validate(Shipped(), "shipped");
        var resumption = report[ResumptionMoveCheck.Id];
        Assert.Equal(9, resumption.Count);
        var top = resumption.Examples[0];
        Assert.Equal(("SZ000156", new DateOnly(2012, 10, 19)), (top.Symbol, top.Date));
        Assert.StartsWith("SZ000156 2012-10-19: +621.0 %", top.Text);
        Assert.Equal(36, report[MembersWithoutDataCheck.Id].Count);
        Assert.Equal(0, report[OhlcCheck.Id].Count);
        Assert.Equal(0, report[NonPositivePriceCheck.Id].Count);
        Assert.Equal(0, report[GapCheck.Id].Count);
        Assert.Equal(0, report[LimitBreachCheck.Id].Count);
        Assert.Equal("SH600654", Assert.Single(report[FactorJumpCheck.Id].Examples).Symbol);
    }

    [Fact]
    public void A_slice_of_the_shipped_store_survives_qlib_export_and_import_bit_for_bit()
    {
        var full = Shipped();
        // 40 instruments (every 17th, so listings, delistings and suspensions are in) over 2012-2013, every field.
        var symbols = full.Panel.Symbols.Where((_, k) => k % 17 == 0).ToArray();
        var from = full.Calendar.IndexOnOrAfter(new DateOnly(2012, 1, 1));
        var to = full.Calendar.IndexOnOrBefore(new DateOnly(2013, 12, 31));
        var calendar = new Calendar(full.Calendar.Days.Skip(from).Take(to - from + 1));
        var panel = new Panel(calendar, symbols);
        foreach (var f in full.Panel.FieldNames)
        {
            var dst = panel.SetField(f);
            for (var j = 0; j < symbols.Length; j++)
                full.Panel.Series(f, full.Panel.IndexOf(symbols[j])).Slice(from, calendar.Count).CopyTo(dst.AsSpan(j * calendar.Count));
        }
        var slice = new MarketData(panel) { Universe = new Universe("csi300", calendar, full.Universe!.Spells) };
        Assert.Contains(panel.FieldNames, f => f == "pe_ttm");

        QlibExporter.Export(slice, _root);
        var back = QlibImporter.Import(_root);
        QlibTestData.AssertBitIdentical(panel, back.Panel);
        Assert.Equal(full.Universe.Spells, back.Universe!.Spells);
    }
}
