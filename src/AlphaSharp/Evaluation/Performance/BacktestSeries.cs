using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Evaluation.Performance;

/// <summary>
/// What a backtest hands to the metrics and the tear sheet: one row per trading day, all arrays the same length.
/// <list type="bullet">
/// <item><c>Strategy</c>, <c>Benchmark</c>: daily simple returns (0.01 = +1 %), after costs; NaN = no observation.</item>
/// <item><c>Turnover</c>: value traded that day, buys plus sells, divided by the portfolio value at the start of the
/// day (Qlib's convention: a full switch of the book is 2.0).</item>
/// <item><c>Holdings</c>: number of stocks held at the end of the day.</item>
/// <item><c>Costs</c>: money paid that day (commission, stamp duty, transfer fee, slippage), in account currency.</item>
/// <item><c>Value</c>: portfolio value at the end of the day (cash plus positions), in account currency.</item>
/// <item><c>InitialCapital</c>: the value before the first day.</item>
/// </list>
/// </summary>
public sealed record BacktestSeries(
    DateOnly[] Dates,
    double[] Strategy,
    double[] Benchmark,
    double[] Turnover,
    int[] Holdings,
    double[] Costs,
    double[] Value,
    double InitialCapital)
{
    /// <summary>A series with only returns (turnover, holdings and costs zero; value compounded from 1).</summary>
    public static BacktestSeries FromReturns(DateOnly[] dates, double[] strategy, double[] benchmark)
    {
        var n = dates.Length;
        var value = new double[n];
        var w = 1.0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsNaN(strategy[i])) w *= 1 + strategy[i];
            value[i] = w;
        }
        return new BacktestSeries(dates, strategy, benchmark, new double[n], new int[n], new double[n], value, 1.0);
    }

    public int Length => Dates.Length;

    /// <summary>Throws a one-line <see cref="InputException"/> naming the first inconsistency.</summary>
    public void Validate()
    {
        var n = Dates.Length;
        Check(Strategy.Length, nameof(Strategy));
        Check(Benchmark.Length, nameof(Benchmark));
        Check(Turnover.Length, nameof(Turnover));
        Check(Holdings.Length, nameof(Holdings));
        Check(Costs.Length, nameof(Costs));
        Check(Value.Length, nameof(Value));
        for (var i = 1; i < n; i++)
            if (Dates[i] <= Dates[i - 1])
                throw new InputException($"backtest series: dates must increase strictly, but row {i} ({Dates[i]:yyyy-MM-dd}) follows {Dates[i - 1]:yyyy-MM-dd}");
        if (!(InitialCapital > 0) || double.IsInfinity(InitialCapital))
            throw new InputException($"backtest series: initial capital must be a positive number, got {InitialCapital}");
        for (var i = 0; i < n; i++)
        {
            if (Strategy[i] <= -1 || double.IsInfinity(Strategy[i]))
                throw new InputException($"backtest series: strategy return {Strategy[i]} on {Dates[i]:yyyy-MM-dd} (row {i}) is not a simple return above -100 %");
            if (Benchmark[i] <= -1 || double.IsInfinity(Benchmark[i]))
                throw new InputException($"backtest series: benchmark return {Benchmark[i]} on {Dates[i]:yyyy-MM-dd} (row {i}) is not a simple return above -100 %");
        }

        void Check(int length, string name)
        {
            if (length != n)
                throw new InputException($"backtest series: {name} has {length} rows but Dates has {n}; every column needs one value per date");
        }
    }
}
