using AlphaSharp.Evaluation.Performance;

namespace AlphaSharp.Backtest;

/// <summary>One held position at a day's close: shares and the close it is valued at (the last close while suspended).</summary>
public readonly record struct PositionRow(int Day, int Instrument, double Shares, double Price, double Value, double Weight);

/// <summary>
/// A run's outputs, one entry per simulated day (calendar indices <see cref="Days"/>). Returns are close to close:
/// the strategy's from portfolio value (cash included, costs paid), the benchmark's from its closes.
/// Turnover = (bought value + sold value) / the previous close's portfolio value (Qlib's convention: a full switch
/// of the book is 2.0), as <see cref="BacktestSeries"/> defines it.
/// </summary>
public sealed class BacktestResult
{
    public required string Strategy { get; init; }
    public required MarketView Market { get; init; }
    public required int[] Days { get; init; }
    public required double[] StrategyReturns { get; init; }
    public required double[] BenchmarkReturns { get; init; }
    public required double[] Values { get; init; }
    public required double[] Cash { get; init; }
    public required double[] Bought { get; init; }
    public required double[] Sold { get; init; }
    public required double[] Turnover { get; init; }
    public required double[] CostsPaid { get; init; }
    public required int[] Holdings { get; init; }
    public required List<Trade> Trades { get; init; }
    public required List<PositionRow> Positions { get; init; }
    public required double InitialCash { get; init; }
    public int VwapFallbacks { get; init; }

    public IEnumerable<DateOnly> Dates => Days.Select(t => Market.Calendar[t]);
    public int Count => Days.Length;

    /// <summary>The daily series the metrics and the tear sheet read.</summary>
    public BacktestSeries ToSeries() =>
        new(Dates.ToArray(), StrategyReturns, BenchmarkReturns, Turnover, Holdings, CostsPaid, Values, InitialCash);
}
