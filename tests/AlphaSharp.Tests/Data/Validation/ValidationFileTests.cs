using System.Text.Json;
using AlphaSharp.Data.Validation;
using AlphaSharp.Data;
using AlphaSharp.Tests.Data.Qlib;

namespace AlphaSharp.Tests.Data.Validation;

/// <summary>File mode: duplicates and order come from the file itself; the market checks run on what it holds.</summary>
public sealed class ValidationFileTests : IDisposable
{
    private readonly string _dir = QlibTestData.TempDir();

    public ValidationFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "bars.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Duplicates_and_rows_out_of_order_are_reported_with_their_lines()
    {
        var path = Write("""
            date,symbol,open,high,low,close,volume
            2020-01-02,SH600000,10,10.2,9.9,10,100
            2020-01-02,SZ000001,11,11.2,10.9,11,100
            2020-01-03,SH600000,10,10.2,9.9,10.1,100
            2020-01-02,SZ000001,11,11.6,10.9,11.5,100
            2020-01-03,SZ000001,11,11.3,10.9,11.2,100
            2020-01-03,SZ000001,11,11.3,10.9,11.2,100
            """);
        var report = LongCsvValidator.Validate(path);
        var dup = report[FileOrderChecks.DuplicatesId];
        Assert.Equal(2, dup.Count);
        Assert.Equal([$"{path}:5: 2020-01-02 SZ000001 repeats line 3", $"{path}:7: 2020-01-03 SZ000001 repeats line 6"],
            dup.Examples.Select(e => e.Text));
        var uns = report[FileOrderChecks.UnsortedId];
        Assert.Equal(1, uns.Count);
        Assert.Equal($"{path}:5: 2020-01-02 SZ000001 comes after 2020-01-03 SH600000 (order: date then symbol)", uns.Examples[0].Text);
        Assert.Equal(2, report.Errors);
        Assert.Equal(7 - 1, report.Rows);
        Assert.Equal(2, report.Instruments);
        Assert.Equal(0, report[OhlcCheck.Id].Count); // the first of the duplicates is the row that counts
    }

    [Fact]
    public void A_file_sorted_by_symbol_then_date_is_in_order()
    {
        var path = Write("date,symbol,close\n2020-01-02,SH600000,10\n2020-01-03,SH600000,10.1\n2020-01-02,SZ000001,11\n2020-01-03,SZ000001,11.2\n");
        var uns = LongCsvValidator.Validate(path)[FileOrderChecks.UnsortedId];
        Assert.Equal(0, uns.Count);
        Assert.Equal("rows out of order (expected symbol then date)", uns.Title);
    }

    [Fact]
    public void Market_checks_run_on_the_file_and_use_a_given_universe()
    {
        var path = Write("date,symbol,open,high,low,close,volume,factor\n" +
                         "2020-01-02,SH600000,10,9.5,9.4,9.8,100,1\n" +
                         "2020-01-03,SH600000,10,10.2,9.9,10.1,100,1\n");
        var storeCalendar = new Calendar([new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3)]);
        var universe = new Universe("csi300", storeCalendar,
            [new MembershipSpell("SH600000", storeCalendar.First, storeCalendar.Last), new MembershipSpell("SZ000002", storeCalendar.First, storeCalendar.Last)]);
        var report = LongCsvValidator.Validate(path, universe);
        Assert.Equal("SH600000 2020-01-02: high 9.5 below open 10", Assert.Single(report[OhlcCheck.Id].Examples).Text);
        Assert.Equal("SZ000002: 2 member-days, 2020-01-02..2020-01-03", Assert.Single(report[MembersWithoutDataCheck.Id].Examples).Text);
    }

    [Fact]
    public void A_real_slice_shows_sz000156s_resumption_and_nothing_else()
    {
        var report = LongCsvValidator.Validate(Path.Combine(QlibRealSliceTests.FixtureDir(), "slice.csv"));
        var c = report[ResumptionMoveCheck.Id];
        Assert.Equal(1, c.Count);
        // Flat at 1.25 (factor 1.00686) through the suspension, then 14.42 (factor 0.62929): 14.42 x 0.62929 / (1.25 x 1.00686) - 1.
        Assert.Equal(14.42 * 0.62929 / (1.25 * 1.00686) - 1, c.Examples[0].Magnitude, 4);
        Assert.StartsWith("SZ000156 2012-10-19: +621.0 % adjusted, from 1.25 to 14.42 raw, after 29 day(s) without trading", c.Examples[0].Text); // 29 volume-0 rows in the window
        Assert.Equal(0, report.Errors);
        Assert.Equal(1, report.Warnings);
    }

    [Fact]
    public void The_json_report_is_machine_readable()
    {
        var data = ValidationTestPanels.Clean();
        data.Panel["high", 5, 0] = 10.19f;
        var json = MarketValidator.Validate(data, "store-x").ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("store-x", root.GetProperty("source").GetString());
        Assert.Equal(1, root.GetProperty("errors").GetInt64());
        Assert.Equal(4, root.GetProperty("instruments").GetInt32());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(9, checks.Count);
        var ohlc = checks.Single(c => c.GetProperty("id").GetString() == "ohlc");
        Assert.Equal("error", ohlc.GetProperty("severity").GetString());
        Assert.Equal(1, ohlc.GetProperty("count").GetInt64());
        var ex = ohlc.GetProperty("examples")[0];
        Assert.Equal("SH600000", ex.GetProperty("symbol").GetString());
        Assert.Equal("2020-08-10", ex.GetProperty("date").GetString());
        var dup = checks.Single(c => c.GetProperty("id").GetString() == "duplicates");
        Assert.False(dup.GetProperty("ran").GetBoolean());
    }
}
