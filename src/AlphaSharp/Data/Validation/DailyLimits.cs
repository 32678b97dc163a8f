using AlphaSharp.Common;

namespace AlphaSharp.Data.Validation;

/// <summary>
/// The daily price limit a validator compares moves with: the market's <see cref="PriceLimitRules"/> by board and date.
/// A symbol on no known board (B shares, funds, a foreign code in an import) is held to the main board's limit: ST
/// stocks' 5 % lies inside it too, so a wider assumed limit can only hide a breach, never invent one.
/// </summary>
public sealed class DailyLimits(PriceLimitRules rules)
{
    private readonly Dictionary<string, Board?> _boards = new(StringComparer.Ordinal);

    public double For(string symbol, DateOnly date)
    {
        if (!_boards.TryGetValue(symbol, out var board))
        {
            try
            {
                board = Boards.Of(symbol);
            }
            catch (InputException)
            {
                board = null;
            }
            _boards[symbol] = board;
        }
        return board is { } b ? rules.LimitFraction(b, date) : rules.Main;
    }
}
