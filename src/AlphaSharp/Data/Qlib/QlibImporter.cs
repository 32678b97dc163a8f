using AlphaSharp.Common;

namespace AlphaSharp.Data.Qlib;

/// <summary>Reads a Qlib data directory (daily frequency) into a <see cref="MarketData"/>.</summary>
public static class QlibImporter
{
    public const string DefaultBenchmark = "SH000300";
    public const string DefaultUniverse = "csi300";

    /// <summary>Findings are kept in the store's provenance under this prefix, so that `data info` still shows them.</summary>
    public const string FindingPrefix = "qlib import finding: ";

    private static readonly string[] PreferredOrder = ["open", "high", "low", "close", "volume", "amount", "factor"];

    public static MarketData Import(string root, QlibImportOptions? options = null, Action<int, int>? progress = null) =>
        Read(root, options, progress).Data;

    /// <summary>Imports and also returns the findings: what the tree lacks or does oddly, which the caller should show.</summary>
    public static QlibImport Read(string root, QlibImportOptions? options = null, Action<int, int>? progress = null)
    {
        options ??= new QlibImportOptions();
        if (!Directory.Exists(root)) throw new InputException($"{root}: no such directory; expected a Qlib data directory with calendars/, instruments/ and features/");
        var manifest = QlibManifest.TryRead(root);
        var prices = options.Prices ?? manifest?.Prices ?? QlibPriceConvention.Adjusted;
        var calendar = QlibCalendarFile.Read(QlibLayout.CalendarPath(root));
        var findings = new List<string>();

        var allPath = QlibLayout.InstrumentsPath(root, QlibLayout.AllInstruments);
        var spans = ReadSpans(allPath);
        var folders = new QlibFeatureFolders(root);
        if (folders.NotLowerCase.Count > 0)
            findings.Add($"{folders.FeaturesPath}: {Few(folders.NotLowerCase, "folders")} {(folders.NotLowerCase.Count == 1 ? "is" : "are")} not named in Qlib's lower case; read whatever the case");
        var benchmark = ChooseBenchmark(options, manifest, spans, folders);
        if (benchmark is not null) spans.Remove(benchmark);
        if (manifest is null)
        {
            // Index series listed beside stocks would otherwise become stocks with index-sized prices and volumes.
            var indices = spans.Keys.Where(QlibIndexCodes.IsIndex).Order(StringComparer.Ordinal).ToList();
            foreach (var s in indices) spans.Remove(s);
            if (indices.Count > 0)
                findings.Add($"{allPath}: {Few(indices)} {(indices.Count == 1 ? "is an index series" : "are index series")}, not imported as stocks " +
                             $"(the benchmark is {benchmark ?? "none"}; set the benchmark symbol to use another)");
        }

        var symbols = manifest?.Instruments ?? spans.Keys.ToList();
        if (manifest is not null)
            foreach (var s in spans.Keys)
                if (!manifest.Instruments.Contains(s))
                    throw new InputException($"{allPath}: {s} is not among the instruments {QlibManifest.FileName} lists; the directory was changed after export");

        var listed = spans.Values.ToArray();
        var folderOf = new string?[listed.Length];
        var fieldsOf = new List<string>[listed.Length];
        var noFolder = new List<string>();
        for (var k = 0; k < listed.Length; k++)
        {
            folderOf[k] = folders.Find(listed[k].Symbol);
            fieldsOf[k] = folderOf[k] is { } folder ? QlibFeatureFolders.FieldsIn(folder) : [];
            if (folderOf[k] is null) noFolder.Add(listed[k].Symbol);
        }
        if (manifest is not null && noFolder.Count > 0)
            throw new InputException($"{folders.FeaturesPath}: no folder for {noFolder[0]}, though {allPath} lists it; the directory was changed after export");
        if (noFolder.Count > 0)
            findings.Add($"{folders.FeaturesPath}: no folder for {Few(noFolder)} listed in {allPath}; {(noFolder.Count == 1 ? "it is" : "they are")} kept without data");
        var unlisted = folders.Symbols.Where(s => !spans.ContainsKey(s) && s != benchmark && (manifest is not null || !QlibIndexCodes.IsIndex(s)))
            .Order(StringComparer.Ordinal).ToList();
        if (unlisted.Count > 0)
            findings.Add($"{folders.FeaturesPath}: {Few(unlisted)} {(unlisted.Count == 1 ? "has a folder but is" : "have folders but are")} not listed in {allPath}; not imported");

        var derived = manifest?.Derived ?? [];
        var fields = manifest?.Fields ?? OrderFields(fieldsOf);
        fields = fields.Where(f => !derived.Contains(f)).ToList();
        if (fields.Count == 0)
            throw new InputException($"{folders.FeaturesPath}: no <field>.day.bin files found for any of the {listed.Length} instruments in {allPath}; " +
                                     "is this the features folder of a Qlib dump_bin tree?");
        ReportMissingFields(listed, folderOf, fieldsOf, fields, manifest is not null, allPath, findings);

        var panel = new Panel(calendar, symbols);
        foreach (var f in fields) panel.SetField(f);
        ReadAll(panel, calendar, listed, folderOf, fieldsOf, fields, allPath, progress);
        var withPrice = CountWithPrice(panel);
        // Our own exports read back whatever was exported; a foreign tree without prices is a wrong path or a broken dump.
        if (withPrice == 0 && manifest is null)
            throw new InputException($"{folders.FeaturesPath}: none of the {listed.Length} instruments in {allPath} has an open, high, low or close value " +
                                     $"({listed.Length - noFolder.Count} have a folder); a store needs prices, check features/<symbol>/close.{QlibLayout.Frequency}.bin");

        var volume = ChooseVolume(options, manifest, panel, prices, findings, out var volumeNote);
        var data = new MarketData(panel);
        if (volumeNote is not null) data.Provenance.Add(volumeNote);
        ToRaw(panel, data, derived, prices, volume);
        data.Universe = ReadUniverse(root, calendar, options.Universe ?? manifest?.Universe);
        if (benchmark is not null) data.Benchmark = ReadBenchmark(folders, calendar, benchmark);
        if (manifest is not null)
        {
            foreach (var (k, v) in manifest.Units) data.Units[k] = v;
            data.Industry = new Dictionary<string, string>(manifest.Industry, StringComparer.Ordinal);
            data.Provenance.AddRange(manifest.Provenance);
        }
        data.Provenance.Add($"imported from Qlib directory {Path.GetFullPath(root)} ({prices.ToString().ToLowerInvariant()} prices, " +
                            $"{volume.ToString().ToLowerInvariant()} volume; {withPrice} of {panel.N} instruments with prices" +
                            (benchmark is null ? "" : $", benchmark {benchmark}") + ")");
        data.Provenance.AddRange(findings.Select(f => FindingPrefix + f));
        return new QlibImport(data, findings);
    }

