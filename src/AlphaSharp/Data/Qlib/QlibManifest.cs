using System.Text.Json.Serialization;
using System.Text.Json;
using AlphaSharp.Common;

namespace AlphaSharp.Data.Qlib;

/// <summary>
/// <c>alphasharp.json</c>, written beside Qlib's own files by AlphaSharp's exporter: what Qlib's layout cannot say
/// (price convention, field names and order, units, industry map, which instrument is the benchmark) so that an
/// export reads back exactly. Qlib ignores it; a Qlib directory without it is read with Qlib's conventions.
/// </summary>
public sealed class QlibManifest
{
    public const string FileName = "alphasharp.json";
    public const string FormatName = "alphasharp-qlib";

    public string Format { get; set; } = FormatName;
    public int Version { get; set; } = 1;
    public QlibPriceConvention Prices { get; set; }
    public List<string> Fields { get; set; } = [];
    /// <summary>Fields the exporter computed for Qlib (e.g. vwap) that are not part of the panel.</summary>
    public List<string> Derived { get; set; } = [];
    /// <summary>Panel instruments with no value at all, which Qlib's all.txt cannot list (it needs a date span).</summary>
    public List<string> EmptyInstruments { get; set; } = [];
    public List<string> Instruments { get; set; } = [];
    public string? Universe { get; set; }
    public string? Benchmark { get; set; }
    public Dictionary<string, string> Units { get; set; } = [];
    public Dictionary<string, string> Industry { get; set; } = [];
    public List<string> Provenance { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static QlibManifest? TryRead(string root)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path)) return null;
        QlibManifest? m;
        try
        {
            m = JsonSerializer.Deserialize<QlibManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}:{(e.LineNumber ?? 0) + 1}: not a valid AlphaSharp Qlib manifest ({e.Message.Split('.')[0]})");
        }
        if (m is null || m.Format != FormatName)
            throw new InputException($"{path}: format is '{m?.Format}', expected '{FormatName}'");
        if (m.Version != 1) throw new InputException($"{path}: manifest version {m.Version} is newer than this AlphaSharp reads (1)");
        return m;
    }

    public void Write(string root) =>
        File.WriteAllText(Path.Combine(root, FileName), JsonSerializer.Serialize(this, Json) + "\n");
}
