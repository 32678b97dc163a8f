using System.Text.Json;
using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Common;

public sealed class AtomicWriteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("alphasharp-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_failing_write_leaves_nothing_and_keeps_the_old_file()
    {
        var path = Path.Combine(_dir, "out.csv");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, w =>
        {
            w.Write(new string('x', 200_000));
            throw new InvalidOperationException("boom");
        }));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));

        AtomicFile.WriteAllText(path, "old\n");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, w =>
        {
            w.Write("new, half");
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_file_set_disposed_without_commit_leaves_nothing()
    {
        using (var files = new AtomicFileSet())
        {
            files.AddText(Path.Combine(_dir, "a.txt"), "a");
            files.AddText(Path.Combine(_dir, "b.txt"), "b");
            Assert.Equal(2, Directory.GetFiles(_dir).Length); // two hidden temporaries
            Assert.All(Directory.GetFiles(_dir), f => Assert.StartsWith(".", Path.GetFileName(f)));
        }
        Assert.Empty(Directory.GetFileSystemEntries(_dir));

        using (var files = new AtomicFileSet())
        {
            files.AddText(Path.Combine(_dir, "a.txt"), "a");
            Assert.Throws<InvalidOperationException>(() => files.Add(Path.Combine(_dir, "b.txt"), _ => throw new InvalidOperationException("boom")));
        }
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_csv_row_of_the_wrong_width_writes_nothing()
    {
        var path = Path.Combine(_dir, "t.csv");
        Assert.Throws<ArgumentException>(() => CsvTable.Write(path, ["a", "b"], [["1", "2"], ["3"]]));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Writing_onto_a_directory_is_one_clear_error()
    {
        var e = Assert.Throws<InputException>(() => AtomicFile.WriteAllText(_dir, "x"));
        Assert.Contains("is a directory", e.Message);
    }

    [Fact]
    public void Csv_quotes_what_needs_quoting_and_numbers_round_trip()
    {
        var path = Path.Combine(_dir, "q.csv");
        var x = 0.1 + 0.2;
        CsvTable.Write(path, ["name", "value"], [["a,b", CsvTable.Number(x)], ["say \"hi\"", CsvTable.Number(double.NaN)]]);
        var lines = File.ReadAllLines(path);
        Assert.Equal(["name,value", "\"a,b\",0.30000000000000004", "\"say \"\"hi\"\"\","], lines);
        Assert.Equal(x, double.Parse(lines[1].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Json_writes_non_finite_numbers_as_null()
    {
        var path = Path.Combine(_dir, "m.json");
        JsonOutput.Write(path, w =>
        {
            w.WriteStartObject();
            JsonOutput.Number(w, "a", 1.5);
            JsonOutput.Number(w, "b", double.NaN);
            JsonOutput.Number(w, "c", double.PositiveInfinity);
            w.WriteEndObject();
        });
        var doc = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal(1.5, doc.GetProperty("a").GetDouble());
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("b").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("c").ValueKind);
    }
}
