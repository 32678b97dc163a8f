namespace AlphaSharp.Data;

/// <summary>
/// Daily price-limit fractions by board and date. Defaults are the exchanges' rules: main board +-10 %, ChiNext +-10 %
/// before its registration reform took effect on 2020-08-24 and +-20 % from then, STAR +-20 %, Beijing +-30 %.
/// ST stocks (+-5 %) are not covered: the data has no ST flag.
/// </summary>
public sealed record PriceLimitRules
{
    public double Main { get; init; } = 0.10;
    public double ChiNextBeforeReform { get; init; } = 0.10;
    public double ChiNextAfterReform { get; init; } = 0.20;
    public DateOnly ChiNextReform { get; init; } = new(2020, 8, 24);
    public double Star { get; init; } = 0.20;
    public double Beijing { get; init; } = 0.30;

    public static PriceLimitRules Default { get; } = new();

    public double LimitFraction(Board board, DateOnly day) => board switch
    {
        Board.Main => Main,
        Board.ChiNext => day >= ChiNextReform ? ChiNextAfterReform : ChiNextBeforeReform,
        Board.Star => Star,
        Board.Beijing => Beijing,
        _ => throw new ArgumentOutOfRangeException(nameof(board), board, "unknown board"),
    };

    public double LimitFraction(string symbol, DateOnly day) => LimitFraction(Boards.Of(symbol), day);
}
