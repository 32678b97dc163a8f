using AlphaSharp.Common;

namespace AlphaSharp.Data.Qlib;

/// <summary>How to read a Qlib directory; null leaves a choice to the directory (its manifest, then Qlib's defaults).</summary>
public sealed record QlibImportOptions
{
    /// <summary>Null: raw if AlphaSharp's manifest says so, else Qlib's own adjusted convention.</summary>
    public QlibPriceConvention? Prices { get; init; }

    /// <summary>Instruments file (without .txt) that holds index membership. Null: the manifest's, else csi300, else the only non-"all" file.</summary>
    public string? Universe { get; init; }

    /// <summary>Instrument read as the benchmark instead of a stock. Null: the manifest's, else SH000300 when present.</summary>
    public string? Benchmark { get; init; }
}

/// <summary>Reads a Qlib data directory (daily frequency) into a <see cref="MarketData"/>.</summary>
public static class QlibImporter
{
    public const string DefaultBenchmark = "SH000300";
    public const string DefaultUniverse = "csi300";

    private static readonly string[] PreferredOrder = ["open", "high", "low", "close", "volume", "amount", "factor"];

    public static MarketData Import(string root, QlibImportOptions? options = null, Action<int, int>? progress = null)
    {
        options ??= new QlibImportOptions();
        if (!Directory.Exists(root)) throw new InputException($"{root}: no such directory; expected a Qlib data directory with calendars/, instruments/ and features/");
        var manifest = QlibManifest.TryRead(root);
        var prices = options.Prices ?? manifest?.Prices ?? QlibPriceConvention.Adjusted;
        var calendar = QlibCalendarFile.Read(QlibLayout.CalendarPath(root));

        var allPath = QlibLayout.InstrumentsPath(root, QlibLayout.AllInstruments);
        var spans = ReadSpans(allPath);
        var benchmark = options.Benchmark?.ToUpperInvariant() ?? manifest?.Benchmark
                        ?? (Directory.Exists(Path.Combine(root, QlibLayout.FeaturesDir, QlibLayout.SymbolToDirectory(DefaultBenchmark))) ? DefaultBenchmark : null);
        if (benchmark is not null) spans.Remove(benchmark);

        var symbols = manifest?.Instruments ?? spans.Keys.ToList();
        if (manifest is not null)
            foreach (var s in spans.Keys)
                if (!manifest.Instruments.Contains(s))
                    throw new InputException($"{allPath}: {s} is not among the instruments {QlibManifest.FileName} lists; the directory was changed after export");

        var derived = manifest?.Derived ?? [];
        var fields = manifest?.Fields ?? DiscoverFields(root, spans.Keys);
        fields = fields.Where(f => !derived.Contains(f)).ToList();
        if (fields.Count == 0) throw new InputException($"{Path.Combine(root, QlibLayout.FeaturesDir)}: no <field>.day.bin files found");

        var panel = new Panel(calendar, symbols);
        foreach (var f in fields) panel.SetField(f);
        var done = 0;
        foreach (var (symbol, span) in spans)
        {
            var i = panel.IndexOf(symbol);
            var spanEnd = calendar.IndexOnOrBefore(span.End);
            foreach (var field in fields)
            {
                var path = QlibLayout.FeaturePath(root, symbol, field);
                if (!File.Exists(path))
                {
                    // Qlib itself tolerates a field missing for some instruments; our own exports never omit one.
                    if (manifest is null) continue;
                    throw new InputException($"{path}: file not found, though {allPath} lists {symbol} and {QlibManifest.FileName} lists field '{field}'");
                }
                var series = QlibBinFile.Read(path, calendar.Count);
                var last = series.Start + series.Values.Length - 1;
                if (last < spanEnd)
                    throw new InputException($"{path}: truncated: its values end on {calendar[Math.Max(last, 0)]:yyyy-MM-dd} but {allPath} says {symbol} runs to {span.End:yyyy-MM-dd}");
                series.Values.CopyTo(panel.Series(field, i)[series.Start..]);
            }
            progress?.Invoke(++done, spans.Count);
        }

        var data = new MarketData(panel);
        if (prices == QlibPriceConvention.Adjusted) ToRaw(panel, data, derived);
        data.Universe = ReadUniverse(root, calendar, options.Universe ?? manifest?.Universe);
        if (benchmark is not null) data.Benchmark = ReadBenchmark(root, calendar, benchmark);
        if (manifest is not null)
        {
            foreach (var (k, v) in manifest.Units) data.Units[k] = v;
            data.Industry = new Dictionary<string, string>(manifest.Industry, StringComparer.Ordinal);
            data.Provenance.AddRange(manifest.Provenance);
        }
        data.Provenance.Add($"imported from Qlib directory {Path.GetFullPath(root)} ({prices.ToString().ToLowerInvariant()} prices)");
        return data;
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

    /// <summary>Fields of a directory without a manifest: every field file of any listed instrument.</summary>
    private static List<string> DiscoverFields(string root, IEnumerable<string> symbols)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        const string suffix = "." + QlibLayout.Frequency + ".bin";
        foreach (var symbol in symbols)
        {
            var dir = Path.Combine(root, QlibLayout.FeaturesDir, QlibLayout.SymbolToDirectory(symbol));
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*" + suffix))
                found.Add(Path.GetFileName(file)[..^suffix.Length]);
        }
        return PreferredOrder.Where(found.Contains).Concat(found.Except(PreferredOrder).Order(StringComparer.Ordinal)).ToList();
    }

    /// <summary>Qlib's convention back to ours: raw price = adjusted / factor, raw volume = volume x factor.</summary>
    private static void ToRaw(Panel panel, MarketData data, List<string> derived)
    {
        if (!panel.HasField("factor"))
        {
            // Without a factor the prices cannot be un-adjusted: take them as they are, with factor 1.
            var factor = panel.SetField("factor");
            var close = panel.HasField("close") ? panel.Field("close") : null;
            for (var k = 0; k < factor.Length; k++)
                if (close is not null && !float.IsNaN(close[k])) factor[k] = 1f;
            data.Provenance.Add("qlib import: no factor field; prices taken as given with factor = 1");
            return;
        }
        var f = panel.Field("factor");
        foreach (var field in panel.FieldNames)
        {
            var v = panel.Field(field);
            if (QlibAdjustment.IsPrice(field) || (field == "vwap" && !derived.Contains(field)))
                for (var k = 0; k < v.Length; k++) v[k] = QlibAdjustment.ToRawPrice(v[k], f[k]);
            else if (field == "volume")
                for (var k = 0; k < v.Length; k++) v[k] = QlibAdjustment.ToRawVolume(v[k], f[k]);
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

    private static BenchmarkSeries ReadBenchmark(string root, Calendar calendar, string symbol)
    {
        var cols = new float[QlibExporter.BenchmarkFields.Length][];
        for (var f = 0; f < cols.Length; f++)
        {
            cols[f] = new float[calendar.Count];
            Array.Fill(cols[f], float.NaN);
            var path = QlibLayout.FeaturePath(root, symbol, QlibExporter.BenchmarkFields[f]);
            if (!File.Exists(path)) continue;
            var s = QlibBinFile.Read(path, calendar.Count);
            s.Values.CopyTo(cols[f].AsSpan(s.Start));
        }
        if (cols.All(c => c.All(float.IsNaN)))
            throw new InputException($"{Path.Combine(root, QlibLayout.FeaturesDir, QlibLayout.SymbolToDirectory(symbol))}: benchmark {symbol} has no open/high/low/close/volume values");
        return new BenchmarkSeries(symbol, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }
}
