using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaSharp.Common;

namespace AlphaSharp.Runs;

/// <summary>
/// A JSON document as dotted keys and their values' text (<c>{"a":{"b":[1,2]}}</c> is <c>a.b.0 = 1</c>,
/// <c>a.b.1 = 2</c>): what comparing two runs' parameters or metrics needs, whatever their nesting.
/// </summary>
public static class FlatJson
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        try
        {
            return Flatten(JsonNode.Parse(System.IO.File.ReadAllText(path)));
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not JSON ({e.Message})");
        }
    }

    public static IReadOnlyDictionary<string, string> Flatten(JsonNode? root)
    {
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string prefix)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o) Walk(value, prefix.Length == 0 ? key : $"{prefix}.{key}");
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) Walk(a[i], $"{prefix}.{i.ToString(CultureInfo.InvariantCulture)}");
                    break;
                case null:
                    flat[prefix] = "null";
                    break;
                default:
                    flat[prefix] = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
                    break;
            }
        }
        Walk(root, "");
        return flat;
    }
}