    /// <summary>A list for a one-line message: the count and the first few names.</summary>
    internal static string Few(IReadOnlyList<string> names, string noun = "instruments", int shown = 5) =>
        names.Count == 1 ? names[0]
        : $"{names.Count} {noun} ({string.Join(", ", names.Take(shown))}{(names.Count > shown ? ", ..." : "")})";

    private static string? ChooseBenchmark(QlibImportOptions options, QlibManifest? manifest, Dictionary<string, MembershipSpell> spans, QlibFeatureFolders folders)
    {
        if (options.Benchmark is { } named) return named.ToUpperInvariant();
        if (manifest is not null) return manifest.Benchmark;
        if (folders.Find(DefaultBenchmark) is not null) return DefaultBenchmark;
        var indices = spans.Keys.Where(QlibIndexCodes.IsIndex).Where(s => folders.Find(s) is not null).Take(2).ToList();
        return indices.Count == 1 ? indices[0] : null;
    }

    private static void ReportMissingFields(MembershipSpell[] listed, string?[] folderOf, List<string>[] fieldsOf, List<string> fields,
        bool strict, string allPath, List<string> findings)
    {
        var lacking = new List<string>();
        for (var k = 0; k < listed.Length; k++)
        {
            if (folderOf[k] is not { } folder) continue;
            List<string>? missing = null;
            foreach (var f in fields)
                if (!fieldsOf[k].Contains(f)) (missing ??= []).Add(f);
            if (missing is null) continue;
            // Our own exports never omit a field: a missing one means the directory was damaged.
            if (strict)
                throw new InputException($"{QlibFeatureFolders.FieldPath(folder, missing[0])}: file not found, though {allPath} lists {listed[k].Symbol} and {QlibManifest.FileName} lists field '{missing[0]}'");
            lacking.Add($"{listed[k].Symbol} ({string.Join(" ", missing)})");
        }
        if (lacking.Count > 0)
            findings.Add($"{lacking.Count} instrument folder(s) lack field files, left missing: {string.Join(", ", lacking.Take(5))}{(lacking.Count > 5 ? ", ..." : "")}");
    }

