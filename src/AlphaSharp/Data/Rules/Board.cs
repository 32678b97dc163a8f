using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>The listing board of an A-share, which sets its daily price limit.</summary>
public enum Board
{
    /// <summary>Shanghai 600/601/603/605 and Shenzhen 000/001/002/003 (the SME board merged into it in 2021).</summary>
    Main,
    /// <summary>Shenzhen 300/301.</summary>
    ChiNext,
    /// <summary>Shanghai 688/689 (Science and Technology Innovation Board).</summary>
    Star,
    /// <summary>Beijing Stock Exchange.</summary>
    Beijing,
}

public static class Boards
{
    /// <summary>The board a symbol is listed on, from its prefix and code; an unrecognised symbol is an error.</summary>
    public static Board Of(string symbol)
    {
        if (symbol.Length == 8 && symbol.AsSpan(2).ContainsAnyExceptInRange('0', '9') == false)
        {
            var code = symbol.AsSpan(2, 3);
            if (symbol.StartsWith("SH", StringComparison.Ordinal))
            {
                if (code.StartsWith("60")) return Board.Main;
                if (code.SequenceEqual("688") || code.SequenceEqual("689")) return Board.Star;
            }
            else if (symbol.StartsWith("SZ", StringComparison.Ordinal))
            {
                if (code.StartsWith("00")) return Board.Main;
                if (code.SequenceEqual("300") || code.SequenceEqual("301")) return Board.ChiNext;
            }
            else if (symbol.StartsWith("BJ", StringComparison.Ordinal)) return Board.Beijing;
        }
        throw new InputException($"symbol {symbol}: not an A-share on a known board (SH60xxxx, SH688xxx, SZ00xxxx, SZ300xxx, SZ301xxx, BJxxxxxx)");
    }
}
