using System.Globalization;
using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Backtest;
using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Backtest.Strategies;

public class StrategyTests
{
    private static readonly CostModel Free = new(0, 0, StampDutySchedule.None, TransferFeeSchedule.None, 0, 0);
    private static readonly BacktestOptions Plain = BacktestOptions.Generic with { Costs = Free, Filter = CandidateFilter.None, InitialCash = 1_000_000 };

    private static HashSet<string> HeldAfter(BacktestResult r, int day) =>
        r.Positions.Where(p => p.Day == day).Select(p => r.Market.Symbols[p.Instrument]).ToHashSet();

    [Fact]
    public void TopK_dropout_picks_on_a_hand_made_case()
    {
        // Six stocks flat at 10.00, topk 3, n_drop 1, China lots, no costs.
        string[] s = ["SH600001", "SH600002", "SH600003", "SH600004", "SH600005", "SH600006"]; // A..F
        var m = new TinyMarket(s, 5).View();
        var scores = TinyMarket.EmptyScores(m);
        void Day(int t, params float[] v) { for (var i = 0; i < 6; i++) scores[t * 6 + i] = v[i]; }
        Day(0, 6, 5, 4, 3, 2, 1);   // empty book: today = top 4 (A B C D); buy = today[:3] = A B C
        Day(1, 1, 5, 4, 6, 3, 2);   // last = B C A; today = D; comb = D B C A; sell A, buy D
        Day(2, 4, 2, 3, 1, 6, 5);   // last = C B D; today = E; comb = E C B D; sell D, buy E
        var o = Plain with { Rules = ExchangeRules.China with { MaxVolumeShare = 1 } };
        var r = Backtester.Run(m, new ScoreTable(m, scores), new TopkDropoutStrategy(3, 1), o);
        Assert.Equal(["SH600001", "SH600002", "SH600003"], HeldAfter(r, 1).Order());
        Assert.Equal(["SH600002", "SH600003", "SH600004"], HeldAfter(r, 2).Order());
        Assert.Equal(["SH600002", "SH600003", "SH600005"], HeldAfter(r, 3).Order());
        // Day 1: 1,000,000 x 0.95 / 3 = 316,666.67 -> 31,600 shares each; cash left 52,000.
        var day1 = r.Trades.Where(t => t.Day == 1).ToList();
        Assert.All(day1, t => Assert.Equal(31_600, t.Shares));
        // Day 2: selling A gives 52,000 + 316,000 = 368,000; x 0.95 = 349,600 -> 34,900 shares of D.
        var buyD = Assert.Single(r.Trades, t => t.Day == 2 && t.Side == OrderSide.Buy);
        Assert.Equal((3, 34_900.0), (buyD.Instrument, buyD.Shares));

        // hold_thresh 2: on day 1, A (bought day 1) has been held through one close, so its sell is skipped, while D is
        // still bought (Qlib sizes the buys by the sell list before the hold check): four holdings A B C D.
        // Day 2: last = A(4) C(3) B(2) D(1), today = top (1 + 3 - 4 = 0) = none; comb's bottom is D, held one close:
        // skipped again, and buy = today[:0]: nothing changes.
        var r2 = Backtester.Run(m, new ScoreTable(m, scores), new TopkDropoutStrategy(3, 1, holdThreshold: 2), o);
        Assert.Equal(["SH600001", "SH600002", "SH600003", "SH600004"], HeldAfter(r2, 2).Order());
        Assert.Equal(["SH600001", "SH600002", "SH600003", "SH600004"], HeldAfter(r2, 3).Order());
    }

