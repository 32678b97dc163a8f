namespace AlphaSharp.Data.Qlib;

/// <summary>How price and volume are stored in a Qlib directory.</summary>
public enum QlibPriceConvention
{
    /// <summary>
    /// AlphaSharp's own fields verbatim: raw open/high/low/close, raw volume, and <c>factor</c> beside them.
    /// Export then import gives back the very same float32 bits.
    /// </summary>
    Raw,

    /// <summary>
    /// Qlib's convention (what Qlib's own collectors write and its operators expect): open/high/low/close are
    /// adjusted (raw x factor), volume is raw volume / factor, and a <c>vwap</c> field (adjusted average traded price)
    /// is added; <c>$close / $factor</c> gives the raw close back. Converting costs a float32 rounding each way.
    /// </summary>
    Adjusted,
}

/// <summary>The arithmetic of <see cref="QlibPriceConvention.Adjusted"/>, in double, rounded once to float32.</summary>
public static class QlibAdjustment
{
    public static readonly string[] PriceFields = ["open", "high", "low", "close"];

    public static bool IsPrice(string field) => Array.IndexOf(PriceFields, field) >= 0;

    public static float ToAdjustedPrice(float raw, float factor) => (float)((double)raw * factor);
    public static float ToRawPrice(float adjusted, float factor) => (float)((double)adjusted / factor);
    public static float ToAdjustedVolume(float raw, float factor) => (float)((double)raw / factor);
    public static float ToRawVolume(float adjusted, float factor) => (float)((double)adjusted * factor);

    /// <summary>Adjusted average traded price: amount / raw volume x factor; NaN on days without trades.</summary>
    public static float AdjustedVwap(float amount, float rawVolume, float factor) =>
        rawVolume > 0 ? (float)((double)amount / rawVolume * factor) : float.NaN;
}
