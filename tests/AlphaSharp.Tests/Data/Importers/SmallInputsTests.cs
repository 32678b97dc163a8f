using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Importers;

/// <summary>Membership spells, benchmark series and the industry map.</summary>
public class SmallInputsTests
{
    private static Panel ThreeDayPanel() =>
        new(new Calendar([new DateOnly(2021, 1, 4), new DateOnly(2021, 1, 5), new DateOnly(2021, 1, 6)]), ["SH600000", "SZ000001"]);

    [Fact]
    public void Membership_builds_the_point_in_time_universe_and_keeps_members_without_data()
    {
        using var files = new DataTestFiles();
        var path = files.Text("csi300_membership.csv",
            "symbol,start,end\nSH600000,2021-01-04,2021-01-06\nSZ000001,2021-01-05,2021-01-05\nSZ000002,2021-01-04,2021-01-04\n");
        var result = MembershipCsv.Read(path, ThreeDayPanel());
        var u = result.Universe;
        Assert.Equal("csi300", u.Name);
        Assert.Equal(["SZ000002"], result.MembersWithoutData);
        Assert.Equal([2, 2, 1], Enumerable.Range(0, 3).Select(u.CountOn));
        Assert.False(u.IsMember("SZ000001", 0));
        Assert.True(u.IsMember("SZ000001", 1));
        Assert.True(u.IsMember("SZ000002", 0)); // kept although it has no prices
    }

    [Theory]
    [InlineData("600000", "'600000' is not a symbol, expected SH, SZ or BJ plus 6 digits (SH600000)")]
    [InlineData("SH60000", "'SH60000' is not a symbol, expected SH, SZ or BJ plus 6 digits (SH600000)")]
    [InlineData("HK000700", "'HK000700' is not a symbol, expected SH, SZ or BJ plus 6 digits (SH600000)")]
    public void Malformed_member_symbol_names_file_and_line(string symbol, string what)
    {
        using var files = new DataTestFiles();
        var path = files.Text("m.csv", $"symbol,start,end\nSH600000,2021-01-04,2021-01-06\n{symbol},2021-01-04,2021-01-05\n");
        Assert.Equal($"{path}:3: column 1 (symbol): {what}",
            Assert.Throws<InputException>(() => MembershipCsv.Read(path, ThreeDayPanel())).Message);
    }

    [Fact]
    public void Membership_dates_must_be_trading_days_in_order_without_overlap()
    {
        using var files = new DataTestFiles();
        var panel = ThreeDayPanel();
        var outside = files.Text("a.csv", "symbol,start,end\nSH600000,2021-01-04,2021-01-07\n");
        Assert.Equal($"{outside}:2: column 3 (end): 2021-01-07 is not a trading day of the calendar (2021-01-04..2021-01-06)",
            Assert.Throws<InputException>(() => MembershipCsv.Read(outside, panel)).Message);
        var reversed = files.Text("b.csv", "symbol,start,end\nSH600000,2021-01-06,2021-01-04\n");
        Assert.Equal($"{reversed}:2: spell of SH600000 ends (2021-01-04) before it starts (2021-01-06)",
            Assert.Throws<InputException>(() => MembershipCsv.Read(reversed, panel)).Message);
        var overlap = files.Text("c.csv", "symbol,start,end\nSH600000,2021-01-04,2021-01-05\nSH600000,2021-01-05,2021-01-06\n");
        Assert.Equal($"{overlap}:3: spell of SH600000 from 2021-01-05 overlaps the one on line 2",
            Assert.Throws<InputException>(() => MembershipCsv.Read(overlap, panel)).Message);
        var noColumn = files.Text("d.csv", "symbol,from,end\nSH600000,2021-01-04,2021-01-05\n");
        Assert.Equal($"{noColumn}:1: missing required column 'start' (header: symbol,from,end); expected 'symbol,start,end'",
            Assert.Throws<InputException>(() => MembershipCsv.Read(noColumn, panel)).Message);
    }

    [Fact]
    public void Benchmark_is_aligned_to_the_calendar_with_NaN_for_missing_days()
    {
        using var files = new DataTestFiles();
        var path = files.Gzip("bench.csv.gz", "date,symbol,open,high,low,close,volume\n2021-01-06,SH000300,3,4,2,3.5,100\n2021-01-04,SH000300,1,2,0.5,1.5,50\n");
        var b = BenchmarkCsv.Read(path, ThreeDayPanel().Calendar);
        Assert.Equal("SH000300", b.Symbol);
        Assert.Equal([1.5f, float.NaN, 3.5f], b.Close);
        Assert.Equal([50f, float.NaN, 100f], b.Volume);
    }

    [Fact]
    public void Benchmark_off_calendar_day_or_second_symbol_is_an_error()
    {
        using var files = new DataTestFiles();
        var cal = ThreeDayPanel().Calendar;
        var off = files.Text("a.csv", "date,symbol,close\n2021-01-09,SH000300,1\n");
        Assert.Equal($"{off}:2: 2021-01-09 is not a trading day of the price calendar (2021-01-04..2021-01-06)",
            Assert.Throws<InputException>(() => BenchmarkCsv.Read(off, cal)).Message);
        var two = files.Text("b.csv", "date,symbol,close\n2021-01-04,SH000300,1\n2021-01-04,SH000905,1\n");
        Assert.Equal($"{two}:3: second symbol SH000905; a benchmark file holds one series (SH000300)",
            Assert.Throws<InputException>(() => BenchmarkCsv.Read(two, cal)).Message);
    }

    [Fact]
    public void Industry_map_reads_utf8_names_and_rejects_repeats()
    {
        using var files = new DataTestFiles();
        var ok = files.Text("industry.csv", "symbol,industry\nSH600000,银行\nSH600519,白酒\n");
        var map = IndustryCsv.Read(ok);
        Assert.Equal("白酒", map["SH600519"]);
        var twice = files.Text("twice.csv", "symbol,industry\nSH600000,银行\nSH600000,保险\n");
        Assert.Equal($"{twice}:3: SH600000 appears twice (first at line 2)",
            Assert.Throws<InputException>(() => IndustryCsv.Read(twice)).Message);
    }
}