    [Theory]
    [InlineData(10, 3, 1)]
    [InlineData(8, 4, 3)]
    public void TopK_dropout_matches_a_pandas_replay_of_Qlib_over_60_days(int topk, int nDrop, int hold)
    {
        var dir = FixtureDir();
        var symbols = Enumerable.Range(0, 40).Select(k => $"SH6{k:00000}").ToArray();
        var m = new TinyMarket(symbols, 61).View();
        var scores = TinyMarket.EmptyScores(m);
        foreach (var line in File.ReadLines(Path.Combine(dir, "topk_dropout_scores.csv")).Skip(1))
        {
            var f = line.Split(',');
            scores[int.Parse(f[0], CultureInfo.InvariantCulture) * m.N + m.Data.Panel.IndexOf(f[1])] = float.Parse(f[2], CultureInfo.InvariantCulture);
        }
        var r = Backtester.Run(m, new ScoreTable(m, scores), new TopkDropoutStrategy(topk, nDrop, hold), Plain);
        var expected = File.ReadLines(Path.Combine(dir, $"topk_dropout_holdings_{topk}_{nDrop}_{hold}.csv")).Skip(1).Select(l => l.Split(',')[1]).ToList();
        Assert.Equal(60, expected.Count);
        for (var day = 0; day < 60; day++)
            Assert.Equal(expected[day], string.Join('|', HeldAfter(r, day + 1).Order(StringComparer.Ordinal)));
        // hold_thresh 1 keeps exactly topk names; 3 lets skipped sells pile up, as in Qlib.
        if (hold == 1) Assert.All(r.Holdings, h => Assert.Equal(topk, h));
        else Assert.Contains(r.Holdings, h => h > topk);
    }

    [Fact]
    public void TopN_holds_the_best_n_eligible_at_equal_weight()
    {
        string[] s = ["SZ000001", "SZ000002", "SZ000003", "SZ000004"];
        var tm = new TinyMarket(s, 4).Set("volume", "SZ000001", 0, 0);
        var m = tm.View();
        var scores = TinyMarket.EmptyScores(m);
        float[][] days = [[4, 3, 2, 1], [4, 1, 2, 3]];
        for (var t = 0; t < 2; t++) for (var i = 0; i < 4; i++) scores[t * 4 + i] = days[t][i];
        var o = Plain with { Filter = CandidateFilter.Default with { MinListingDays = 0, UniverseOnly = false }, RiskDegree = 1 };
        var r = Backtester.Run(m, new ScoreTable(m, scores), new TopNStrategy(2), o);
        // Day 0: stock 1 is suspended, so no candidate: picks 2 and 3 (500,000 each = 50,000 shares on day 1).
        // Day 1: stock 1 trades again: picks 1 and 4; day 2 sells 2 and 3 (1,000,000) and buys 50,000 each of 1 and 4.
        Assert.Equal(["SZ000002", "SZ000003"], HeldAfter(r, 1).Order());
        Assert.Equal(["SZ000001", "SZ000004"], HeldAfter(r, 2).Order());
        Assert.All(r.Trades.Where(t => t.Day == 1), t => Assert.Equal(50_000, t.Shares));
        var day2 = r.Trades.Where(t => t.Day == 2).Select(t => (t.Side, m.Symbols[t.Instrument], t.Shares)).ToList();
        Assert.Equal([(OrderSide.Sell, "SZ000002", 50_000.0), (OrderSide.Sell, "SZ000003", 50_000.0),
            (OrderSide.Buy, "SZ000001", 50_000.0), (OrderSide.Buy, "SZ000004", 50_000.0)], day2);
    }

    [Fact]
    public void Threshold_holds_every_eligible_stock_at_or_above_it_at_equal_weight_and_cash_when_none_is()
    {
        string[] s = ["SZ000001", "SZ000002", "SZ000003", "SZ000004"];
        var tm = new TinyMarket(s, 4).Set("volume", "SZ000003", 0, 0);
        var m = tm.View();
        var scores = TinyMarket.EmptyScores(m);
        // Day 0: 0.9, 0.5 (at the threshold: held), 0.8 (suspended), NaN (no score, as off the picks).
        // Day 1: every score below 0.5: sell everything, hold cash.
        float[][] days = [[0.9f, 0.5f, 0.8f, float.NaN], [0.4f, 0.1f, 0.49f, float.NaN]];
        for (var t = 0; t < 2; t++) for (var i = 0; i < 4; i++) scores[t * 4 + i] = days[t][i];
        var o = Plain with { Filter = CandidateFilter.Default with { MinListingDays = 0, UniverseOnly = false }, RiskDegree = 1 };
        var r = Backtester.Run(m, new ScoreTable(m, scores), new ThresholdStrategy(0.5), o);
        Assert.Equal(["SZ000001", "SZ000002"], HeldAfter(r, 1).Order());
        Assert.All(r.Trades.Where(t => t.Day == 1), t => Assert.Equal(50_000, t.Shares)); // 1,000,000 / 2 at 10
        Assert.Empty(HeldAfter(r, 2));
        Assert.Throws<SettingException>(() => new ThresholdStrategy(double.NaN));
    }

