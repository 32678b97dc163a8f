using System.Text.Encodings.Web;
using System.Text.Json;

namespace AlphaSharp.Common;

/// <summary>
/// JSON output through <see cref="Utf8JsonWriter"/>, indented, written atomically. Non-finite numbers, which JSON cannot
/// carry, are written as null (an undefined metric, see docs/metrics.md).
/// </summary>
public static class JsonOutput
{
    public static void Write(string path, Action<Utf8JsonWriter> write) => AtomicFile.WriteAllText(path, Render(write));

    /// <summary>The JSON text (UTF-8, indented, ending in a newline).</summary>
    public static string Render(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>A number, or null when it is NaN or infinite.</summary>
    public static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
