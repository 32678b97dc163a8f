using AlphaSharp.Data;
using AlphaSharp.Factors.Expressions;

namespace AlphaSharp.Factors.FeatureSets;

/// <summary>A named feature: its column name and its expression.</summary>
public sealed record Feature(string Name, string Expression);

/// <summary>A feature a set defines but this data cannot supply, and why (never faked with zeros or proxies).</summary>
public sealed record UnavailableFeature(string Name, string Reason);

/// <summary>
/// A named list of features (Alpha158, Alpha360, ...). <see cref="Required"/> lists what the set defines from fields
/// every store has; <see cref="Missing"/> what the source defines from fields no store of ours carries (free-float
/// turnover). <see cref="Resolve"/> splits the features against a concrete data set.
/// </summary>
public sealed record FeatureSet(string Name, string Description, IReadOnlyList<Feature> Required, IReadOnlyList<UnavailableFeature> Missing)
{
    /// <summary>The features this engine's data can compute, and the rest with the reason (a missing field).</summary>
    public (IReadOnlyList<Feature> Available, IReadOnlyList<UnavailableFeature> Unavailable) Resolve(FactorEngine engine)
    {
        var available = new List<Feature>();
        var unavailable = new List<UnavailableFeature>(Missing);
        foreach (var f in Required)
        {
            try
            {
                engine.Compile(f.Expression);
                available.Add(f);
            }
            catch (ExpressionException e) when (e.Detail.StartsWith("unknown field", StringComparison.Ordinal))
            {
                unavailable.Add(new UnavailableFeature(f.Name, $"{f.Expression}: {e.Detail[..e.Detail.IndexOf(';')]} in this data"));
            }
        }
        return (available, unavailable);
    }
}
