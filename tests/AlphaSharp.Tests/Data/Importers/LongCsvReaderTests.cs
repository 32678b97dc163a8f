using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Importers;

public class LongCsvReaderTests
{
    private const string Bars =
        "date,symbol,open,close,volume\n" +
        "2021-01-04,SH600000,10.00,10.50,1000\n" +
        "2021-01-04,SZ300750,300.1,310.25,\n" +
        "2021-01-05,SH600000,10.50,10.40,0\n";

    private static List<(long Line, DateOnly Date, string Symbol, int Id, float[] Values)> ReadAll(string path, out IReadOnlyList<string> fields)
    {
        var rows = new List<(long, DateOnly, string, int, float[])>();
        fields = LongCsvReader.ReadRows(path, r => rows.Add((r.Line, r.Date, r.Symbol, r.SymbolId, r.Values.ToArray())));
        return rows;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_plain_and_gzip_alike(bool gzip)
    {
        using var files = new DataTestFiles();
        // The name says nothing: gzip is told by its magic bytes.
        var path = gzip ? files.Gzip("bars.csv", Bars) : files.Text("bars.csv", Bars);
        var rows = ReadAll(path, out var fields);
        Assert.Equal(["open", "close", "volume"], fields);
        Assert.Equal(3, rows.Count);
        Assert.Equal((2L, new DateOnly(2021, 1, 4), "SH600000", 0), (rows[0].Line, rows[0].Date, rows[0].Symbol, rows[0].Id));
        Assert.Equal([10.00f, 10.50f, 1000f], rows[0].Values);
        Assert.Equal(1, rows[1].Id);
        Assert.Equal(310.25f, rows[1].Values[1]);
        Assert.True(float.IsNaN(rows[1].Values[2])); // empty field = missing
        Assert.Equal((4L, 0), (rows[2].Line, rows[2].Id));
        Assert.Same(rows[0].Symbol, rows[2].Symbol); // interned
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_case_with_CRLF_and_BOM()
    {
        using var files = new DataTestFiles();
        var path = files.Text("x.csv", "\uFEFFClose,SYMBOL,Date\r\n1.5,SZ000001,2020-03-02\r\n\r\n2.5,SZ000001,2020-03-03\r\n");
        var rows = ReadAll(path, out var fields);
        Assert.Equal(["Close"], fields);
        Assert.Equal([1.5f, 2.5f], rows.Select(r => r.Values[0]));
        Assert.Equal(new DateOnly(2020, 3, 3), rows[1].Date);
        Assert.Equal(4, rows[1].Line); // the blank line 3 is skipped but counted
    }

    [Fact]
    public void Does_not_enforce_uniqueness_or_order_so_validators_can_report_them()
    {
        using var files = new DataTestFiles();
        var path = files.Text("dup.csv", "date,symbol,close\n2021-01-05,SH600000,1\n2021-01-04,SH600000,2\n2021-01-05,SH600000,3\n");
        var rows = ReadAll(path, out _);
        Assert.Equal([new DateOnly(2021, 1, 5), new DateOnly(2021, 1, 4), new DateOnly(2021, 1, 5)], rows.Select(r => r.Date));
    }

    [Fact]
    public void Large_file_crosses_chunk_boundaries_without_losing_a_row()
    {
        using var files = new DataTestFiles();
        var sb = new System.Text.StringBuilder("date,symbol,close\n");
        var day = new DateOnly(2000, 1, 3);
        const int n = 120_000; // ~3.4 MB: several 1 MB chunks
        for (var k = 0; k < n; k++) sb.Append($"{day.AddDays(k / 50):yyyy-MM-dd},SZ{k % 50:000000},{k}.25\n");
        var path = files.Gzip("big.csv.gz", sb.ToString());
        double sum = 0;
        long lastLine = 0;
        var count = 0;
        LongCsvReader.ReadRows(path, r => { sum += r.Values[0]; lastLine = r.Line; count++; });
        Assert.Equal(n, count);
        Assert.Equal(n + 1, lastLine);
        Assert.Equal((double)n * (n - 1) / 2 + 0.25 * n, sum);
    }

    [Fact]
    public void Error_deep_in_a_big_file_stops_the_decompressing_thread_and_names_the_line()
    {
        using var files = new DataTestFiles();
        var sb = new System.Text.StringBuilder("date,symbol,close\n");
        for (var k = 0; k < 200_000; k++) sb.Append(k == 50_000 ? "2021-01-04,SH000000,1O.5\n" : $"2021-01-04,SH{k % 1000:000000},{k}\n");
        var path = files.Gzip("big.csv.gz", sb.ToString());
        using var reader = LongCsvReader.Open(path);
        Assert.Equal(["close"], reader.Fields);
        var e = Assert.Throws<InputException>(() => reader.ReadRows(_ => { }));
        Assert.Equal($"{path}:50002: column 3 (close): '1O.5' is not a number", e.Message);
        Assert.Equal(1000, reader.Symbols.Count);
    }

    [Fact]
    public void A_handler_exception_propagates_unchanged()
    {
        using var files = new DataTestFiles();
        var path = files.Text("bars.csv", Bars);
        var e = Assert.Throws<InvalidOperationException>(() => LongCsvReader.ReadRows(path, r =>
        {
            if (r.Line == 3) throw new InvalidOperationException("stop at line 3");
        }));
        Assert.Equal("stop at line 3", e.Message);
    }

    private static string ErrorOf(string path) =>
        Assert.Throws<InputException>(() => LongCsvReader.ReadRows(path, _ => { })).Message;

    [Fact]
    public void Text_in_a_numeric_column_names_file_line_and_column()
    {
        using var files = new DataTestFiles();
        var path = files.Text("bars.csv", "date,symbol,open,close\n2021-01-04,SH600000,1,2\n2021-01-05,SH600000,1.1,n/a\n");
        Assert.Equal($"{path}:3: column 4 (close): 'n/a' is not a number", ErrorOf(path));
    }

    [Fact]
    public void Bad_date_and_empty_symbol_and_wrong_column_count_are_one_line_each()
    {
        using var files = new DataTestFiles();
        var a = files.Text("a.csv", "date,symbol,close\n2021-02-30,SH600000,1\n");
        Assert.Equal($"{a}:2: column 1 (date): '2021-02-30' is not a date, expected yyyy-MM-dd", ErrorOf(a));
        var b = files.Text("b.csv", "date,symbol,close\n2021-02-01,,1\n");
        Assert.Equal($"{b}:2: column 2 (symbol) is empty", ErrorOf(b));
        var c = files.Text("c.csv", "date,symbol,close\n2021-02-01,SH600000\n");
        Assert.Equal($"{c}:2: 2 columns, expected 3 (date,symbol,close)", ErrorOf(c));
        var d = files.Text("d.csv", "date,symbol,close\n2021-02-01,SH600000,1,2\n");
        Assert.Equal($"{d}:2: 4 columns, expected 3 (date,symbol,close)", ErrorOf(d));
    }

    [Fact]
    public void Missing_required_column_is_reported_against_the_header()
    {
        using var files = new DataTestFiles();
        var path = files.Text("bars.csv", "date,code,close\n2021-01-04,SH600000,1\n");
        Assert.Equal($"{path}:1: missing required column 'symbol' (header: date,code,close); expected 'date,symbol,<fields...>'", ErrorOf(path));
    }

    [Fact]
    public void Empty_file_plain_or_gzip_is_one_line()
    {
        using var files = new DataTestFiles();
        var plain = files.Text("empty.csv", "");
        Assert.Equal($"{plain}: empty file, expected a header line", ErrorOf(plain));
        var gz = files.Gzip("empty.csv.gz", "");
        Assert.Equal($"{gz}: empty file, expected a header line", ErrorOf(gz));
    }

    [Fact]
    public void Truncated_gzip_is_caught_although_GZipStream_ends_quietly()
    {
        using var files = new DataTestFiles();
        var sb = new System.Text.StringBuilder("date,symbol,close\n");
        var rng = new Random(7);
        for (var k = 0; k < 20_000; k++) sb.Append($"2021-01-04,SH{k:000000},{rng.NextDouble():F4}\n");
        var whole = files.Gzip("whole.csv.gz", sb.ToString());
        var bytes = File.ReadAllBytes(whole);
        var cut = Path.Combine(files.Dir, "cut.csv.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var message = ErrorOf(cut);
        Assert.StartsWith($"{cut}: truncated or corrupt gzip", message);
        Assert.DoesNotContain('\n', message);
        // The intact file reads fine.
        var n = 0;
        LongCsvReader.ReadRows(whole, _ => n++);
        Assert.Equal(20_000, n);
    }

    [Fact]
    public void Missing_file_is_one_line()
    {
        var path = Path.Combine(Path.GetTempPath(), "alphasharp-no-such-file-" + Guid.NewGuid().ToString("N") + ".csv");
        Assert.Equal($"{path}: file not found", ErrorOf(path));
    }
}
