using AlphaSharp.Data;
using AlphaSharp.Factors;
using AlphaSharp.Factors.Expressions;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// What a check needs of a store without loading its columns: the trading calendar (segments are resolved on it, so
/// the label gap is counted in trading days), the instruments, the field names (an expression's <c>$field</c> is checked
/// against them), the universe's name and whether it has an industry map. Read from the manifest alone: milliseconds.
/// </summary>
public sealed class StoreOutline
{
    private StoreOutline(string directory, Calendar calendar, IReadOnlyList<string> symbols, IReadOnlyList<string> fields, string? universe, IReadOnlyDictionary<string, string> industry)
    {
        Directory = directory;
        Symbols = symbols;
        Calendar = calendar;
        Fields = fields;
        Universe = universe;
        // An empty panel with the store's fields: the expression binder resolves names against it and computes nothing.
        var panel = new Panel(calendar, []);
        foreach (var f in fields) panel.SetField(f, []);
        var data = new MarketData(panel) { Industry = industry };
        Engine = new FactorEngine(data, useUniverse: false);
    }

    public string Directory { get; }
    public Calendar Calendar { get; }
    public IReadOnlyList<string> Fields { get; }
    /// <summary>The store's instruments (a workflow that names stocks is checked against them).</summary>
    public IReadOnlyList<string> Symbols { get; }
    /// <summary>The store's universe name (csi300 for the shipped store), or null when it has none.</summary>
    public string? Universe { get; }
    /// <summary>Parses and binds expressions against the store's fields (<c>Compile</c> throws <see cref="ExpressionException"/>); it never evaluates.</summary>
    public FactorEngine Engine { get; }

    /// <summary>The outline of the store in <paramref name="directory"/>; throws an InputException saying what is missing.</summary>
    public static StoreOutline Read(string directory)
    {
        var manifestPath = Path.Combine(directory, StoreManifest.FileName);
        if (!System.IO.Directory.Exists(directory)) throw new Common.InputException($"'{directory}' is no store directory (it does not exist)");
        if (!File.Exists(manifestPath)) throw new Common.InputException($"'{directory}' is no market store (it has no {StoreManifest.FileName})");
        var manifest = StoreManifest.Parse(manifestPath, File.ReadAllBytes(manifestPath));
        return new StoreOutline(directory, new Calendar(manifest.Days), manifest.Symbols, manifest.Fields.Select(f => f.Name).ToArray(), manifest.Spells is null ? null : manifest.UniverseName ?? "universe", manifest.Industry);
    }
}
