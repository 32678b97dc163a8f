using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>
/// The on-disk market store: a directory holding <c>manifest.json</c> and one compressed float32 column file (see <see cref="ColumnCodec"/>)
/// per field (plus one for the benchmark). Saving builds the whole directory under a temporary name beside the
/// target and renames it at the end, so a failed save leaves nothing; loading checks the manifest and every file size
/// before decoding, and decodes the columns in parallel.
/// </summary>
public static class MarketStore
{
    private const string ColumnSuffix = ".f32";

    public static void Save(MarketData data, string dir, Action<double>? progress = null)
    {
        var target = System.IO.Path.GetFullPath(dir);
        if (Directory.Exists(target) || File.Exists(target))
            throw new InputException($"{dir}: already exists; choose a new output directory or delete this one first");
        foreach (var name in data.Panel.FieldNames) CheckFieldName(name);
        var parent = System.IO.Path.GetDirectoryName(target) ?? throw new InputException($"{dir}: cannot store at a filesystem root");
        Directory.CreateDirectory(parent);
        var temp = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(target)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var fields = data.Panel.FieldNames.ToArray();
            var columns = new StoreColumn[fields.Length];
            var done = 0;
            Unwrapped(() => Parallel.For(0, fields.Length, f =>
            {
                var name = fields[f];
                var file = name + ColumnSuffix;
                var (bytes, encoding) = ColumnCodec.EncodeToFile(data.Panel.Field(name), System.IO.Path.Combine(temp, file));
                columns[f] = new StoreColumn(name, data.Units.GetValueOrDefault(name, ""), file, encoding, bytes,
                    FieldCoverage.Of(data, name));
                progress?.Invoke((double)Interlocked.Increment(ref done) / (fields.Length + 1));
            }));
            StoreColumn? benchmark = null;
            if (data.Benchmark is { } b)
            {
                var (bytes, encoding) = ColumnCodec.Encode(BenchmarkColumns(b, data.Calendar.Count));
                const string file = "benchmark" + ColumnSuffix;
                File.WriteAllBytes(System.IO.Path.Combine(temp, file), bytes);
                benchmark = new StoreColumn(b.Symbol, "", file, encoding, bytes.Length, 1);
            }
            var manifest = new StoreManifest
            {
                Days = data.Calendar.Days.ToArray(),
                Symbols = data.Panel.Symbols.ToArray(),
                Fields = columns,
                UniverseName = data.Universe?.Name,
                Spells = data.Universe?.Spells.ToArray(),
                BenchmarkSymbol = data.Benchmark?.Symbol,
                Benchmark = benchmark,
                Industry = data.Industry,
                Provenance = data.Provenance.ToArray(),
            };
            File.WriteAllBytes(System.IO.Path.Combine(temp, StoreManifest.FileName), manifest.ToJson());
            Directory.Move(temp, target);
            progress?.Invoke(1.0);
        }
        catch
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <param name="fields">Only these fields (in store order); null loads them all. Decoding is most of the load
    /// time, so a study that reads a few fields loads faster asking for just those.</param>
    public static MarketData Load(string dir, IReadOnlyCollection<string>? fields = null)
    {
        var manifestPath = System.IO.Path.Combine(dir, StoreManifest.FileName);
        if (!Directory.Exists(dir)) throw new InputException($"{dir}: no such store directory");
        if (!File.Exists(manifestPath)) throw new InputException($"{dir}: not a market store (no {StoreManifest.FileName})");
        var manifest = StoreManifest.Parse(manifestPath, File.ReadAllBytes(manifestPath));
        var calendar = new Calendar(manifest.Days);
        var panel = new Panel(calendar, manifest.Symbols);
        var cells = panel.N * panel.T;
        var wanted = manifest.Fields;
        if (fields is not null)
        {
            foreach (var name in fields)
                if (!manifest.Fields.Any(f => f.Name == name))
                    throw new InputException($"{dir}: no field '{name}' in this store (have: {string.Join(", ", manifest.Fields.Select(f => f.Name))})");
            wanted = manifest.Fields.Where(f => fields.Contains(f.Name)).ToArray();
        }
        var jobs = new List<(StoreColumn Column, float[] Values)>();
        foreach (var column in wanted)
        {
            CheckFieldName(column.Name);
            CheckFile(dir, column);
            jobs.Add((column, new float[cells]));
        }
        if (manifest.Benchmark is { } bench)
        {
            CheckFile(dir, bench);
            jobs.Add((bench, new float[StoreManifest.BenchmarkSeries.Length * calendar.Count]));
        }
        // Largest files first, so the two cores finish together.
        Unwrapped(() => Parallel.ForEach(jobs.OrderByDescending(j => j.Column.Bytes), job =>
        {
            var bytes = File.ReadAllBytes(System.IO.Path.Combine(dir, job.Column.File));
            if (!ColumnCodec.TryDecode(bytes, job.Column.Encoding, job.Values))
                throw new InputException($"{System.IO.Path.Combine(dir, job.Column.File)}: does not decode to {job.Values.Length:N0} float32 values; the store is damaged, re-import it");
        }));
        var data = new MarketData(panel);
        for (var f = 0; f < wanted.Length; f++)
        {
            panel.SetField(wanted[f].Name, jobs[f].Values);
            if (wanted[f].Unit.Length > 0) data.Units[wanted[f].Name] = wanted[f].Unit;
        }
        if (manifest.Benchmark is not null)
        {
            var all = jobs[^1].Values;
            var T = calendar.Count;
            float[] Series(int k) => all.AsSpan(k * T, T).ToArray();
            data.Benchmark = new BenchmarkSeries(manifest.BenchmarkSymbol!, Series(0), Series(1), Series(2), Series(3), Series(4));
        }
        if (manifest.Spells is not null) data.Universe = new Universe(manifest.UniverseName ?? "universe", calendar, manifest.Spells);
        data.Industry = manifest.Industry;
        data.Provenance.AddRange(manifest.Provenance);
        return data;
    }

    // Parallel loops wrap what a body throws; the caller should see the one-line InputException itself.
    private static void Unwrapped(Action loop)
    {
        try
        {
            loop();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    private static float[] BenchmarkColumns(BenchmarkSeries b, int days)
    {
        var series = new[] { b.Open, b.High, b.Low, b.Close, b.Volume };
        var all = new float[series.Length * days];
        for (var k = 0; k < series.Length; k++)
        {
            if (series[k].Length != days)
                throw new ArgumentException($"benchmark {b.Symbol}: series {StoreManifest.BenchmarkSeries[k]} has {series[k].Length} values, the calendar {days}");
            series[k].CopyTo(all, k * days);
        }
        return all;
    }

    private static void CheckFile(string dir, StoreColumn column)
    {
        if (column.File.Contains('/') || column.File.Contains('\\') || column.File.StartsWith('.'))
            throw new InputException($"{dir}: manifest names column file '{column.File}', which is not a plain file name");
        var path = System.IO.Path.Combine(dir, column.File);
        var info = new FileInfo(path);
        if (!info.Exists) throw new InputException($"{path}: column file of '{column.Name}' is missing; the store is damaged, re-import it");
        if (info.Length != column.Bytes)
            throw new InputException($"{path}: {info.Length:N0} bytes, the manifest says {column.Bytes:N0}; the store is damaged, re-import it");
    }

    private static void CheckFieldName(string name)
    {
        if (name.Length == 0 || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            throw new InputException($"field '{name}': a stored field name must be 1-64 ASCII letters, digits, '_' or '-'");
    }
}
