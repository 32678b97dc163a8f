using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// The resolved workflow as one canonical YAML text: every key the schema knows with its value after the profile,
/// the overrides and the defaults, keys sorted (ordinal) at every depth, one spelling per value (numbers in shortest
/// round-trip form, strings double-quoted). Two files that mean the same experiment give the same text, and so the
/// same <see cref="Hash"/>, whatever their key order, comments or which profile reached the values.
/// </summary>
public sealed class CanonicalDocument
{
    private readonly SortedDictionary<string, object> _root = new(StringComparer.Ordinal);

    internal SortedDictionary<string, object> Root => _root;

    /// <summary>The canonical body: what <see cref="Hash"/> covers and what a binder reads back to the same hash.</summary>
    public string Body { get; private set; } = "";

    /// <summary>SHA-256 of <see cref="Body"/> (UTF-8), lower-case hex.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>The first 8 hex digits of <see cref="Hash"/>: what a run directory's name carries.</summary>
    public string ShortHash => Hash[..8];

    internal void Seal()
    {
        var sb = new StringBuilder();
        Write(sb, _root, 0);
        Body = sb.ToString();
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body)));
    }

    /// <summary>
    /// The document a run records: the body under comment lines saying which file, profile and overrides produced it.
    /// The provenance sits in comments so it is kept without entering the hash: the hash names the experiment, not the
    /// route to it.
    /// </summary>
    public string Text(string file, string? profile, IReadOnlyList<string> overrides)
    {
        var sb = new StringBuilder();
        sb.Append("# resolved from ").Append(file).Append('\n');
        sb.Append("# profile: ").Append(profile ?? "(none)").Append('\n');
        foreach (var o in overrides) sb.Append("# --set ").Append(o).Append('\n');
        sb.Append("# sha256: ").Append(Hash).Append('\n');
        sb.Append(Body);
        return sb.ToString();
    }

    /// <summary>
    /// The document as JSON (scalars as their canonical text, lists as arrays): the run store's <c>parameters.json</c>,
    /// which <c>runs compare</c> flattens to dotted keys.
    /// </summary>
    public string ToJson()
    {
        static System.Text.Json.Nodes.JsonNode Node(object value) => value switch
        {
            SortedDictionary<string, object> map => new System.Text.Json.Nodes.JsonObject(map.Select(p =>
                KeyValuePair.Create(p.Key, (System.Text.Json.Nodes.JsonNode?)Node(p.Value)))),
            List<string> list => new System.Text.Json.Nodes.JsonArray(list.Select(v => (System.Text.Json.Nodes.JsonNode?)System.Text.Json.Nodes.JsonValue.Create(Unquote(v))).ToArray()),
            _ => System.Text.Json.Nodes.JsonValue.Create(Unquote((string)value)),
        };
        return Node(_root).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Unquote(string canonical) =>
        canonical.Length >= 2 && canonical[0] == '"' ? JsonSerializer.Deserialize<string>(canonical)! : canonical;

    internal static string Str(string text) => JsonSerializer.Serialize(text);
    internal static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    internal static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
    internal static string Bool(bool value) => value ? "true" : "false";
    internal static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Write(StringBuilder sb, SortedDictionary<string, object> map, int depth)
    {
        foreach (var (key, value) in map)
        {
            sb.Append(' ', depth * 2).Append(PlainKey(key) ? key : Str(key)).Append(':');
            switch (value)
            {
                case SortedDictionary<string, object> { Count: 0 }:
                    sb.Append(" {}\n");
                    break;
                case SortedDictionary<string, object> sub:
                    sb.Append('\n');
                    Write(sb, sub, depth + 1);
                    break;
                case List<string> list:
                    sb.Append(" [").Append(string.Join(", ", list)).Append("]\n");
                    break;
                default:
                    sb.Append(' ').Append((string)value).Append('\n');
                    break;
            }
        }
    }

    private static bool PlainKey(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
