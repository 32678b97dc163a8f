using AlphaSharp.Evaluation.Performance;

namespace AlphaSharp.Tests.Reports;

/// <summary>A seeded, plausible backtest: weekdays from 2019-01-02, weekly rebalances, a slump mid-way.</summary>
internal static class SyntheticSeries
{
    public static BacktestSeries Make(int days = 800, int seed = 7)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var dates = new List<DateOnly>();
        for (var d = new DateOnly(2019, 1, 2); dates.Count < days; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) dates.Add(d);
        var strategy = new double[days];
        var benchmark = new double[days];
        var turnover = new double[days];
        var holdings = new int[days];
        var costs = new double[days];
        var value = new double[days];
        var v = 10_000_000.0;
        for (var t = 0; t < days; t++)
        {
            var slump = t > days * 0.4 && t < days * 0.55 ? -0.003 : 0.0;
            benchmark[t] = 0.0003 + 0.012 * Normal() + slump;
            turnover[t] = t % 5 == 0 ? 0.15 + 0.2 * rng.NextDouble() : 0.0;
            costs[t] = turnover[t] * v * 0.0012;
            strategy[t] = 0.0005 + 0.9 * benchmark[t] + 0.006 * Normal() - costs[t] / v;
            v *= 1 + strategy[t];
            value[t] = v;
            holdings[t] = 48 + rng.Next(5);
        }
        return new BacktestSeries(dates.ToArray(), strategy, benchmark, turnover, holdings, costs, value, 10_000_000.0);
    }
}
