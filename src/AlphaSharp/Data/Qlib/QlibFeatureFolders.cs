using AlphaSharp.Common;

namespace AlphaSharp.Data.Qlib;

/// <summary>
/// The folders under <c>features/</c>, found by symbol whatever their case. Qlib lower-cases an instrument before
/// opening its folder, but public dump_bin trees mix cases (<c>features/SH600519</c> beside <c>features/sh688808</c>),
/// so an exact-case lookup silently finds nothing on a case-sensitive file system.
/// </summary>
public sealed class QlibFeatureFolders
{
    private readonly Dictionary<string, List<string>> _bySymbol = new(StringComparer.Ordinal);

    public string FeaturesPath { get; }

    /// <summary>Folder names that are not Qlib's lower-case spelling of their symbol.</summary>
    public List<string> NotLowerCase { get; } = [];

    public QlibFeatureFolders(string root)
    {
        FeaturesPath = Path.Combine(root, QlibLayout.FeaturesDir);
        if (!Directory.Exists(FeaturesPath)) return;
        foreach (var dir in Directory.EnumerateDirectories(FeaturesPath))
        {
            var name = Path.GetFileName(dir);
            var symbol = QlibLayout.DirectoryToSymbol(name);
            if (!_bySymbol.TryGetValue(symbol, out var names)) _bySymbol[symbol] = names = [];
            names.Add(name);
            if (name != QlibLayout.SymbolToDirectory(symbol)) NotLowerCase.Add(name);
        }
        NotLowerCase.Sort(StringComparer.Ordinal);
    }

    public IEnumerable<string> Symbols => _bySymbol.Keys;

    /// <summary>The folder of <paramref name="symbol"/>, or null when it has none; two folders for one symbol are an error.</summary>
    public string? Find(string symbol)
    {
        if (!_bySymbol.TryGetValue(symbol, out var names)) return null;
        if (names.Count > 1)
        {
            names.Sort(StringComparer.Ordinal);
            throw new InputException($"{FeaturesPath}: folders {string.Join(" and ", names)} differ only in case and both hold instrument {symbol}; " +
                                     "delete or merge one of them (Qlib itself would read only the lower-case one)");
        }
        return Path.Combine(FeaturesPath, names[0]);
    }

    /// <summary>Field names of the <c>&lt;field&gt;.day.bin</c> files in a folder, lower-case as Qlib writes them.</summary>
    public static List<string> FieldsIn(string folder)
    {
        const string suffix = "." + QlibLayout.Frequency + ".bin";
        var fields = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*" + suffix))
            fields.Add(Path.GetFileName(file)[..^suffix.Length]);
        return fields;
    }

    public static string FieldPath(string folder, string field) =>
        Path.Combine(folder, field.ToLowerInvariant() + "." + QlibLayout.Frequency + ".bin");
}