    [Fact]
    public void Layers_cut_the_ranked_stocks_into_groups_differing_by_at_most_one()
    {
        Assert.Equal((0, 4), LayerStrategy.Range(10, 3, 1));   // ranks 0-3: floor(3r/10) = 0 up to r = 3
        Assert.Equal((4, 7), LayerStrategy.Range(10, 3, 2));   // ranks 4-6
        Assert.Equal((7, 10), LayerStrategy.Range(10, 3, 3));  // ranks 7-9
        Assert.Equal((0, 2), LayerStrategy.Range(10, 5, 1));
        Assert.Equal((8, 10), LayerStrategy.Range(10, 5, 5));
        for (var m = 0; m < 40; m++)
            for (var l = 1; l <= 7; l++)
            {
                var covered = 0;
                for (var g = 1; g <= l; g++)
                {
                    var (from, to) = LayerStrategy.Range(m, l, g);
                    for (var rank = from; rank < to; rank++) Assert.Equal(g - 1, rank * l / m);
                    covered += to - from;
                }
                Assert.Equal(m, covered);
            }

        string[] s = ["SZ000001", "SZ000002", "SZ000003", "SZ000004", "SZ000005", "SZ000006"];
        var mk = new TinyMarket(s, 3).View();
        var scores = TinyMarket.EmptyScores(mk);
        float[] v = [1, 6, 2, 5, 3, 4];
        for (var i = 0; i < 6; i++) scores[i] = v[i];
        var o = Plain with { RiskDegree = 1, End = mk.Calendar[1] };
        // Three layers of two: top = 2 (6), 4 (5); middle = 6 (4), 5 (3); bottom = 3 (2), 1 (1).
        Assert.Equal(["SZ000002", "SZ000004"], HeldAfter(Backtester.Run(mk, new ScoreTable(mk, scores), new LayerStrategy(3, 1), o), 1).Order());
        Assert.Equal(["SZ000005", "SZ000006"], HeldAfter(Backtester.Run(mk, new ScoreTable(mk, scores), new LayerStrategy(3, 2), o), 1).Order());
        Assert.Equal(["SZ000001", "SZ000003"], HeldAfter(Backtester.Run(mk, new ScoreTable(mk, scores), new LayerStrategy(3, 3), o), 1).Order());
    }

    [Fact]
    public void Signals_buy_a_fixed_capital_share_sell_on_a_sell_signal_and_hold_otherwise()
    {
        string[] s = ["SZ000001", "SZ000002", "SZ000003"];
        var m = new TinyMarket(s, 5).View();
        var scores = TinyMarket.EmptyScores(m);
        float[][] days = [[1, 1, 0], [0, -1, 1], [1, 0, -1]];
        for (var t = 0; t < 3; t++) for (var i = 0; i < 3; i++) scores[t * 3 + i] = days[t][i];
        var r = Backtester.Run(m, new ScoreTable(m, scores), new SignalStrategy(0.2), Plain with { RiskDegree = 1 });
        // Day 1: buy 1 and 2 at 20 % of 1,000,000 = 20,000 shares each. Day 2: sell 2, buy 3 (20,000).
        // Day 3: 1 is held (buy signal = keep), 2 is not held (hold), 3 sold.
        Assert.Equal(["SZ000001", "SZ000002"], HeldAfter(r, 1).Order());
        Assert.Equal(["SZ000001", "SZ000003"], HeldAfter(r, 2).Order());
        Assert.Equal(["SZ000001"], HeldAfter(r, 3).Order());
        Assert.All(r.Trades, t => Assert.Equal(20_000, t.Shares));
        Assert.Equal(5, r.Trades.Count);
    }

