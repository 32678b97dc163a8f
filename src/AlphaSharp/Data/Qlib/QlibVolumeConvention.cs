namespace AlphaSharp.Data.Qlib;

/// <summary>How volume is stored in a Qlib directory; independent of the price convention, as public trees differ.</summary>
public enum QlibVolumeConvention
{
    /// <summary>Raw traded shares (or lots), read as they are.</summary>
    Raw,

    /// <summary>Qlib's <c>cn_data</c> convention: raw volume / factor, so the import multiplies by the factor.</summary>
    Adjusted,
}
