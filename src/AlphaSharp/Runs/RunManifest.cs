using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaSharp.Common;

namespace AlphaSharp.Runs;

/// <summary>
/// What a run is: its id and name, when it was created, the hash of its resolved configuration, the code version that
/// ran it, the fingerprint of the data it read, its seeds, the profile and overrides it was given, and its status
/// (<c>running</c> until the run is finished and its results are written, then <c>finished</c>). Saved as
/// <c>manifest.json</c> in the run's directory.
/// </summary>
public sealed record RunManifest(
    string Id,
    string Name,
    DateTimeOffset Created,
    string ConfigHash,
    string CodeVersion,
    string Store,
    string DataFingerprint,
    IReadOnlyList<int> Seeds,
    string? Profile,
    IReadOnlyList<string> Overrides,
    string Status)
{
    public const string FileName = "manifest.json";
    public const string Running = "running";
    public const string Finished = "finished";

    public bool IsFinished => Status == Finished;

    public string ToJson() => JsonOutput.Render(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("name", Name);
        w.WriteString("created", Created.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteString("config_hash", ConfigHash);
        w.WriteString("code_version", CodeVersion);
        w.WriteString("store", Store);
        w.WriteString("data_fingerprint", DataFingerprint);
        w.WriteStartArray("seeds");
        foreach (var s in Seeds) w.WriteNumberValue(s);
        w.WriteEndArray();
        if (Profile is null) w.WriteNull("profile");
        else w.WriteString("profile", Profile);
        w.WriteStartArray("overrides");
        foreach (var o in Overrides) w.WriteStringValue(o);
        w.WriteEndArray();
        w.WriteString("status", Status);
        w.WriteEndObject();
    });

    /// <summary>Reads a manifest; a missing or malformed field is an error naming the file and the field.</summary>
    public static RunManifest Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a run manifest ({e.Message})");
        }
        if (root is not JsonObject o) throw new InputException($"{path}: not a run manifest (no JSON object)");
        string Text(string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw new InputException($"{path}: '{key}' is missing or not text");
        JsonArray Array(string key) => o[key] as JsonArray ?? throw new InputException($"{path}: '{key}' is missing or not a list");
        if (!DateTimeOffset.TryParse(Text("created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
            throw new InputException($"{path}: 'created' is not a date and time");
        var seeds = Array("seeds").Select(n => n is JsonValue v && v.TryGetValue<int>(out var s) ? s
            : throw new InputException($"{path}: 'seeds' holds a value that is not a whole number")).ToArray();
        var overrides = Array("overrides").Select(n => n?.GetValue<string>() ?? throw new InputException($"{path}: 'overrides' holds a null")).ToArray();
        var profile = o["profile"] is JsonValue p && p.TryGetValue<string>(out var ps) ? ps : null;
        return new RunManifest(Text("id"), Text("name"), created, Text("config_hash"), Text("code_version"), Text("store"), Text("data_fingerprint"),
            seeds, profile, overrides, Text("status"));
    }
}
