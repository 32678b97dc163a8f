using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors.FeatureSets;

namespace AlphaSharp.Factors.Output;

/// <summary>
/// Writes computed features as a market store (<see cref="MarketStore"/>): the same calendar, instruments, universe and
/// industry map, one float32 field per feature (whole panels, members or not; the universe is in the store to select
/// them), and one provenance line per feature giving its expression. <c>MarketStore.Load</c> reads it back.
/// </summary>
public static class FeatureStore
{
    public static void Save(FactorEngine engine, IReadOnlyList<Feature> features, string dir, Action<int, int>? evaluated = null, Action<double>? saved = null)
    {
        foreach (var f in features)
            if (f.Name.Length == 0 || f.Name.Length > 64 || !f.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                throw new InputException($"feature '{f.Name}' cannot be a stored field name (1-64 letters, digits, '_' or '-'); name it: NAME={f.Expression}");
        if (Directory.Exists(dir) || File.Exists(dir))
            throw new InputException($"{dir}: already exists; choose a new output directory (nothing was overwritten)");
        var source = engine.Data;
        var panel = new Panel(source.Calendar, source.Panel.Symbols);
        var values = new float[features.Count][];
        engine.Evaluate(features.Select(f => f.Expression).ToList(), (k, v) => values[k] = v, progress: evaluated);
        for (var k = 0; k < features.Count; k++) panel.SetField(features[k].Name, values[k]);
        var data = new MarketData(panel) { Universe = source.Universe, Industry = source.Industry };
        data.Provenance.AddRange(source.Provenance.Select(p => "source: " + p));
        foreach (var f in features) data.Provenance.Add($"feature {f.Name} = {f.Expression}");
        MarketStore.Save(data, dir, saved);
    }
}
