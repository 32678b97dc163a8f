using System.Globalization;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Backtest;
using AlphaSharp.Data;
using AlphaSharp.Tests.Backtest.Strategies;
using Calendar = AlphaSharp.Data.Calendar;

namespace AlphaSharp.Tests.Backtest;

/// <summary>
/// The whole daily loop against an independent plain-Python re-implementation (tests/fixtures/backtest/
/// topn_simulation_reference.py): top-3 equal weight over 40 days of a random 10-stock market with suspensions and
/// factor changes, generic rules, 0.1 % commission, 10 bps slippage. Every day's value and cash must agree.
/// </summary>
public class ReferenceSimulationTests
{
    [Fact]
    public void TopN_daily_values_match_the_python_reference()
    {
        var dir = StrategyTests.FixtureDir();
        var rows = File.ReadLines(Path.Combine(dir, "topn_market.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        const int stocks = 10, days = 40;
        var dates = new List<DateOnly>();
        for (var d = new DateOnly(2021, 3, 1); dates.Count < days; d = d.AddDays(1))
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) dates.Add(d);
        var panel = new Panel(new Calendar(dates), Enumerable.Range(0, stocks).Select(i => $"SZ{i:000000}"));
        var f = new[] { "open", "high", "low", "close", "volume", "amount", "factor" }.ToDictionary(x => x, x => panel.SetField(x));
        var scores = new float[days * stocks];
        foreach (var r in rows)
        {
            var t = int.Parse(r[0], CultureInfo.InvariantCulture);
            var i = panel.IndexOf(r[1]);
            var k = i * days + t;
            float P(int c) => float.Parse(r[c], CultureInfo.InvariantCulture);
            (f["open"][k], f["close"][k], f["volume"][k], f["factor"][k]) = (P(2), P(3), P(4), P(5));
            (f["high"][k], f["low"][k]) = (Math.Max(P(2), P(3)), Math.Min(P(2), P(3)));
            f["amount"][k] = P(4) * (P(2) + P(3)) / 2;
            scores[t * stocks + i] = P(6);
        }
        var m = MarketView.From(new MarketData(panel));
        var options = BacktestOptions.Generic with
        {
            InitialCash = 1_000_000,
            Costs = BacktestOptions.Generic.Costs with { CommissionRate = 0.001, SlippageBps = 10 },
            Filter = new CandidateFilter(UniverseOnly: false, ExcludeSuspended: true, ExcludeLimitHit: false, MinListingDays: 0),
        };
        var result = Backtester.Run(m, new ScoreTable(m, scores), new TopNStrategy(3), options);
        var expected = File.ReadLines(Path.Combine(dir, "topn_values.csv")).Skip(1).Select(l => l.Split(','))
            .Select(x => (Day: int.Parse(x[0], CultureInfo.InvariantCulture), Value: double.Parse(x[1], CultureInfo.InvariantCulture),
                Cash: double.Parse(x[2], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(expected.Select(e => e.Day), result.Days);
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k].Value, result.Values[k], 1e-6);
            Assert.Equal(expected[k].Cash, result.Cash[k], 1e-6);
        }
        // The case is not trivial: suspended names were refused and factor changes hit held positions.
        Assert.Contains(result.Trades, t => t.Note == "refused: suspended");
        Assert.True(result.Trades.Count(t => t.Filled) > 60);
    }
}
