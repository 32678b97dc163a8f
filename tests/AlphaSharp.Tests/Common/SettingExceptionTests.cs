using AlphaSharp.Backtest;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Common;

namespace AlphaSharp.Tests.Common;

public class SettingExceptionTests
{
    [Fact]
    public void The_message_names_settings_as_the_library_does_and_a_front_end_renames_them()
    {
        var e = new SettingException($"{new SettingName("end")} {new DateOnly(2021, 1, 10):yyyy-MM-dd} is before {new SettingName("start")} {new DateOnly(2021, 1, 20):yyyy-MM-dd}");
        Assert.IsAssignableFrom<InputException>(e);
        Assert.Equal("end 2021-01-10 is before start 2021-01-20", e.Message);
        Assert.Equal("end", e.Setting);
        Assert.Equal(["end", "start"], e.Settings);
        Assert.Equal("--end 2021-01-10 is before --start 2021-01-20", e.Describe(n => "--" + n));
    }

    [Fact]
    public void Values_are_never_taken_for_setting_names()
    {
        // A value that looks like a template or a setting name stays as it was given.
        var e = new SettingException($"{new SettingName("scores")} {"{topk} topk"}: unreadable");
        Assert.Equal("X {topk} topk: unreadable", e.Describe(_ => "X"));
    }

    [Fact]
    public void A_setting_error_must_name_a_setting()
    {
        Assert.Throws<ArgumentException>(() => new SettingException($"no setting {42}"));
    }

    public static TheoryData<string, Action> LibraryChecks() => new()
    {
        { "topk 0: must be at least 1", () => _ = new TopkDropoutStrategy(0, 0) },
        { "n_drop 6: must be between 0 and topk (5)", () => _ = new TopkDropoutStrategy(5, 6) },
        { "hold_thresh -1: must be 0 or more", () => _ = new TopkDropoutStrategy(5, 1, -1) },
        { "topn 0: must be at least 1", () => _ = new TopNStrategy(0) },
        { "tilt -1: must be 0 or more", () => _ = new EnhancedIndexStrategy(-1) },
        { "sell_below 1 is above buy_above 0", () => _ = new SignalStrategy(0.1, 0, 1) },
        { "capital_share 2: must be in (0, 1]", () => _ = new SignalStrategy(2) },
        { "initial_cash 0: must be a positive amount", () => new BacktestOptions { InitialCash = 0 }.Validate() },
        { "risk_degree 1.5: must be in (0, 1]", () => new BacktestOptions { RiskDegree = 1.5 }.Validate() },
        { "lag 0 with price vwap: a score known at the close cannot trade at that day's vwap (look-ahead); use price close or a lag of 1 or more",
            () => new BacktestOptions { Lag = 0, Price = ExecutionPrice.Vwap }.Validate() },
        { "volume_cap 0: must be in (0, 1]", () => new BacktestOptions { Rules = BacktestOptions.Generic.Rules with { MaxVolumeShare = 0 } }.Validate() },
        { "slippage_bps 2000: must be between 0 and 1000", () => new BacktestOptions { Costs = BacktestOptions.Generic.Costs with { SlippageBps = 2000 } }.Validate() },
        { "min_listing_days -1: must be 0 or more", () => new BacktestOptions { Filter = CandidateFilter.None with { MinListingDays = -1 } }.Validate() },
        { "rebalance 0: use daily, weekly, monthly or a whole number of trading days (1 or more)", () => new BacktestOptions { Rebalance = new(RebalanceFrequency.EveryNDays, 0) }.Validate() },
        { "rebalance fortnightly: use daily, weekly, monthly or a whole number of trading days (1 or more)", () => RebalanceSchedule.Parse("fortnightly") },
    };

    [Theory]
    [MemberData(nameof(LibraryChecks))]
    public void Library_checks_name_the_setting_never_a_flag(string expected, Action check)
    {
        var e = Assert.Throws<SettingException>(check);
        Assert.Equal(expected, e.Message);
        Assert.DoesNotContain("--", e.Message);
    }

    [Fact]
    public void A_rebalance_schedule_reads_back_its_name()
    {
        foreach (var text in new[] { "daily", "weekly", "monthly", "7" })
            Assert.Equal(text, RebalanceSchedule.Parse(text).ToString());
        Assert.Equal(RebalanceSchedule.Daily, RebalanceSchedule.Parse("Daily"));
    }
}
