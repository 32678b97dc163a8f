namespace AlphaSharp.Data.Qlib;

/// <summary>
/// Index series that public Qlib trees list in <c>instruments/all.txt</c> beside stocks: on the Shanghai exchange the
/// 000xxx codes are indices (SH000300 is the CSI 300), on Shenzhen the 399xxx codes. SZ000xxx are stocks (SZ000001).
/// </summary>
public static class QlibIndexCodes
{
    public static bool IsIndex(string symbol) =>
        symbol.Length == 8 && symbol.All(c => char.IsAsciiLetterOrDigit(c)) &&
        (symbol.StartsWith("SH000", StringComparison.Ordinal) || symbol.StartsWith("SZ399", StringComparison.Ordinal));
}
