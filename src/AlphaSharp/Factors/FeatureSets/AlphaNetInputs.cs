namespace AlphaSharp.Factors.FeatureSets;

/// <summary>
/// AlphaNet's daily inputs (paper 003, Huatai's AlphaNet): V1's 9 raw fields and V4's 13 (Table 3-1). Both need
/// free-float turnover, which this data does not have (only turnover of all float shares): those inputs are
/// reported unavailable, never replaced by a proxy. return is the close-to-close growth; V4's volume_sqrt is the eighth
/// root of volume, as the paper says (not the square root its name suggests).
/// </summary>
public static class AlphaNetInputs
{
    private const string NoFreeTurnover = "needs free-float turnover (free_turn), which this data does not carry: it has turnover of all float shares only";

    public static FeatureSet V1 { get; } = new("alphanet-v1",
        "AlphaNet V1's 9 daily inputs: open, high, low, close, vwap, volume, return1, turn, free_turn",
        [
            new("open", "$open"), new("high", "$high"), new("low", "$low"), new("close", "$close"), new("vwap", "$vwap"),
            new("volume", "$volume"), new("return1", "$close/Ref($close, 1)-1"), new("turn", "$turnover"),
        ],
        [new UnavailableFeature("free_turn", NoFreeTurnover)]);

    public static FeatureSet V4 { get; } = new("alphanet-v4",
        "AlphaNet V4's 13 daily inputs (paper 003, Table 3-1)",
        [
            new("div_open_close", "($open-$close)/$close"),
            new("div_high_close", "($high-$close)/$close"),
            new("div_low_close", "($low-$close)/$close"),
            new("close", "$close"),
            new("div_vwap_close", "($vwap-$close)/$close"),
            new("volume_sqrt", "Power($volume, 0.125)"),
            new("return", "$close/Ref($close, 1)-1"),
            new("turnover", "$turnover"),
            new("div_volume_low", "$volume/$low"),
            new("div_low_high", "$low/$high"),
            new("div_vwap_close_2", "$vwap/$close"),
        ],
        [
            new UnavailableFeature("div_close_freeturn", "close / free turnover: " + NoFreeTurnover),
            new UnavailableFeature("div_price_turnover", "open x free turnover / (turnover x close): " + NoFreeTurnover),
        ]);
}
