using System.Globalization;
using System.IO.Compression;
using System.Text;
using AlphaSharp.Common;

namespace AlphaSharp.Data.Export;

/// <summary>
/// Writes a <see cref="MarketData"/> as the long CSV files the importer reads: <c>bars.csv</c> (date, symbol and the
/// price fields), <c>fields.csv</c> (every other field, rows where any has a value), <c>&lt;universe&gt;_membership.csv</c>
/// (the importer names the universe after the file), <c>benchmark.csv</c> and <c>industry.csv</c>, optionally gzip-compressed. Floats are written in their shortest
/// round-trip form, so reading them back gives the same float32 values; missing is an empty field.
/// </summary>
public static class LongCsvExporter
{
    public static readonly string[] BarFields = ["open", "high", "low", "close", "volume", "amount", "factor"];

    /// <summary>Builds the directory under a temporary name and renames it to <paramref name="outDir"/>, which must not exist.</summary>
    public static IReadOnlyList<string> Export(MarketData data, string outDir, bool gzip, Action<int, int>? progress = null)
    {
        using var staged = new StagedDirectory(outDir);
        var files = WriteInto(data, staged.Path, gzip, progress);
        staged.Commit();
        return files;
    }

    /// <summary>Writes into an existing directory; returns the file names written. Progress counts calendar days written.</summary>
    public static IReadOnlyList<string> WriteInto(MarketData data, string dir, bool gzip, Action<int, int>? progress = null)
    {
        var panel = data.Panel;
        var ext = gzip ? ".csv.gz" : ".csv";
        var written = new List<string>();
        var bars = BarFields.Where(panel.HasField).ToList();
        var extra = panel.FieldNames.Where(f => !BarFields.Contains(f)).ToList();
        var total = panel.T * ((bars.Count > 0 ? 1 : 0) + (extra.Count > 0 ? 1 : 0));
        var done = 0;
        Action<int>? dayDone = progress is null ? null : _ => progress(++done, total);
        if (bars.Count > 0)
        {
            WritePanel(data, Path.Combine(dir, "bars" + ext), gzip, bars, dayDone);
            written.Add("bars" + ext);
        }
        if (extra.Count > 0)
        {
            WritePanel(data, Path.Combine(dir, "fields" + ext), gzip, extra, dayDone);
            written.Add("fields" + ext);
        }
        if (data.Universe is { } universe)
        {
            var name = universe.Name.Length > 0 && universe.Name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 ? universe.Name : "universe";
            var file = name + "_membership.csv";
            using var w = Open(Path.Combine(dir, file), false);
            w.Write("symbol,start,end\n");
            foreach (var s in universe.Spells)
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{s.Symbol},{s.Start:yyyy-MM-dd},{s.End:yyyy-MM-dd}\n"));
            written.Add(file);
        }
        if (data.Benchmark is { } b)
        {
            using var w = Open(Path.Combine(dir, "benchmark" + ext), gzip);
            w.Write("date,symbol,open,high,low,close,volume\n");
            float[][] cols = [b.Open, b.High, b.Low, b.Close, b.Volume];
            var buf = new char[64];
            for (var t = 0; t < data.Calendar.Count; t++)
            {
                if (cols.All(c => float.IsNaN(c[t]))) continue;
                w.Write(data.Calendar[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.Write(',');
                w.Write(b.Symbol);
                foreach (var c in cols) WriteValue(w, c[t], buf);
                w.Write('\n');
            }
            written.Add("benchmark" + ext);
        }
        if (data.Industry.Count > 0)
        {
            using var w = Open(Path.Combine(dir, "industry.csv"), false);
            w.Write("symbol,industry\n");
            foreach (var (symbol, industry) in data.Industry.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                w.Write($"{symbol},{Quote(industry)}\n");
            written.Add("industry.csv");
        }
        return written;
    }

    /// <summary>One row per (date, symbol) that has a value in any of <paramref name="fields"/>; date then symbol order.</summary>
    private static void WritePanel(MarketData data, string path, bool gzip, List<string> fields, Action<int>? dayDone)
    {
        var p = data.Panel;
        var cols = fields.Select(p.Field).ToArray();
        var order = Enumerable.Range(0, p.N).OrderBy(i => p.Symbols[i], StringComparer.Ordinal).ToArray();
        using var w = Open(path, gzip);
        w.Write("date,symbol," + string.Join(",", fields) + "\n");
        var buf = new char[64];
        for (var t = 0; t < p.T; t++)
        {
            var date = p.Calendar[t].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var i in order)
            {
                var k = i * p.T + t;
                var any = false;
                foreach (var c in cols)
                    if (!float.IsNaN(c[k])) { any = true; break; }
                if (!any) continue;
                w.Write(date);
                w.Write(',');
                w.Write(p.Symbols[i]);
                foreach (var c in cols) WriteValue(w, c[k], buf);
                w.Write('\n');
            }
            dayDone?.Invoke(t);
        }
    }

    private static void WriteValue(StreamWriter w, float v, char[] buf)
    {
        w.Write(',');
        if (float.IsNaN(v)) return;
        // Whole numbers (volumes, amounts) as plain integers, which name the float exactly; the rest in .NET's default
        // format, the shortest string that parses back to the same float32. Either way a reader gets the same bits.
        var ok = v != 0 && v == MathF.Round(v) && Math.Abs(v) < 1e15f
            ? ((long)v).TryFormat(buf, out var n, default, CultureInfo.InvariantCulture)
            : v.TryFormat(buf, out n, default, CultureInfo.InvariantCulture);
        if (!ok) throw new InvalidOperationException($"cannot format {v}");
        w.Write(buf, 0, n);
    }

    private static StreamWriter Open(string path, bool gzip)
    {
        Stream s = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        if (gzip) s = new GZipStream(s, CompressionLevel.Optimal);
        return new StreamWriter(s, new UTF8Encoding(false), 1 << 16);
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
