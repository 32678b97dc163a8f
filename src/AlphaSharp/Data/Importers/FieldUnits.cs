namespace AlphaSharp.Data;

/// <summary>Units of the field names the shipped data and common vendor exports use; unknown names get none.</summary>
public static class FieldUnits
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = "CNY (raw)", ["high"] = "CNY (raw)", ["low"] = "CNY (raw)", ["close"] = "CNY (raw)",
        ["volume"] = "shares", ["amount"] = "CNY", ["factor"] = "ratio (adjusted = raw x factor)",
        ["pe_ttm"] = "ratio", ["pb"] = "ratio", ["ps_ttm"] = "ratio",
        ["total_mv"] = "CNY", ["float_mv"] = "CNY", ["float_share"] = "shares", ["turnover"] = "percent",
    };

    public static string? Of(string field) => Known.GetValueOrDefault(field);
}