    [Fact]
    public void Enhanced_index_tilts_float_cap_weights_keeps_size_exposure_and_caps_turnover()
    {
        // Five members with float market values 1..5 (x 1e9); scores not ordered by size.
        string[] s = ["SZ000001", "SZ000002", "SZ000003", "SZ000004", "SZ000005"];
        var tm = new TinyMarket(s, 4);
        var mv = new float[5 * 4];
        for (var i = 0; i < 5; i++) for (var t = 0; t < 4; t++) mv[i * 4 + t] = (i + 1) * 1e9f;
        tm.FloatMv = mv;
        var m = tm.View();
        var scores = TinyMarket.EmptyScores(m);
        float[] day0 = [3, 5, 1, 4, 2];
        float[] day1 = [4, 1, 5, 2, 3];
        for (var i = 0; i < 5; i++) { scores[i] = day0[i]; scores[5 + i] = day1[i]; }

        var strategy = new EnhancedIndexStrategy(tilt: 0.5, turnoverCap: 0.3, sizeNeutral: true);
        var o = Plain with { RiskDegree = 1, InitialCash = 1e7, End = m.Calendar[2] };
        var r = Backtester.Run(m, new ScoreTable(m, scores), strategy, o);
        double[] b = [1 / 15.0, 2 / 15.0, 3 / 15.0, 4 / 15.0, 5 / 15.0];
        var w1 = Weights(r, 1);
        // Size neutral: the tilted weights have the benchmark's exposure to ln(float_mv) (to lot rounding).
        var size = Enumerable.Range(0, 5).Select(i => Math.Log((i + 1) * 1e9)).ToArray();
        // (Weights of the stocks alone: the cash left by whole-share rounding is not part of the tilt.)
        Assert.Equal(b.Zip(size, (x, y) => x * y).Sum(), w1.Zip(size, (x, y) => x * y).Sum() / w1.Sum(), 5);
        // The second rebalance reverses the scores; its one-way turnover is capped at 30 % of the invested value.
        var w2 = Weights(r, 2);
        var turnover = w1.Zip(w2, (x, y) => Math.Abs(x - y)).Sum() / 2;
        Assert.InRange(turnover, 0.29, 0.3 + 1e-6);
        // Unconstrained (cap 1) the same day would trade more than the cap.
        var free = Backtester.Run(m, new ScoreTable(m, scores), new EnhancedIndexStrategy(0.5, 1.0, true), o);
        var wf = Weights(free, 2);
        Assert.True(w1.Zip(wf, (x, y) => Math.Abs(x - y)).Sum() / 2 > 0.3);

        // Without size neutrality the weights are b * exp(0.5 z), normalised (z from the sample standard deviation).
        var plain = Backtester.Run(m, new ScoreTable(m, scores), new EnhancedIndexStrategy(0.5, 1.0, false), o with { End = m.Calendar[1] });
        var sd = Math.Sqrt(new double[] { 0, 2, -2, 1, -1 }.Sum(x => x * x) / 4);
        var raw = Enumerable.Range(0, 5).Select(i => b[i] * Math.Exp(0.5 * (day0[i] - 3) / sd)).ToArray();
        var expected = raw.Select(x => x / raw.Sum()).ToArray();
        var got = Weights(plain, 1);
        for (var i = 0; i < 5; i++) Assert.Equal(expected[i], got[i], 4);
    }

