namespace AlphaSharp.Data.Qlib;

/// <summary>
/// Where things live in a Qlib data directory (Qlib's <c>scripts/dump_bin.py</c> layout, daily frequency):
/// <c>calendars/day.txt</c>, <c>instruments/&lt;name&gt;.txt</c> and <c>features/&lt;symbol&gt;/&lt;field&gt;.day.bin</c>.
/// </summary>
public static class QlibLayout
{
    public const string CalendarsDir = "calendars";
    public const string InstrumentsDir = "instruments";
    public const string FeaturesDir = "features";
    public const string AllInstruments = "all";
    public const string Frequency = "day";

    // Qlib's code_to_fname: names Windows reserves as device names get a prefix so they can be directories.
    private const string ReservedPrefix = "_qlib_";
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string CalendarPath(string root) => Path.Combine(root, CalendarsDir, Frequency + ".txt");
    public static string InstrumentsPath(string root, string name) => Path.Combine(root, InstrumentsDir, name + ".txt");

    public static string FeaturePath(string root, string symbol, string field) =>
        Path.Combine(root, FeaturesDir, SymbolToDirectory(symbol), field.ToLowerInvariant() + "." + Frequency + ".bin");

    /// <summary>Feature directories are the lower-cased symbol, as Qlib's dump_bin writes them.</summary>
    public static string SymbolToDirectory(string symbol) =>
        (Reserved.Contains(symbol) ? ReservedPrefix + symbol : symbol).ToLowerInvariant();

    /// <summary>Qlib's fname_to_code followed by the upper-casing it applies to instrument names.</summary>
    public static string DirectoryToSymbol(string directory)
    {
        var code = directory.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase) ? directory[ReservedPrefix.Length..] : directory;
        return code.ToUpperInvariant();
    }
}
