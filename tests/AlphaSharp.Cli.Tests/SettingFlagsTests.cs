using AlphaSharp.Backtest;
using AlphaSharp.Backtest.Rules;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Common;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Evaluation.MultiFactor;

namespace AlphaSharp.Cli.Tests;

/// <summary>
/// The library names a setting (topk, initial_cash); the CLI names the flag that set it (--topk, --cash), and a YAML
/// config names file:line and its key. Settings are checked before any data is read, so no store is needed here.
/// </summary>
[Collection(CliHarness.Name)]
public class SettingFlagsTests
{
    public static TheoryData<string[], string> BacktestSettings() => new()
    {
        { ["--topk", "0"], "--topk 0: must be at least 1" },
        { ["--hold-thresh", "-1"], "--hold-thresh -1: must be 0 or more" },
        { ["--strategy", "enhanced", "--turnover-cap", "0"], "--turnover-cap 0: must be in (0, 1]" },
        { ["--strategy", "signals", "--sell-below", "1", "--buy-above", "0"], "--sell-below 1 is above --buy-above 0" },
        { ["--cash", "0"], "--cash 0: must be a positive amount" },
        { ["--stamp-duty", "0.5"], "--stamp-duty 0.5: must be between 0 and 0.1" },
        { ["--slippage-bps", "2000"], "--slippage-bps 2000: must be between 0 and 1000" },
        { ["--min-listing-days", "-1"], "--min-listing-days -1: must be 0 or more" },
        { ["--start", "2021-01-20", "--end", "2021-01-10"], "--end 2021-01-10 is before --start 2021-01-20" },
    };

