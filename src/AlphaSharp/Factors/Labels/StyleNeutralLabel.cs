using AlphaSharp.Data;
using AlphaSharp.Factors.Expressions;
using AlphaSharp.Factors.Operators;

namespace AlphaSharp.Factors.Labels;

/// <summary>
/// Paper 003's Barra-style target: per date, the OLS residual of the forward return of universe members on industry
/// dummies and the standardised style exposures (<see cref="StyleExposures"/>). Exposures use only data known at t;
/// the industry map is a 2023 snapshot, a mild look-ahead on earlier dates (switch it off with
/// <see cref="StyleOptions.Industries"/>). Members without an industry mapping, or without a forward return, get NaN.
/// </summary>
public static class StyleNeutralLabel
{
    public static float[] Compute(MarketData data, float[] label, StyleOptions? options = null) =>
        Compute(data, label, Exposures(data, options), options);

    public static float[] Compute(MarketData data, float[] label, IReadOnlyList<StyleExposure> standardized, StyleOptions? options = null)
    {
        options ??= new StyleOptions();
        var panel = data.Panel;
        var members = data.Universe?.MaskFor(panel);
        var groups = options.Industries && data.Industry.Count > 0 ? new FieldSource(data).IndustryCodes() : null;
        return CrossSection.Neutralize(label, standardized.Select(e => e.Values).ToList(), groups, members, panel.T);
    }

    /// <summary>Standardised exposures, ready for <see cref="Compute(MarketData, float[], IReadOnlyList{StyleExposure}, StyleOptions?)"/> (computed once, reused across horizons).</summary>
    public static IReadOnlyList<StyleExposure> Exposures(MarketData data, StyleOptions? options = null)
    {
        options ??= new StyleOptions();
        var raw = StyleExposures.Compute(data, options);
        return StyleExposures.Standardize(raw, data.Universe?.MaskFor(data.Panel), data.Panel.T, options.MinCoverage);
    }
}
