namespace AlphaSharp.Data;

/// <summary>
/// Turns the ways Chinese data sources spell a stock code into ours, exchange prefix + 6 digits (<c>SH600000</c>):
/// tushare <c>600000.SH</c>, akshare / baostock <c>sh600000</c> or <c>sh.600000</c>, joinquant <c>600000.XSHG</c>,
/// Yahoo <c>600000.SS</c>, and a bare <c>600000</c>, whose exchange follows from the code's first digits.
/// </summary>
public static class FolderCsvSymbols
{
    public static bool TryNormalize(string raw, out string symbol)
    {
        symbol = "";
        var s = raw.Trim().ToUpperInvariant();
        string? exchange = null, code;
        var dot = s.IndexOf('.');
        if (dot >= 0)
        {
            var (left, right) = (s[..dot], s[(dot + 1)..]);
            if (IsDigits(left) && TryExchange(right, out var ex)) (code, exchange) = (left, ex);
            else if (IsDigits(right) && TryExchange(left, out ex)) (code, exchange) = (right, ex);
            else return false;
        }
        else if (s.Length > 2 && TryExchange(s[..2], out var ex) && IsDigits(s[2..])) (code, exchange) = (s[2..], ex);
        else if (IsDigits(s)) code = s;
        else return false;

        // Spreadsheets drop leading zeros (000001 -> 1): a short all-digit code is padded back.
        if (code.Length is 0 or > 6) return false;
        code = code.PadLeft(6, '0');
        exchange ??= InferExchange(code);
        if (exchange is null) return false;
        symbol = exchange + code;
        return true;
    }

    /// <summary>
    /// Shanghai: 6xxxxx (main board, STAR 688xxx), 5xxxxx funds and 9xxxxx B shares; Shenzhen: 0xxxxx, 2xxxxx B shares
    /// and 3xxxxx (ChiNext); Beijing: 4xxxxx, 8xxxxx and the 920xxx codes. 1xxxxx is left alone: both exchanges use it.
    /// </summary>
    public static string? InferExchange(string code) => code[0] switch
    {
        '6' or '5' => "SH",
        '9' => code.StartsWith("920", StringComparison.Ordinal) ? "BJ" : "SH",
        '0' or '2' or '3' => "SZ",
        '4' or '8' => "BJ",
        _ => null,
    };

    private static bool TryExchange(string s, out string exchange)
    {
        exchange = s switch
        {
            "SH" or "SS" or "XSHG" => "SH",
            "SZ" or "XSHE" => "SZ",
            "BJ" or "BSE" => "BJ",
            _ => "",
        };
        return exchange.Length > 0;
    }

    private static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);
}