    [Theory]
    [MemberData(nameof(BacktestSettings))]
    public void A_backtest_setting_error_names_the_flag_and_exits_2(string[] options, string expected)
    {
        using var dir = new CliTempDir();
        var outDir = dir.Path_("run");
        string[] strategy = options.Contains("--strategy") ? [] : ["--strategy", "topk"];
        var r = CliHarness.Run(["backtest", "--store", dir.Path_("no-store"), "--scores", "$close", "--out", outDir, .. strategy, .. options]);
        Assert.Equal((2, $"error: {expected}"), (r.Exit, r.Err.TrimEnd('\n')));
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void The_same_check_names_the_setting_in_the_library_and_the_flag_in_the_cli()
    {
        Assert.Equal("topk 0: must be at least 1", Assert.Throws<SettingException>(() => new TopkDropoutStrategy(0, 5)).Message);
        Assert.Equal("initial_cash 0: must be a positive amount", Assert.Throws<SettingException>(() => new BacktestOptions { InitialCash = 0 }.Validate()).Message);
        Assert.Equal("stamp_duty 0.5: must be between 0 and 0.1", Assert.Throws<SettingException>(() => StampDutySchedule.Flat(0.5)).Message);
        Assert.Equal("layers 1: use 2 to 50 layers", Assert.Throws<SettingException>(() => new FactorEvalOptions { Layers = 1 }.Validate()).Message);
        using var dir = new CliTempDir();
        var r = CliHarness.Run("backtest", "--store", dir.Path_("no-store"), "--scores", "$close", "--strategy", "topk", "--topk", "0", "--out", dir.Path_("run"));
        Assert.Equal((2, "error: --topk 0: must be at least 1"), (r.Exit, r.Err.TrimEnd('\n')));
    }

    public static TheoryData<string[], string> FactorEvalSettings() => new()
    {
        { ["--horizons", "1,0"], "--horizons 1,0: '0' is not a horizon; use whole trading days of 1 or more" },
        { ["--horizons", "5,x"], "--horizons 5,x: 'x' is not a horizon; use whole trading days of 1 or more" },
        { ["--horizons", "5,5"], "--horizons 5,5: 5 repeats; give each horizon once" },
        { ["--horizons", ","], "--horizons: give at least one horizon, e.g. 1,5,10,20" },
        { ["--layers", "1"], "--layers 1: use 2 to 50 layers" },
    };

    [Theory]
    [MemberData(nameof(FactorEvalSettings))]
    public void A_factor_eval_setting_error_names_the_flag(string[] options, string expected)
    {
        using var dir = new CliTempDir();
        var r = CliHarness.Run(["factor", "eval", "$close", "--store", dir.Path_("no-store"), "--out", dir.Path_("out"), .. options]);
        Assert.Equal((2, $"error: {expected}"), (r.Exit, r.Err.TrimEnd('\n')));
        Assert.Empty(dir.Entries());
    }

    public static TheoryData<string, string> ConfigSettings() => new()
    {
        { "factors: paper001\nhorizons: [5, 0]\n", "2: horizons 5,0: '0' is not a horizon; use whole trading days of 1 or more" },
        { "horizons: [5, 15, 5]\n", "1: horizons 5,15,5: 5 repeats; give each horizon once" },
        { "horizons: []\n", "1: horizons: give at least one horizon, e.g. 1,5,10,20" },
        { "factors: paper001\n\nlayers: 1\n", "3: layers 1: need 2 or more" },
        { "layers: 2.5\n", "1: layers: '2.5' is not a whole number" },
        { "min_abs_ic: -0.1\n", "1: min_abs_ic -0.1: must be 0 or more" },
        { "screen_start: 2021-01-01\nscreen_end: 2020-12-31\n", "2: screen_end 2020-12-31 is before screen_start 2021-01-01: the screening period is empty" },
        { "test_start: 2020/01/01\n", "1: test_start 2020/01/01: not a date; use YYYY-MM-DD" },
        { "weighting: best\n", "1: weighting: 'best' is not equal, ic or icir" },
    };

    [Theory]
    [MemberData(nameof(ConfigSettings))]
    public void A_config_setting_error_names_file_line_and_key(string yaml, string expected)
    {
        using var dir = new CliTempDir();
        var config = dir.Text("bad.yaml", yaml);
        var r = CliHarness.Run("factor", "multi", "--config", config, "--store", dir.Path_("no-store"), "--out", dir.Path_("out"));
        Assert.Equal((2, $"error: {config}:{expected}"), (r.Exit, r.Err.TrimEnd('\n')));
        Assert.Equal(["bad.yaml"], dir.Entries());
    }

    [Fact]
    public void A_config_error_against_a_default_names_the_line_of_the_key_that_is_set()
    {
        // test_end is left at its default (2020-08-31), so the file has no line for it: the line is test_start's.
        using var dir = new CliTempDir();
        var config = dir.Text("late.yaml", "factors: paper001\ntest_start: 2021-01-01\n");
        var r = CliHarness.Run("factor", "multi", "--config", config, "--store", dir.Path_("no-store"), "--out", dir.Path_("out"));
        Assert.Equal((2, $"error: {config}:2: test_end 2020-08-31 is before test_start 2021-01-01: the test period is empty"), (r.Exit, r.Err.TrimEnd('\n')));
        Assert.Equal("test_end", Assert.Throws<SettingException>(() => new MultiFactorOptions { TestStart = new(2021, 1, 1) }.Validate()).Setting);
        // Where the file sets none of the settings named, the error is reported against the file.
        var lines = new ConfigSettingLines("none.yaml");
        lines.Add("factors", 1);
        Assert.Equal("none.yaml: test_end 2020-08-31 is before test_start 2021-01-01: the test period is empty",
            lines.Describe(Assert.Throws<SettingException>(() => new MultiFactorOptions { TestStart = new(2021, 1, 1) }.Validate())));
    }

    [Fact]
    public void Factor_compute_reads_its_dates_with_the_one_date_parser()
    {
        // Dates are read against the store's calendar, so this one runs on the shipped store.
        using var dir = new CliTempDir();
        var r = CliHarness.Run("factor", "compute", "$close", "--start", "2020-01-02", "--end", "2020/01/10", "--out", dir.Path_("f.csv"));
        Assert.Equal((2, "error: --end 2020/01/10: not a date; use YYYY-MM-DD"), (r.Exit, r.Err.TrimEnd('\n')));
        Assert.Empty(dir.Entries());
    }

    [Theory]
    [InlineData("compute")]
    [InlineData("eval")]
    public void A_date_range_with_no_trading_day_names_both_flags(string command)
    {
        using var dir = new CliTempDir();
        var r = CliHarness.Run("factor", command, "$close", "--start", "2099-01-01", "--out", dir.Path_("out.csv"));
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("error: --start 2099-01-01 --end (last day): no trading day in that range (the store covers ", r.Err);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void An_import_that_needs_a_column_map_names_the_columns_flag()
    {
        using var dir = new CliTempDir();
        Directory.CreateDirectory(dir.Path_("folder"));
        var csv = Path.Combine(dir.Path_("folder"), "600000.SH.csv");
        File.WriteAllText(csv, "when,price\n2020-01-02,1\n");
        var r = CliHarness.Run("data", "import", "--folder", dir.Path_("folder"), "--out", dir.Path_("store"));
        Assert.Equal((2, $"error: {csv}:1: cannot tell the column layout from header 'when,price'; give a column map such as --columns tushare or date=...,close=..."),
            (r.Exit, r.Err.TrimEnd('\n')));
        Assert.False(Directory.Exists(dir.Path_("store")));
    }

    [Fact]
    public void A_setting_without_a_flag_keeps_its_name_and_a_setting_maps_to_one_flag()
    {
        var topk = new System.CommandLine.Option<int>("--topk");
        var flags = new SettingFlags(("topk", topk));
        Assert.Equal("--topk", flags.Flag("topk"));
        Assert.Equal("decay_lags", flags.Flag("decay_lags"));
        Assert.Equal("decay_lags 0: use 1 or more", flags.Describe(Assert.Throws<SettingException>(() => new FactorEvalOptions { DecayLags = 0 }.Validate())));
        Assert.Throws<ArgumentException>(() => new SettingFlags(("topk", topk), ("topk", new System.CommandLine.Option<int>("--n"))));
    }
}
