using System.Text.RegularExpressions;

namespace AlphaSharp.Data;

/// <summary>A-share symbols: exchange prefix SH, SZ or BJ followed by a 6-digit code (<c>SH600000</c>).</summary>
public static partial class SymbolFormat
{
    [GeneratedRegex("^(SH|SZ|BJ)[0-9]{6}$")]
    private static partial Regex AShare();

    public static bool IsAShare(string symbol) => AShare().IsMatch(symbol);
}
