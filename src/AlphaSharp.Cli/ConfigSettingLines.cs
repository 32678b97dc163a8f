using AlphaSharp.Common;

namespace AlphaSharp.Cli;

/// <summary>
/// Where each setting of a YAML config was written (file and line of its key). The config's keys are the library's
/// setting names, so a <see cref="SettingException"/> about one reads <c>FILE:LINE: key ...</c>, the line being that of
/// the first setting the message names that the file sets (an error against a default points at the key that
/// clashes with it); where the file sets none of them, the error is reported against the file alone.
/// </summary>
public sealed class ConfigSettingLines(string path)
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public string Path => path;

    /// <summary>Records that <paramref name="key"/> is set on <paramref name="line"/> (1-based).</summary>
    public void Add(string key, int line) => _lines[key] = line;

    public string Describe(SettingException e)
    {
        foreach (var setting in e.Settings)
            if (_lines.TryGetValue(setting, out var line)) return $"{path}:{line}: {e.Message}";
        return $"{path}: {e.Message}";
    }
}
