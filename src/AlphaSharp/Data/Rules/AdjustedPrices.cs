namespace AlphaSharp.Data;

/// <summary>
/// Backward-adjusted prices, asked for explicitly: adjusted = raw x factor (the panel keeps raw prices and the factor
/// side by side). Computed in double, stored as float32; NaN where either input is missing.
/// </summary>
public static class AdjustedPrices
{
    public const string FactorField = "factor";

    /// <summary>A new array (instrument-major like the panel) of <paramref name="field"/> x factor.</summary>
    public static float[] Of(Panel panel, string field)
    {
        var raw = panel.Field(field);
        var factor = panel.Field(FactorField);
        var adjusted = new float[raw.Length];
        for (var k = 0; k < raw.Length; k++) adjusted[k] = (float)((double)raw[k] * factor[k]);
        return adjusted;
    }

    public static float At(Panel panel, string field, int t, int instrument) =>
        (float)((double)panel[field, t, instrument] * panel[FactorField, t, instrument]);
}