    /// <summary>
    /// Reads every file straight into the panel: one reused buffer per worker and no per-file arrays, which on a full
    /// public tree (50,000 files) is what kept the import slow and its memory high.
    /// </summary>
    private static void ReadAll(Panel panel, Calendar calendar, MembershipSpell[] listed, string?[] folderOf, List<string>[] fieldsOf,
        List<string> fields, string allPath, Action<int, int>? progress)
    {
        var columns = fields.Select(panel.Field).ToArray();
        var errors = new Exception?[listed.Length];
        var done = 0;
        var gate = new object();
        Parallel.For(0, listed.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
            () => new byte[4 * (calendar.Count + 1)],
            (k, state, buffer) =>
            {
                try
                {
                    if (folderOf[k] is { } folder) ReadInstrument(panel, calendar, listed[k], folder, fieldsOf[k], fields, columns, allPath, ref buffer);
                }
                catch (InputException e)
                {
                    errors[k] = e;
                    state.Stop();
                }
                var n = Interlocked.Increment(ref done);
                if (progress is not null) lock (gate) progress(n, listed.Length);
                return buffer;
            },
            _ => { });
        // The first failing instrument in all.txt order, so that the same tree always gives the same message.
        foreach (var e in errors)
            if (e is not null) throw e;
    }

    private static void ReadInstrument(Panel panel, Calendar calendar, MembershipSpell span, string folder, List<string> present,
        List<string> fields, float[][] columns, string allPath, ref byte[] buffer)
    {
        var i = panel.IndexOf(span.Symbol);
        var spanEnd = calendar.IndexOnOrBefore(span.End);
        for (var f = 0; f < fields.Count; f++)
        {
            if (!present.Contains(fields[f])) continue;
            var path = QlibFeatureFolders.FieldPath(folder, fields[f]);
            var (start, count) = QlibBinFile.ReadInto(path, columns[f].AsSpan(i * panel.T, panel.T), ref buffer);
            var last = start + count - 1;
            if (last < spanEnd)
                throw new InputException($"{path}: truncated: its values end on {calendar[Math.Max(last, 0)]:yyyy-MM-dd} but {allPath} says {span.Symbol} runs to {span.End:yyyy-MM-dd}");
        }
    }

    /// <summary>Instruments with at least one open, high, low or close value.</summary>
    internal static int CountWithPrice(Panel panel)
    {
        var priced = QlibAdjustment.PriceFields.Where(panel.HasField).Select(panel.Field).ToArray();
        var count = 0;
        for (var i = 0; i < panel.N; i++)
        {
            var has = false;
            foreach (var column in priced)
            {
                var s = column.AsSpan(i * panel.T, panel.T);
                for (var t = 0; t < s.Length && !has; t++) has = !float.IsNaN(s[t]);
                if (has) break;
            }
            if (has) count++;
        }
        return count;
    }

    private static QlibVolumeConvention ChooseVolume(QlibImportOptions options, QlibManifest? manifest, Panel panel, QlibPriceConvention prices,
        List<string> findings, out string? note)
    {
        note = null;
        if (manifest is not null && options.Volume is null)
            return manifest.Prices == QlibPriceConvention.Adjusted ? QlibVolumeConvention.Adjusted : QlibVolumeConvention.Raw;
        var evidence = QlibVolumeCheck.Examine(panel, prices);
        if (options.Volume is { } chosen)
        {
            if (evidence?.Verdict is { } seen && seen != chosen)
                findings.Add($"volume convention is set to {Name(chosen)} but the data look {Name(seen)}: {evidence.Describe()}; " +
                             (seen == QlibVolumeConvention.Raw
                                 ? "multiplying raw shares by the factor inflates them (up to the factor, often 10x or more); set the volume convention to raw"
                                 : "these volumes are raw / factor, so read as raw they are too small by the factor; set the volume convention to adjusted"));
            return chosen;
        }
        if (evidence?.Verdict is { } found)
        {
            note = $"volume convention: {Name(found)}, found from the data: {evidence.Describe()}";
            return found;
        }
        note = "volume convention: adjusted (Qlib's cn_data, raw / factor), the default; the data could not tell" +
               (evidence is null ? " (no volume or factor field)" : $": {evidence.Describe()}");
        return QlibVolumeConvention.Adjusted;
    }

    private static string Name(QlibVolumeConvention v) => v == QlibVolumeConvention.Raw ? "raw" : "adjusted";

