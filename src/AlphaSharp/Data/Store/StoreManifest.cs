using System.Text.Encodings.Web;
using System.Text.Json;
using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>One compressed float32 column file of a store, as the manifest describes it.</summary>
public sealed record StoreColumn(string Name, string Unit, string File, ColumnEncoding Encoding, long Bytes, double Coverage);

/// <summary>
/// <c>manifest.json</c> of a market store: what a loader needs to rebuild the <see cref="MarketData"/> and check the
/// column files, plus figures a person reads (coverage, provenance). Written and read with the low-level JSON API so
/// loading does not pay for reflection-based serialisation.
/// </summary>
public sealed class StoreManifest
{
    public const string FormatName = "alphasharp-market-store";
    public const int FormatVersion = 1;
    public const string FileName = "manifest.json";

    public required DateOnly[] Days { get; init; }
    public required string[] Symbols { get; init; }
    public required StoreColumn[] Fields { get; init; }
    public string? UniverseName { get; init; }
    public MembershipSpell[]? Spells { get; init; }
    public string? BenchmarkSymbol { get; init; }
    public StoreColumn? Benchmark { get; init; }
    public required IReadOnlyDictionary<string, string> Industry { get; init; }
    public required string[] Provenance { get; init; }

    public static readonly string[] BenchmarkSeries = ["open", "high", "low", "close", "volume"];

