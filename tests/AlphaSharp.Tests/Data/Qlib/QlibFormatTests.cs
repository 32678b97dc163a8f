using System.Buffers.Binary;
using AlphaSharp.Common;
using AlphaSharp.Data.Qlib;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data.Qlib;

/// <summary>Reading Qlib directories written by Qlib itself (no AlphaSharp manifest) and rejecting broken ones.</summary>
public sealed class QlibFormatTests : IDisposable
{
    private readonly string _root = QlibTestData.TempDir();

    public QlibFormatTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a .day.bin byte by byte as dump_bin's np.hstack([date_index, values]).astype("&lt;f") does.</summary>
    private void WriteBin(string symbolDir, string field, params float[] values)
    {
        var path = Path.Combine(_root, "features", symbolDir, field + ".day.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[4 * values.Length];
        for (var k = 0; k < values.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * k), values[k]);
        File.WriteAllBytes(path, bytes);
    }

    private void QlibStyleDirectory()
    {
        Write("calendars/day.txt", "2020-01-02\n2020-01-03\n2020-01-06\n2020-01-07\n2020-01-08\n");
        Write("instruments/all.txt", "SH600000\t2020-01-03\t2020-01-07\nSZ000001\t2020-01-02\t2020-01-08\nSH000300\t2020-01-02\t2020-01-08\n");
        Write("instruments/csi300.txt", "SH600000\t2020-01-02\t2020-01-08\nSZ000001\t2020-01-06\t2020-01-08\n");
        // Qlib's convention: adjusted prices, volume / factor.
        WriteBin("sh600000", "close", 1, 20, 22, 24);
        WriteBin("sh600000", "factor", 1, 2, 2, 4);
        WriteBin("sh600000", "volume", 1, 50, 100, 25);
        WriteBin("sz000001", "close", 0, 10, 11, float.NaN, 12, 13);
        WriteBin("sz000001", "factor", 0, 1, 1, 1, 1, 1);
        WriteBin("sz000001", "volume", 0, 7, 8, float.NaN, 9, 10);
        WriteBin("sh000300", "close", 0, 4000, 4010, 4020, 4030, 4040);
    }

    [Fact]
    public void Reads_a_qlib_written_directory_with_qlib_conventions()
    {
        QlibStyleDirectory();
        var data = QlibImporter.Import(_root);
        var p = data.Panel;
        Assert.Equal(["SH600000", "SZ000001"], p.Symbols); // the benchmark is not a stock
        Assert.Equal(["close", "volume", "factor"], p.FieldNames);
        // raw close = adjusted / factor, raw volume = volume x factor; before the listing day: missing.
        Assert.True(float.IsNaN(p["close", 0, 0]));
        Assert.Equal([10f, 11f, 6f], p.Series("close", 0)[1..4].ToArray());
        Assert.Equal([100f, 200f, 100f], p.Series("volume", 0)[1..4].ToArray());
        Assert.True(float.IsNaN(p["close", 4, 0]));
        Assert.True(float.IsNaN(p["close", 2, 1]));
        Assert.Equal(4040f, data.Benchmark!.Close[4]);
        Assert.Equal("csi300", data.Universe!.Name);
        Assert.True(data.Universe.IsMember("SZ000001", 2));
        Assert.False(data.Universe.IsMember("SZ000001", 1));
    }

    [Fact]
    public void Dates_out_of_order_in_the_calendar_give_one_line_naming_file_and_line()
    {
        QlibStyleDirectory();
        var path = Write("calendars/day.txt", "2020-01-02\n2020-01-03\n2020-01-07\n2020-01-06\n2020-01-08\n");
        var e = Assert.Throws<InputException>(() => QlibImporter.Import(_root));
        Assert.Equal($"{path}:4: date 2020-01-06 is not after the previous date 2020-01-07; a Qlib calendar must be strictly increasing (sort it and remove duplicates)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_duplicate_or_malformed_calendar_date_names_its_line()
    {
        var path = Write("calendars/day.txt", "2020-01-02\n2020-01-02\n");
        Assert.StartsWith($"{path}:2: date 2020-01-02 is not after", Assert.Throws<InputException>(() => QlibCalendarFile.Read(path)).Message);
        Write("calendars/day.txt", "2020-01-02\n\n2020-13-01\n");
        Assert.StartsWith($"{path}:3: '2020-13-01' is not a date", Assert.Throws<InputException>(() => QlibCalendarFile.Read(path)).Message);
    }

    [Fact]
    public void A_truncated_bin_file_gives_a_clear_error()
    {
        QlibStyleDirectory();
        var path = Path.Combine(_root, "features", "sz000001", "close.day.bin");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^2]);
        var e = Assert.Throws<InputException>(() => QlibImporter.Import(_root));
        Assert.Equal($"{path}: truncated: 22 bytes is not a whole number of float32 values; re-export the file", e.Message);

        // Cut on a value boundary: shorter than the span all.txt gives the instrument.
        File.WriteAllBytes(path, bytes[..^8]);
        e = Assert.Throws<InputException>(() => QlibImporter.Import(_root));
        Assert.StartsWith($"{path}: truncated: its values end on 2020-01-06 but ", e.Message);
        Assert.EndsWith("says SZ000001 runs to 2020-01-08", e.Message);
    }

    [Fact]
    public void Bin_files_that_overrun_the_calendar_or_start_off_it_are_rejected()
    {
        QlibStyleDirectory();
        WriteBin("sz000001", "close", 2, 1, 2, 3, 4);
        var path = Path.Combine(_root, "features", "sz000001", "close.day.bin");
        Assert.StartsWith($"{path}: 4 values from calendar day 2 run 1 day(s) past the end", Assert.Throws<InputException>(() => QlibImporter.Import(_root)).Message);
        WriteBin("sz000001", "close", 1.5f, 1);
        Assert.StartsWith($"{path}: first value 1.5 is not a calendar index", Assert.Throws<InputException>(() => QlibImporter.Import(_root)).Message);
        File.WriteAllBytes(path, []);
        Assert.StartsWith($"{path}: empty file", Assert.Throws<InputException>(() => QlibImporter.Import(_root)).Message);
    }

    [Fact]
    public void Malformed_instruments_lines_name_file_and_line()
    {
        QlibStyleDirectory();
        var path = Write("instruments/all.txt", "SH600000\t2020-01-03\t2020-01-07\nSZ000001\t2020-01-02\n");
        Assert.StartsWith($"{path}:2: expected SYMBOL<TAB>start<TAB>end, found 2 field(s)", Assert.Throws<InputException>(() => QlibImporter.Import(_root)).Message);
        Write("instruments/all.txt", "SH600000\t2020-01-03\t2020-01-07\nSZ000001\t2020-01-02\t2020-01-32\n");
        Assert.StartsWith($"{path}:2: field 3 '2020-01-32' is not a date", Assert.Throws<InputException>(() => QlibImporter.Import(_root)).Message);
        Write("instruments/all.txt", "SH600000\t2020-01-03\t2020-01-02\n");
        Assert.StartsWith($"{path}:1: SH600000 ends (2020-01-02) before it starts", Assert.Throws<InputException>(() => QlibImporter.Import(_root)).Message);
    }

    [Fact]
    public void A_missing_directory_or_calendar_says_what_is_expected()
    {
        var missing = Path.Combine(_root, "nope");
        Assert.Contains("no such directory", Assert.Throws<InputException>(() => QlibImporter.Import(missing)).Message);
        Assert.Contains("calendars/day.txt", Assert.Throws<InputException>(() => QlibImporter.Import(_root)).Message);
    }
}
