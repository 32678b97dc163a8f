using System.Globalization;

namespace AlphaSharp.Tests.Data.Qlib;

/// <summary>
/// Writes small Qlib dump_bin trees for tests with its own BinaryWriter (not the exporter), and reads .bin files back
/// with BinaryReader, so that expected values never pass through the code under test.
/// </summary>
internal sealed class QlibTree : IDisposable
{
    public QlibTree(int days = 60)
    {
        Root = QlibTestData.TempDir();
        Days = QlibTestData.WeekdaysFrom(new DateOnly(2021, 1, 4), days).ToArray();
        Directory.CreateDirectory(Path.Combine(Root, "calendars"));
        Directory.CreateDirectory(Path.Combine(Root, "instruments"));
        Directory.CreateDirectory(Path.Combine(Root, "features"));
        File.WriteAllLines(Path.Combine(Root, "calendars", "day.txt"), Days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    public string Root { get; }
    public DateOnly[] Days { get; }
    public string Features => Path.Combine(Root, "features");
    public string AllPath => Path.Combine(Root, "instruments", "all.txt");

    private readonly List<string> _listed = [];

    /// <summary>Lists a symbol in all.txt over the whole calendar.</summary>
    public void List(string symbol)
    {
        _listed.Add($"{symbol}\t{Days[0]:yyyy-MM-dd}\t{Days[^1]:yyyy-MM-dd}");
        File.WriteAllLines(AllPath, _listed);
    }

    public void Write(string folder, string field, int start, float[] values)
    {
        var dir = Path.Combine(Features, folder);
        Directory.CreateDirectory(dir);
        using var w = new BinaryWriter(File.Create(Path.Combine(dir, field + ".day.bin")));
        w.Write((float)start);
        foreach (var v in values) w.Write(v);
    }

    /// <summary>
    /// A stock of the full calendar: adjusted prices (raw x factor), a factor that doubles on <paramref name="exDate"/>
    /// (a 10-for-10 bonus issue), and volume stored raw (jumps with the factor) or Qlib-adjusted (raw / factor, level).
    /// </summary>
    public void Stock(string folder, int seed, bool rawVolume = true, int exDate = 30, string[]? fields = null)
    {
        var rng = new Random(seed);
        var n = Days.Length;
        var factor = new float[n];
        var close = new float[n];
        var volume = new float[n];
        for (var t = 0; t < n; t++)
        {
            factor[t] = t < exDate ? 1.5f : 3f;
            var raw = (t < exDate ? 20.0 : 10.0) * (1 + 0.02 * (rng.NextDouble() - 0.5));
            close[t] = (float)(raw * factor[t]);
            var shares = (t < exDate ? 1e6 : 2e6) * (0.8 + 0.4 * rng.NextDouble());
            volume[t] = (float)Math.Round(rawVolume ? shares : shares / factor[t]);
        }
        foreach (var field in fields ?? ["open", "high", "low", "close", "volume", "factor"])
            Write(folder, field, 0, field switch { "volume" => volume, "factor" => factor, _ => close });
    }

    public static (int Start, float[] Values) ReadBin(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        var start = (int)r.ReadSingle();
        var values = new float[(r.BaseStream.Length - 4) / 4];
        for (var k = 0; k < values.Length; k++) values[k] = r.ReadSingle();
        return (start, values);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