    public byte[] ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", FormatVersion);
            w.WriteStartObject("calendar");
            w.WriteString("first", Days.Length > 0 ? Iso(Days[0]) : "");
            w.WriteString("last", Days.Length > 0 ? Iso(Days[^1]) : "");
            w.WriteNumber("count", Days.Length);
            w.WriteStartArray("days");
            foreach (var d in Days) w.WriteStringValue(Iso(d));
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("instruments");
            foreach (var s in Symbols) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartArray("fields");
            foreach (var f in Fields) WriteColumn(w, f);
            w.WriteEndArray();
            if (Spells is not null)
            {
                w.WriteStartObject("universe");
                w.WriteString("name", UniverseName ?? "universe");
                w.WriteStartArray("spells");
                foreach (var s in Spells)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(s.Symbol);
                    w.WriteStringValue(Iso(s.Start));
                    w.WriteStringValue(Iso(s.End));
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            if (Benchmark is not null)
            {
                w.WritePropertyName("benchmark");
                w.WriteStartObject();
                w.WriteString("symbol", BenchmarkSymbol);
                w.WriteStartArray("series");
                foreach (var s in BenchmarkSeries) w.WriteStringValue(s);
                w.WriteEndArray();
                w.WriteString("file", Benchmark.File);
                w.WriteString("encoding", ColumnCodec.Name(Benchmark.Encoding));
                w.WriteNumber("bytes", Benchmark.Bytes);
                w.WriteEndObject();
            }
            w.WriteStartObject("industry");
            w.WriteString("note", "a snapshot, not point-in-time: using it for earlier dates is a mild look-ahead");
            w.WriteStartObject("map");
            foreach (var (symbol, industry) in Industry.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(symbol, industry);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("provenance");
            foreach (var p in Provenance) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static void WriteColumn(Utf8JsonWriter w, StoreColumn f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WriteString("unit", f.Unit);
        w.WriteString("file", f.File);
        w.WriteString("encoding", ColumnCodec.Name(f.Encoding));
        w.WriteNumber("bytes", f.Bytes);
        w.WriteNumber("coverage", Math.Round(f.Coverage, 6));
        w.WriteEndObject();
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a manifest; any missing or malformed part is one line naming the part.</summary>
    public static StoreManifest Parse(string path, ReadOnlySpan<byte> json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not valid JSON ({e.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            var reader = new ManifestReader(path);
            if (reader.String(root, "format") != FormatName)
                throw new InputException($"{path}: not an AlphaSharp market store manifest (format is not '{FormatName}')");
            var version = reader.Int(root, "version");
            if (version != FormatVersion)
                throw new InputException($"{path}: store format version {version}, this build reads version {FormatVersion}; re-import the data");
            var calendar = reader.Object(root, "calendar");
            var days = reader.Array(calendar, "days").EnumerateArray().Select(e => reader.Date(e, "calendar.days")).ToArray();
            if (reader.Int(calendar, "count") != days.Length)
                throw new InputException($"{path}: calendar.count says {reader.Int(calendar, "count")} but {days.Length} days are listed");
            var symbols = reader.Array(root, "instruments").EnumerateArray().Select(e => reader.Text(e, "instruments")).ToArray();
            var fields = reader.Array(root, "fields").EnumerateArray().Select(e => reader.Column(e, "fields")).ToArray();
            string? universeName = null;
            MembershipSpell[]? spells = null;
            if (root.TryGetProperty("universe", out var universe))
            {
                universeName = reader.String(universe, "name");
                spells = reader.Array(universe, "spells").EnumerateArray().Select(e => reader.Spell(e)).ToArray();
            }
            string? benchmarkSymbol = null;
            StoreColumn? benchmark = null;
            if (root.TryGetProperty("benchmark", out var bench))
            {
                benchmarkSymbol = reader.String(bench, "symbol");
                benchmark = new StoreColumn(benchmarkSymbol, "", reader.String(bench, "file"), reader.Encoding(bench), reader.Long(bench, "bytes"), 1);
            }
            var industry = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("industry", out var ind) && ind.TryGetProperty("map", out var map))
                foreach (var p in map.EnumerateObject()) industry[p.Name] = p.Value.GetString() ?? "";
            var provenance = root.TryGetProperty("provenance", out var prov)
                ? prov.EnumerateArray().Select(e => e.GetString() ?? "").ToArray()
                : [];
            return new StoreManifest
            {
                Days = days, Symbols = symbols, Fields = fields, UniverseName = universeName, Spells = spells,
                BenchmarkSymbol = benchmarkSymbol, Benchmark = benchmark, Industry = industry, Provenance = provenance,
            };
        }
    }

    private sealed class ManifestReader(string path)
    {
        public JsonElement Object(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw Missing(name, "an object");

        public JsonElement Array(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v : throw Missing(name, "an array");

        public string String(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Missing(name, "a string");

        public int Int(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Missing(name, "an integer");

        public long Long(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) ? i : throw Missing(name, "an integer");

        public string Text(JsonElement e, string where) =>
            e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InputException($"{path}: {where} holds a non-string value");

        public DateOnly Date(JsonElement e, string where) =>
            e.ValueKind == JsonValueKind.String && Utf8Fields.TryParseDate(e.GetString()!, out var d)
                ? d
                : throw new InputException($"{path}: {where} holds '{e}', expected a yyyy-MM-dd date");

        public ColumnEncoding Encoding(JsonElement e)
        {
            var name = String(e, "encoding");
            return ColumnCodec.TryParse(name, out var encoding)
                ? encoding
                : throw new InputException($"{path}: unknown column encoding '{name}'; this build reads {string.Join(", ", Enum.GetValues<ColumnEncoding>().Select(ColumnCodec.Name))}");
        }

        public StoreColumn Column(JsonElement e, string where)
        {
            var coverage = e.TryGetProperty("coverage", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : double.NaN;
            return new StoreColumn(String(e, "name"), e.TryGetProperty("unit", out var u) ? u.GetString() ?? "" : "", String(e, "file"),
                Encoding(e), Long(e, "bytes"), coverage);
        }

        public MembershipSpell Spell(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 3)
                throw new InputException($"{path}: universe.spells holds '{e}', expected [symbol, start, end]");
            return new MembershipSpell(Text(e[0], "universe.spells"), Date(e[1], "universe.spells"), Date(e[2], "universe.spells"));
        }

        private InputException Missing(string name, string what) =>
            new($"{path}: '{name}' is missing or not {what}; the store is damaged, re-import it");
    }
}
