using AlphaSharp.Data.Export;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Export;

public sealed class LongCsvExporterTests : IDisposable
{
    private readonly string _root = QlibTestData.TempDir();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exported_csv_reads_back_to_the_same_float32_values(bool gzip)
    {
        var data = QlibTestData.Synthetic(new Random(5));
        data.Panel["amount", 3, 0] = -0f;
        data.Panel["volume", 4, 0] = 123456789f; // not exactly representable: written as the float's own integer
        var files = LongCsvExporter.Export(data, _root, gzip);
        var ext = gzip ? ".csv.gz" : ".csv";
        Assert.Equal(["bars" + ext, "fields" + ext, "csi300_membership.csv", "benchmark" + ext, "industry.csv"], files);

        var bars = LongTable.Read(Path.Combine(_root, "bars" + ext));
        var back = LongTablePanel.ToPanel(bars);
        LongTablePanel.JoinInto(back, LongTable.Read(Path.Combine(_root, "fields" + ext)));
        // The instrument with no data at all has no rows, so compare instrument by instrument.
        foreach (var f in data.Panel.FieldNames)
            for (var i = 0; i < data.Panel.N; i++)
            {
                var a = data.Panel.Series(f, i);
                if (!back.TryIndexOf(data.Panel.Symbols[i], out var j))
                {
                    foreach (var v in a) Assert.True(float.IsNaN(v));
                    continue;
                }
                var offset = back.Calendar.IndexOf(data.Calendar[0]);
                var b = back.Series(f, j);
                for (var t = 0; t < a.Length; t++)
                    if (float.IsNaN(a[t])) Assert.True(float.IsNaN(b[offset + t]));
                    else Assert.Equal(BitConverter.SingleToInt32Bits(a[t]), BitConverter.SingleToInt32Bits(b[offset + t]));
            }
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(back["amount", 3, back.IndexOf("SH600000")]));

        var membership = File.ReadAllLines(Path.Combine(_root, "csi300_membership.csv"));
        Assert.Equal("symbol,start,end", membership[0]);
        Assert.Contains("SH601299,2021-03-01,2021-04-23", membership);
        Assert.Contains("SH600000,银行", File.ReadAllLines(Path.Combine(_root, "industry.csv")));
        var bench = LongTable.Read(Path.Combine(_root, "benchmark" + ext));
        Assert.Equal(data.Calendar.Count - 1, bench.RowCount); // day 0 has no value
        Assert.Equal(data.Benchmark!.Close[1], bench.Columns[bench.FieldIndex("close")][0]);
    }

    [Fact]
    public void Rows_are_in_date_then_symbol_order_with_whole_numbers_as_integers()
    {
        var data = QlibTestData.Synthetic(new Random(5));
        LongCsvExporter.Export(data, _root, gzip: false);
        var lines = File.ReadAllLines(Path.Combine(_root, "bars.csv"));
        Assert.Equal("date,symbol,open,high,low,close,volume,amount,factor", lines[0]);
        var keys = lines.Skip(1).Select(l => l.Split(',')).Select(c => (c[0], c[1])).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal), keys);
        Assert.DoesNotContain(lines, l => l.Contains('E'));
        var first = lines[1].Split(',');
        Assert.Equal(((long)data.Panel["volume", 0, 0]).ToString(System.Globalization.CultureInfo.InvariantCulture), first[6]);
    }
}