    private static List<string> OrderFields(List<string>[] fieldsOf)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in fieldsOf) found.UnionWith(list);
        return PreferredOrder.Where(found.Contains).Concat(found.Except(PreferredOrder).Order(StringComparer.Ordinal)).ToList();
    }

    private static Dictionary<string, MembershipSpell> ReadSpans(string allPath)
    {
        if (!File.Exists(allPath)) throw new InputException($"{allPath}: file not found; a Qlib directory lists its instruments there");
        var spans = new Dictionary<string, MembershipSpell>(StringComparer.Ordinal);
        var line = 0;
        foreach (var s in QlibInstrumentsFile.Read(allPath))
        {
            line++;
            if (!spans.TryAdd(s.Symbol, s))
                throw new InputException($"{allPath}: {s.Symbol} is listed twice (entry {line}); all.txt has one line per instrument");
        }
        return spans;
    }

    /// <summary>
    /// Qlib's conventions back to ours, in place: raw price = adjusted / factor; raw volume = volume x factor when the
    /// volume is adjusted.
    /// </summary>
    private static void ToRaw(Panel panel, MarketData data, List<string> derived, QlibPriceConvention prices, QlibVolumeConvention volume)
    {
        if (prices == QlibPriceConvention.Raw && volume == QlibVolumeConvention.Raw) return;
        if (!panel.HasField("factor"))
        {
            if (prices == QlibPriceConvention.Raw) return;
            // Without a factor the prices cannot be un-adjusted: take them as they are, with factor 1.
            var factor = panel.SetField("factor");
            var close = panel.HasField("close") ? panel.Field("close") : null;
            for (var k = 0; k < factor.Length; k++)
                if (close is not null && !float.IsNaN(close[k])) factor[k] = 1f;
            data.Provenance.Add("qlib import: no factor field; prices taken as given with factor = 1");
            return;
        }
        var f = panel.Field("factor");
        var T = panel.T;
        foreach (var field in panel.FieldNames)
        {
            var v = panel.Field(field);
            var price = prices == QlibPriceConvention.Adjusted && (QlibAdjustment.IsPrice(field) || (field == "vwap" && !derived.Contains(field)));
            var vol = volume == QlibVolumeConvention.Adjusted && field == "volume";
            if (!price && !vol) continue;
            Parallel.For(0, panel.N, i =>
            {
                var row = v.AsSpan(i * T, T);
                var fr = f.AsSpan(i * T, T);
                if (price)
                    for (var t = 0; t < row.Length; t++) row[t] = QlibAdjustment.ToRawPrice(row[t], fr[t]);
                else
                    for (var t = 0; t < row.Length; t++) row[t] = QlibAdjustment.ToRawVolume(row[t], fr[t]);
            });
        }
    }

    private static Universe? ReadUniverse(string root, Calendar calendar, string? name)
    {
        var dir = Path.Combine(root, QlibLayout.InstrumentsDir);
        if (name is null)
        {
            var candidates = Directory.EnumerateFiles(dir, "*.txt")
                .Select(p => Path.GetFileNameWithoutExtension(p))
                .Where(n => !n.Equals(QlibLayout.AllInstruments, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
            name = candidates.Contains(DefaultUniverse) ? DefaultUniverse : candidates.Count == 1 ? candidates[0] : null;
            if (name is null) return null;
        }
        var path = QlibLayout.InstrumentsPath(root, name);
        if (!File.Exists(path)) throw new InputException($"{path}: file not found; no instruments file for universe '{name}'");
        return new Universe(name, calendar, QlibInstrumentsFile.Read(path));
    }

    private static BenchmarkSeries ReadBenchmark(QlibFeatureFolders folders, Calendar calendar, string symbol)
    {
        var folder = folders.Find(symbol)
                     ?? throw new InputException($"{folders.FeaturesPath}: no folder for benchmark {symbol} (in any case); set the benchmark symbol to an instrument that has one");
        var cols = new float[QlibExporter.BenchmarkFields.Length][];
        var buffer = new byte[4 * (calendar.Count + 1)];
        for (var f = 0; f < cols.Length; f++)
        {
            cols[f] = new float[calendar.Count];
            Array.Fill(cols[f], float.NaN);
            var path = QlibFeatureFolders.FieldPath(folder, QlibExporter.BenchmarkFields[f]);
            if (File.Exists(path)) QlibBinFile.ReadInto(path, cols[f], ref buffer);
        }
        if (cols.All(c => c.All(float.IsNaN)))
            throw new InputException($"{folder}: benchmark {symbol} has no open/high/low/close/volume values");
        return new BenchmarkSeries(symbol, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }
}
