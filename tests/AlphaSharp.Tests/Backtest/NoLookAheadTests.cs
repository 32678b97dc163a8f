using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Backtest;

namespace AlphaSharp.Tests.Backtest;

/// <summary>
/// The no-look-ahead property: redrawing every score, price, volume, factor, market value and membership dated after
/// day t leaves every trade (and every daily value) up to t unchanged, for every strategy and execution setting.
/// </summary>
public class NoLookAheadTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var strategy in new[] { "topk", "topn", "layers", "enhanced", "signals", "threshold" })
            for (var setting = 0; setting < 4; setting++) data.Add(strategy, setting);
        return data;
    }

    private static IStrategy Make(string name) => name switch
    {
        "topk" => new TopkDropoutStrategy(6, 2),
        "topn" => new TopNStrategy(5),
        "layers" => new LayerStrategy(3, 1),
        "enhanced" => new EnhancedIndexStrategy(1.0, 0.3),
        "threshold" => new ThresholdStrategy(0.5),
        _ => new SignalStrategy(0.1, buyAbove: 0.7, sellBelow: 0.3),
    };

    private static BacktestOptions Setting(int k) => k switch
    {
        0 => new BacktestOptions { InitialCash = 5_000_000, Filter = CandidateFilter.Default with { MinListingDays = 5 } },
        1 => new BacktestOptions { InitialCash = 5_000_000, Price = ExecutionPrice.Vwap, Lag = 2, Rebalance = new RebalanceSchedule(RebalanceFrequency.Weekly) },
        2 => new BacktestOptions { InitialCash = 5_000_000, Price = ExecutionPrice.Close, Lag = 0, Costs = CostModel.China with { SlippagePerVolumeShare = 0.5 } },
        _ => BacktestOptions.Generic with { InitialCash = 5_000_000, Rebalance = new RebalanceSchedule(RebalanceFrequency.EveryNDays, 3) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Perturbing_everything_after_t_leaves_every_trade_up_to_t_unchanged(string strategy, int setting)
    {
        for (var seed = 1; seed <= 6; seed++)
        {
            var market = new RandomMarket(seed * 31 + setting);
            var options = Setting(setting);
            var baseRun = Run(market, strategy, options);
            Assert.Contains(baseRun.Trades, t => t.Filled);
            var cut = 10 + seed * 8;
            market.Perturb(seed * 1000 + 7, cut);
            var other = Run(market, strategy, options);
            var before = baseRun.Trades.Where(t => t.Day <= cut).ToList();
            var after = other.Trades.Where(t => t.Day <= cut).ToList();
            Assert.NotEmpty(before);
            Assert.Equal(before, after);
            for (var k = 0; k < baseRun.Count && baseRun.Days[k] <= cut; k++)
            {
                Assert.Equal(baseRun.Values[k], other.Values[k]);
                Assert.Equal(baseRun.Holdings[k], other.Holdings[k]);
            }
            // The perturbation is real: something after the cut differs.
            Assert.NotEqual(baseRun.Trades.Where(t => t.Day > cut), other.Trades.Where(t => t.Day > cut));
        }
    }

    private static BacktestResult Run(RandomMarket market, string strategy, BacktestOptions options)
    {
        var view = market.View();
        return Backtester.Run(view, new ScoreTable(view, (float[])market.Scores.Clone()), Make(strategy), options);
    }
}
