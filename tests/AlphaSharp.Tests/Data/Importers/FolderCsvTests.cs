using System.IO.Compression;
using System.Text;
using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Importers;

public sealed class FolderCsvTests : IDisposable
{
    private readonly string _dir = QlibTestData.TempDir();

    public FolderCsvTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private const string TushareHeader = "ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount\n";

    private void TushareFolder()
    {
        // tushare writes newest first; vol is in lots of 100 shares, amount in thousands of CNY.
        Write("600000.SH.csv", TushareHeader +
            "600000.SH,20200106,12.50,12.60,12.30,12.40,12.47,-0.07,-0.5613,123456.78,154321.234\n" +
            "600000.SH,20200103,12.47,12.60,12.40,12.47,12.45,0.02,0.1606,1000,1247.5\n");
        Write("000001.SZ.csv", TushareHeader + "000001.SZ,20200102,16.65,16.95,16.55,16.87,16.45,0.42,2.5532,1530231.87,2571196.482\n");
    }

    [Fact]
    public void Tushare_columns_and_units_map_to_shares_and_cny()
    {
        TushareFolder();
        var data = FolderCsvImporter.Import(_dir, FolderCsvColumns.Parse("tushare"));
        var p = data.Panel;
        Assert.Equal(["SH600000", "SZ000001"], p.Symbols);
        Assert.Equal([new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3), new DateOnly(2020, 1, 6)], p.Calendar.Days);
        Assert.Equal(["open", "high", "low", "close", "volume", "amount", "factor"], p.FieldNames);