    [Fact]
    public void Enhanced_index_bridges_a_float_mv_gap_with_the_last_known_value()
    {
        // Three members at 10.00 with float_mv 1, 2, 3 (x 1e9); stock 3's value is missing on day 1. With no tilt the
        // day-1 decision must still hold it at 3/6, not sell it for want of a weight.
        string[] s = ["SZ000001", "SZ000002", "SZ000003"];
        var tm = new TinyMarket(s, 4);
        var mv = new float[3 * 4];
        for (var i = 0; i < 3; i++) for (var t = 0; t < 4; t++) mv[i * 4 + t] = (i + 1) * 1e9f;
        mv[2 * 4 + 1] = float.NaN;
        tm.FloatMv = mv;
        var m = tm.View();
        var scores = TinyMarket.EmptyScores(m);
        for (var k = 0; k < 6; k++) scores[k] = 1;
        var r = Backtester.Run(m, new ScoreTable(m, scores), new EnhancedIndexStrategy(0, 1, false), Plain with { RiskDegree = 1, InitialCash = 6e6 });
        Assert.Equal(new[] { 1 / 6.0, 2 / 6.0, 3 / 6.0 }, Weights(r, 2), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.DoesNotContain(r.Trades, t => t.Side == OrderSide.Sell);
    }

    private static double[] Weights(BacktestResult r, int day)
    {
        var w = new double[r.Market.N];
        foreach (var p in r.Positions.Where(p => p.Day == day)) w[p.Instrument] = p.Weight;
        return w;
    }

    [Fact]
    public void Weekly_and_monthly_schedules_decide_on_the_last_trading_day_of_the_period()
    {
        // 2020-01-06 (Mon) .. 2020-02-14: six weeks of weekdays.
        var cal = new TinyMarket(["SZ000001"], 30).View().Calendar;
        var weekly = new RebalanceSchedule(RebalanceFrequency.Weekly).DecisionDays(cal, 0, cal.Count - 1);
        Assert.All(Enumerable.Range(0, cal.Count), t => Assert.Equal(cal[t].DayOfWeek == DayOfWeek.Friday, weekly[t]));
        var monthly = new RebalanceSchedule(RebalanceFrequency.Monthly).DecisionDays(cal, 0, cal.Count - 1);
        Assert.Equal([new DateOnly(2020, 1, 31), new DateOnly(2020, 2, 14)], Enumerable.Range(0, cal.Count).Where(t => monthly[t]).Select(t => cal[t]));
        var every = new RebalanceSchedule(RebalanceFrequency.EveryNDays, 7).DecisionDays(cal, 2, cal.Count - 1);
        Assert.Equal([2, 9, 16, 23], Enumerable.Range(0, cal.Count).Where(t => every[t]));
    }

    [Fact]
    public void Impossible_configurations_are_refused_with_the_setting_named()
    {
        Assert.StartsWith("topk 0:", Assert.Throws<SettingException>(() => new TopkDropoutStrategy(0, 0)).Message);
        Assert.Equal("n_drop", Assert.Throws<SettingException>(() => new TopkDropoutStrategy(5, 6)).Setting);
        Assert.StartsWith("n_drop 6:", Assert.Throws<SettingException>(() => new TopkDropoutStrategy(5, 6)).Message);
        Assert.StartsWith("layer 4:", Assert.Throws<SettingException>(() => new LayerStrategy(3, 4)).Message);
        Assert.StartsWith("turnover_cap 0:", Assert.Throws<SettingException>(() => new EnhancedIndexStrategy(1, 0)).Message);
        var lookAhead = Assert.Throws<SettingException>(() => new BacktestOptions { Lag = 0 }.Validate());
        Assert.Contains("look-ahead", lookAhead.Message);
        Assert.Equal(["lag", "price"], lookAhead.Settings);
        new BacktestOptions { Lag = 0, Price = ExecutionPrice.Close }.Validate();
    }

    internal static string FixtureDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "backtest");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/fixtures/backtest not found above {AppContext.BaseDirectory}");
    }
}

public class ScoreOrderTests
{
    [Fact]
    public void Packed_keys_sort_like_pandas_descending_with_NaN_last_and_ties_by_index()
    {
        var rng = new Random(5);
        float[] specials = [float.NaN, 0f, -0f, float.PositiveInfinity, float.NegativeInfinity, 1e-40f, -1e-40f, float.MaxValue, -float.MaxValue, 1.5f, 1.5f];
        for (var round = 0; round < 50; round++)
        {
            var n = rng.Next(1, 300);
            var scores = new float[n];
            for (var i = 0; i < n; i++)
                scores[i] = rng.NextDouble() < 0.2 ? specials[rng.Next(specials.Length)] : (float)(rng.NextDouble() * 4 - 2);
            var items = Enumerable.Range(0, n).Where(_ => rng.NextDouble() < 0.8).ToList();
            var expected = items.OrderBy(i => float.IsNaN(scores[i]) ? 1 : 0)
                .ThenByDescending(i => float.IsNaN(scores[i]) ? 0 : (double)scores[i]).ThenBy(i => i).ToList();
            new AlphaSharp.Backtest.Strategies.ScoreOrder().SortDescending(items, scores);
            Assert.Equal(expected, items);
        }
    }
}
