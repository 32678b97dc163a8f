namespace AlphaSharp.Factors.FeatureSets;

/// <summary>
/// Paper 001's five candidate factors (section 3.1): price-to-book, price-earnings (TTM), price-to-sales (TTM),
/// float market value and momentum. The paper gives no momentum window; we use 20 trading days (about a month,
/// matching its monthly rebalancing). Valuation fields are the vendor's, partial in this data: missing stays missing.
/// </summary>
public static class Paper001Factors
{
    public static FeatureSet Set { get; } = new("paper001",
        "Paper 001's candidate factors: pb, pe_ttm, ps_ttm, float market value, 20-day momentum",
        [
            new("pb", "$pb"),
            new("pe", "$pe_ttm"),
            new("ps", "$ps_ttm"),
            new("float_mv", "$float_mv"),
            new("momentum", "$close/Ref($close, 20)-1"),
        ], []);
}
