using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Factors.FeatureSets;

/// <summary>The feature sets by name (case-insensitive): alpha158, alpha360, technical, alphanet-v1, alphanet-v4, paper001.</summary>
public static class FeatureSetCatalog
{
    public static IReadOnlyList<FeatureSet> All { get; } =
        [Alpha158.Set, Alpha360.Set, Technical.Set, AlphaNetInputs.V1, AlphaNetInputs.V4, Paper001Factors.Set];

    public static bool TryGet(string name, out FeatureSet set)
    {
        set = All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return set is not null;
    }

    public static FeatureSet Get(string name) =>
        TryGet(name, out var set) ? set
            : throw new InputException($"unknown feature set '{name}' (known: {string.Join(", ", All.Select(s => s.Name))})");
}