        Assert.Equal(12.47f, p["close", 1, 0]);
        Assert.Equal(12.40f, p["close", 2, 0]);
        Assert.Equal(12.30f, p["low", 2, 0]);
        Assert.Equal(12345678f, p["volume", 2, 0]);          // 123456.78 lots x 100
        Assert.Equal((float)154321234.0, p["amount", 2, 0]);  // 154321.234 thousand CNY x 1000
        Assert.Equal(100000f, p["volume", 1, 0]);
        Assert.Equal(1247500f, p["amount", 1, 0]);
        Assert.True(float.IsNaN(p["close", 0, 0]));           // SH600000 has no row on 2020-01-02
        Assert.Equal(153023187f, p["volume", 0, 1]);
        Assert.Equal(1f, p["factor", 1, 0]);
        Assert.True(float.IsNaN(p["factor", 0, 0]));
        Assert.Equal("shares", data.Units["volume"]);
        Assert.Equal("CNY", data.Units["amount"]);
    }

    [Fact]
    public void The_layout_is_detected_from_the_header_and_overrides_add_fields()
    {
        TushareFolder();
        Assert.Equal(12345678f, FolderCsvImporter.Import(_dir).Panel["volume", 2, 0]);

        var data = FolderCsvImporter.Import(_dir, FolderCsvColumns.Parse("tushare,pct_chg=pct_chg*0.01,amount="));
        Assert.Equal(["open", "high", "low", "close", "volume", "factor", "pct_chg"], data.Panel.FieldNames);
        Assert.Equal((float)(-0.5613 * 0.01), data.Panel["pct_chg", 2, 0]);
    }

    [Fact]
    public void Akshare_chinese_headers_with_symbol_from_file_name()
    {
        Write("sh600519.csv",
            "日期,开盘,收盘,最高,最低,成交量,成交额,振幅,涨跌幅,涨跌额,换手率\n" +
            "2023-01-03,1731.00,1725.01,1738.43,1705.00,26034,4.5e9,1.94,-0.69,-11.99,0.21\n" +
            "2023-01-04,1730.00,1757.00,1764.00,1720.00,21001,3670000000.0,2.55,1.85,31.99,0.17\n");
        var data = FolderCsvImporter.Import(_dir, FolderCsvColumns.Parse("akshare"));
        var p = data.Panel;
        Assert.Equal(["SH600519"], p.Symbols);
        Assert.Equal(1725.01f, p["close", 0, 0]);
        Assert.Equal(1738.43f, p["high", 0, 0]);
        Assert.Equal(2603400f, p["volume", 0, 0]);   // 26034 lots
        Assert.Equal(4.5e9f, p["amount", 0, 0]);      // already CNY
        Assert.Equal(3.67e9f, p["amount", 1, 0]);
    }

    [Fact]
    public void An_explicit_map_reads_a_gzipped_file_with_quoted_fields()
    {
        var path = Path.Combine(_dir, "sz300750.csv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("day,o,c,v,adj\n\"2021/3/1\",\"1,0\",400.5,12,2.5\n"));
        var data = FolderCsvImporter.Import(_dir, FolderCsvColumns.Parse("date=day,close=c,volume=v*100,factor=adj"));
        Assert.Equal(["SZ300750"], data.Panel.Symbols);
        Assert.Equal(new DateOnly(2021, 3, 1), data.Panel.Calendar[0]);
        Assert.Equal(400.5f, data.Panel["close", 0, 0]);
        Assert.Equal(1200f, data.Panel["volume", 0, 0]);
        Assert.Equal(2.5f, data.Panel["factor", 0, 0]);
    }

    [Theory]
    [InlineData("600000.SH", "SH600000")]
    [InlineData("sh600000", "SH600000")]
    [InlineData("sh.600000", "SH600000")]
    [InlineData("600000", "SH600000")]
    [InlineData("600000.XSHG", "SH600000")]
    [InlineData("600000.SS", "SH600000")]
    [InlineData("000001.XSHE", "SZ000001")]
    [InlineData(" 000001.sz ", "SZ000001")]
    [InlineData("1", "SZ000001")]
    [InlineData("300750", "SZ300750")]
    [InlineData("688981", "SH688981")]
    [InlineData("830799", "BJ830799")]
    [InlineData("920002", "BJ920002")]
    [InlineData("900901", "SH900901")]
    [InlineData("200002", "SZ200002")]
    public void Symbols_normalise_to_exchange_prefix_and_code(string raw, string expected)
    {
        Assert.True(FolderCsvSymbols.TryNormalize(raw, out var s));
        Assert.Equal(expected, s);
    }

    [Theory]
    [InlineData("AAPL")]
    [InlineData("1234567")]
    [InlineData("159919")]
    [InlineData("600000.HK")]
    [InlineData("")]
    public void Unknown_symbol_spellings_are_refused(string raw) => Assert.False(FolderCsvSymbols.TryNormalize(raw, out _));

    [Fact]
    public void Text_in_a_numeric_column_names_file_line_and_column()
    {
        var path = Write("600000.SH.csv", TushareHeader + "600000.SH,20200103,12.47,12.60,12.40,12.47,12.45,0.02,0.16,1000,1247.5\n600000.SH,20200106,12.5,abc,12.3,12.4,12.47,0,0,1,1\n");
        var e = Assert.Throws<InputException>(() => FolderCsvImporter.Import(_dir, FolderCsvColumns.Tushare));
        Assert.Equal($"{path}:3:4: column 'high': 'abc' is not a number", e.Message);
    }

    [Fact]
    public void Bad_dates_symbols_duplicates_and_missing_columns_each_give_one_line()
    {
        var path = Write("600000.SH.csv", TushareHeader + "600000.SH,2020-13-03,1,1,1,1,1,0,0,1,1\n");
        Assert.Equal($"{path}:2:2: column 'trade_date': '2020-13-03' is not a date; expected yyyyMMdd or yyyy-MM-dd",
            Assert.Throws<InputException>(() => FolderCsvImporter.Import(_dir, FolderCsvColumns.Tushare)).Message);

        Write("600000.SH.csv", TushareHeader + "600000.SH,20200103,1,1,1,1,1,0,0,1,1\nXX,20200106,1,1,1,1,1,0,0,1,1\n");
        Assert.StartsWith($"{path}:3:1: column 'ts_code': 'XX' is not a stock code",
            Assert.Throws<InputException>(() => FolderCsvImporter.Import(_dir, FolderCsvColumns.Tushare)).Message);

        Write("600000.SH.csv", TushareHeader + "600000.SH,20200103,1,1,1,1,1,0,0,1,1\n600000.SH,20200103,1,1,1,1,1,0,0,1,1\n");
        Assert.Equal($"{path}:3: duplicate date 2020-01-03 (first on line 2)",
            Assert.Throws<InputException>(() => FolderCsvImporter.Import(_dir, FolderCsvColumns.Tushare)).Message);

        Write("600000.SH.csv", "ts_code,trade_date,open,high,low,close,amount\n600000.SH,20200103,1,1,1,1,1\n");
        Assert.Equal($"{path}:1: missing column 'vol' (volume); the header has: ts_code,trade_date,open,high,low,close,amount",
            Assert.Throws<InputException>(() => FolderCsvImporter.Import(_dir, FolderCsvColumns.Tushare)).Message);

        Write("600000.SH.csv", TushareHeader + "600000.SH,20200103,1,1,1\n");
        Assert.Equal($"{path}:2: 5 columns, but the header has 11",
            Assert.Throws<InputException>(() => FolderCsvImporter.Import(_dir, FolderCsvColumns.Tushare)).Message);

        Write("600000.SH.csv", "");
        Assert.StartsWith($"{path}: empty file", Assert.Throws<InputException>(() => FolderCsvImporter.Import(_dir)).Message);
    }

    [Fact]
    public void The_same_symbol_in_two_files_is_refused()
    {
        TushareFolder();
        var second = Write("sh600000.csv", TushareHeader + "600000.SH,20200107,1,1,1,1,1,0,0,1,1\n");
        var e = Assert.Throws<InputException>(() => FolderCsvImporter.Import(_dir, FolderCsvColumns.Tushare));
        Assert.Equal($"{second}: symbol SH600000 is also in {Path.Combine(_dir, "600000.SH.csv")}; one file per symbol", e.Message);
    }

    [Theory]
    [InlineData("", "column map: empty")]
    [InlineData("close=close", "no date column")]
    [InlineData("date=d", "no value fields")]
    [InlineData("date=d,volume=v*x", "scale 'x' is not a non-zero number")]
    [InlineData("date=d,close=c,tushare", "preset 'tushare' must come first")]
    [InlineData("yahoo", "neither a preset")]
    public void Column_map_mistakes_are_explained(string spec, string expected) =>
        Assert.Contains(expected, Assert.Throws<InputException>(() => FolderCsvColumns.Parse(spec)).Message);
}
