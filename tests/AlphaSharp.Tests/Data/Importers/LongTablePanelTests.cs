using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Importers;

public class LongTablePanelTests
{
    [Fact]
    public void Panel_takes_the_calendar_and_symbols_from_the_rows_in_any_order()
    {
        using var files = new DataTestFiles();
        var path = files.Text("bars.csv",
            "date,symbol,close,volume\n" +
            "2021-01-05,SZ000001,11,0\n" +
            "2021-01-04,SH600000,20,5\n" +
            "2021-01-06,SH600000,21,6\n" +
            "2021-01-04,SZ000001,10,7\n");
        var panel = LongTablePanel.ToPanel(LongTable.Read(path));
        Assert.Equal([new DateOnly(2021, 1, 4), new DateOnly(2021, 1, 5), new DateOnly(2021, 1, 6)], panel.Calendar.Days);
        Assert.Equal(["SH600000", "SZ000001"], panel.Symbols);
        Assert.Equal(["close", "volume"], panel.FieldNames);
        // instrument-major: [SH600000: t0 t1 t2][SZ000001: t0 t1 t2]
        Assert.Equal([20f, float.NaN, 21f, 10f, 11f, float.NaN], panel.Field("close"));
        Assert.Equal(0f, panel["volume", 1, 1]);
    }

    [Fact]
    public void Duplicate_row_names_both_lines()
    {
        using var files = new DataTestFiles();
        var path = files.Text("bars.csv", "date,symbol,close\n2021-01-04,SH600000,1\n2021-01-05,SH600000,2\n2021-01-04,SH600000,3\n");
        var e = Assert.Throws<InputException>(() => LongTablePanel.ToPanel(LongTable.Read(path)));
        Assert.Equal($"{path}:4: duplicate row for (2021-01-04, SH600000), first seen at line 2", e.Message);
    }

    [Fact]
    public void Header_only_file_has_no_rows_to_build_from()
    {
        using var files = new DataTestFiles();
        var path = files.Text("bars.csv", "date,symbol,close\n");
        Assert.Equal($"{path}: no data rows after the header",
            Assert.Throws<InputException>(() => LongTablePanel.ToPanel(LongTable.Read(path))).Message);
    }

    [Fact]
    public void Join_keeps_missing_as_NaN_and_counts_rows_it_cannot_place()
    {
        using var files = new DataTestFiles();
        var bars = files.Text("bars.csv", "date,symbol,close\n2021-01-04,SH600000,1\n2021-01-05,SH600000,2\n2021-01-04,SZ000001,3\n");
        var extra = files.Text("val.csv",
            "date,symbol,pb,pe_ttm\n" +
            "2021-01-04,SH600000,1.5,\n" +
            "2021-01-05,SZ000001,2.5,30\n" + // SZ000001 has no bar that day: joined, the cell exists in the panel
            "2021-01-04,SZ999999,9,9\n" +   // symbol without price data: counted, not added
            "2021-01-08,SH600000,9,9\n");   // day outside the calendar: counted, not added
        var panel = LongTablePanel.ToPanel(LongTable.Read(bars));
        var report = LongTablePanel.JoinInto(panel, LongTable.Read(extra));
        Assert.Equal((2, 1, 1), (report.RowsJoined, report.RowsUnknownSymbol, report.RowsUnknownDate));
        Assert.Equal(["SZ999999"], report.UnknownSymbols);
        Assert.Equal(2, panel.N);
        Assert.Equal([1.5f, float.NaN, float.NaN, 2.5f], panel.Field("pb"));
        Assert.Equal([float.NaN, float.NaN, float.NaN, 30f], panel.Field("pe_ttm"));
        Assert.Contains("2 rows not joined (1 for 1 symbols without price data, 1 on dates outside the calendar)", report.Describe());
    }

    [Fact]
    public void Join_refuses_a_field_the_panel_already_has()
    {
        using var files = new DataTestFiles();
        var bars = files.Text("bars.csv", "date,symbol,close\n2021-01-04,SH600000,1\n");
        var extra = files.Text("more.csv", "date,symbol,Close\n2021-01-04,SH600000,1\n");
        var panel = LongTablePanel.ToPanel(LongTable.Read(bars));
        Assert.Equal($"{extra}:1: column 'Close' is already a field of the panel; rename it in one of the files",
            Assert.Throws<InputException>(() => LongTablePanel.JoinInto(panel, LongTable.Read(extra))).Message);
    }

    [Fact]
    public void Join_rejects_a_duplicate_row()
    {
        using var files = new DataTestFiles();
        var bars = files.Text("bars.csv", "date,symbol,close\n2021-01-04,SH600000,1\n");
        var extra = files.Text("val.csv", "date,symbol,pb\n2021-01-04,SH600000,1\n2021-01-04,SH600000,2\n");
        var panel = LongTablePanel.ToPanel(LongTable.Read(bars));
        Assert.Equal($"{extra}:3: duplicate row for (2021-01-04, SH600000), first seen at line 2",
            Assert.Throws<InputException>(() => LongTablePanel.JoinInto(panel, LongTable.Read(extra))).Message);
    }
}
