using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors.FeatureSets;

namespace AlphaSharp.Factors.Output;

/// <summary>
/// What a user asked to compute, as command-line items: a feature-set name (alpha158, alpha360, technical, alphanet-v1,
/// alphanet-v4, paper001) expands to its features; <c>NAME=EXPR</c> names an expression; any other item is an
/// expression named by its own text. Features the data cannot supply are listed, not computed.
/// </summary>
public sealed record FeatureRequest(IReadOnlyList<Feature> Features, IReadOnlyList<UnavailableFeature> Unavailable)
{
    public static FeatureRequest Parse(IEnumerable<string> items, FactorEngine engine)
    {
        var features = new List<Feature>();
        var unavailable = new List<UnavailableFeature>();
        foreach (var item in items)
        {
            if (FeatureSetCatalog.TryGet(item.Trim(), out var set))
            {
                var (ok, missing) = set.Resolve(engine);
                features.AddRange(ok);
                unavailable.AddRange(missing.Select(m => m with { Name = $"{set.Name}:{m.Name}" }));
                continue;
            }
            var eq = item.IndexOf('=');
            var named = eq > 0 && (eq + 1 >= item.Length || item[eq + 1] != '=') && item[..eq].Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
            var feature = named ? new Feature(item[..eq].Trim(), item[(eq + 1)..].Trim()) : new Feature(item.Trim(), item.Trim());
            engine.Compile(feature.Expression); // fail on a bad expression before any work
            features.Add(feature);
        }
        if (features.Count == 0) throw new InputException("nothing to compute: give a feature set or an expression");
        var duplicate = features.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InputException($"feature name '{duplicate.Key}' is requested twice; name one of them with NAME=EXPR");
        return new FeatureRequest(features, unavailable);
    }
}
