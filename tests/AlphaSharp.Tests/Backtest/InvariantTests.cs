using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Backtest;

namespace AlphaSharp.Tests.Backtest;

/// <summary>
/// Rules that must hold for every fill of every run, checked on seeded random markets (all four boards, limit days,
/// suspensions, dividends) for every strategy under China rules with several execution settings.
/// </summary>
public class InvariantTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var strategy in new[] { "topk", "topn", "layers", "enhanced", "signals" })
            for (var seed = 1; seed <= 4; seed++) data.Add(strategy, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fills_respect_limits_lots_T_plus_1_volume_cap_and_cash(string strategy, int seed)
    {
        var market = new RandomMarket(seed * 101, n: 32, days: 90);
        var m = market.View();
        IStrategy s = strategy switch
        {
            "topk" => new TopkDropoutStrategy(8, 3),
            "topn" => new TopNStrategy(6),
            "layers" => new LayerStrategy(4, 2),
            "enhanced" => new EnhancedIndexStrategy(2.0, 0.5),
            _ => new SignalStrategy(0.08, 0.6, 0.35),
        };
        var options = new BacktestOptions
        {
            InitialCash = 3_000_000,
            Price = (ExecutionPrice)(seed % 3),
            Costs = CostModel.China with { SlippagePerVolumeShare = 0.2 },
            Filter = CandidateFilter.Default with { MinListingDays = 3 },
        };
        var r = Backtester.Run(m, new ScoreTable(m, market.Scores), s, options);
        var n = m.N;
        var lastBuy = new Dictionary<int, int>();
        foreach (var f in r.Trades.Where(t => t.Filled))
        {
            var k = f.Day * n + f.Instrument;
            Assert.True(m.Tradable[k]);
            Assert.True(f.Shares <= 0.1 * m.Volume[k] + 1e-6);
            Assert.True(f.Costs.Commission >= 5 - 1e-12);
            if (f.Side == OrderSide.Buy)
            {
                if (double.IsFinite(m.LimitUp[k])) Assert.True(f.MarketPrice < m.LimitUp[k] - 0.005);
                if (m.Star[f.Instrument]) Assert.True(f.Shares >= 200 && f.Shares == Math.Floor(f.Shares));
                else Assert.Equal(0, f.Shares % 100);
                Assert.Equal(0, f.Costs.StampDuty);
                lastBuy[f.Instrument] = f.Day;
            }
            else
            {
                if (double.IsFinite(m.LimitDown[k])) Assert.True(f.MarketPrice > m.LimitDown[k] + 0.005);
                Assert.NotEqual(f.Day, lastBuy.GetValueOrDefault(f.Instrument, -1));
                Assert.Equal(0.001 * f.Value, f.Costs.StampDuty, 9);
            }
        }
        Assert.All(r.Cash, c => Assert.True(c >= -1e-6));
        Assert.All(r.Positions, p => Assert.True(p.Shares > 0));
        // Every day's positions plus cash make its value.
        foreach (var g in r.Positions.GroupBy(p => p.Day))
        {
            var k = Array.IndexOf(r.Days, g.Key);
            Assert.Equal(r.Values[k], r.Cash[k] + g.Sum(p => p.Value), r.Values[k] * 1e-12);
        }
    }
}
