using System.Globalization;
using System.Text.Json;
using AlphaSharp.Data;
using Calendar = AlphaSharp.Data.Calendar;

namespace AlphaSharp.Cli.Tests;

/// <summary>`alphasharp backtest` on a small saved store: the outputs of a good run, and one clear line for each bad input.</summary>
[Collection(CliHarness.Name)]
public class BacktestCommandTests
{
    private static readonly string[] Symbols = ["SH600000", "SH600001", "SZ000001", "SZ000002"];
    private const int Days = 20;

    /// <summary>Four stocks over 20 weekdays from 2021-01-04, prices drifting by a per-stock step, all members, with a benchmark.</summary>
    private static string Store(CliTempDir dir)
    {
        var days = new List<DateOnly>();
        for (var d = new DateOnly(2021, 1, 4); days.Count < Days; d = d.AddDays(1))
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) days.Add(d);
        var calendar = new Calendar(days);
        var panel = new Panel(calendar, Symbols);
        var fields = new[] { "open", "high", "low", "close", "volume", "amount", "factor", "float_mv" }.ToDictionary(f => f, f => panel.SetField(f));
        for (var i = 0; i < Symbols.Length; i++)
            for (var t = 0; t < Days; t++)
            {
                var k = i * Days + t;
                var close = (float)Math.Round(10 + (i - 1.5) * 0.05 * t + 0.1 * ((t * (i + 1)) % 3), 2);
                var open = (float)Math.Round(close - 0.02, 2);
                fields["open"][k] = open;
                fields["close"][k] = close;
                fields["high"][k] = Math.Max(open, close);
                fields["low"][k] = Math.Min(open, close);
                fields["volume"][k] = 1_000_000;
                fields["amount"][k] = 1_000_000 * (open + close) / 2;
                fields["factor"][k] = 1;
                fields["float_mv"][k] = close * (i + 1) * 1e8f;
            }
        var bench = Enumerable.Range(0, Days).Select(t => 5000f + 10 * t).ToArray();
        var data = new MarketData(panel)
        {
            Universe = new Universe("test", calendar, Symbols.Select(s => new MembershipSpell(s, days[0], days[^1]))),
            Benchmark = new BenchmarkSeries("SH000300", bench, bench, bench, bench, new float[Days]),
        };
        var path = dir.Path_("store");
        MarketStore.Save(data, path);
        return path;
    }

    private static string ScoreCsv(CliTempDir dir, string name = "scores.csv", Func<int, int, string?>? cell = null)
    {
        var lines = new List<string> { "date,symbol,score" };
        var day = new DateOnly(2021, 1, 4);
        for (var t = 0; t < Days - 1; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            for (var i = 0; i < Symbols.Length; i++)
            {
                var v = cell?.Invoke(t, i) ?? ((i * 7 + t * 3) % 5 * 0.25).ToString(CultureInfo.InvariantCulture);
                lines.Add($"{day:yyyy-MM-dd},{Symbols[i]},{v}");
            }
            t++;
        }
        return dir.Text(name, string.Join('\n', lines) + "\n");
    }

    private static string[] Base(string store, string scores, string outDir, string strategy = "topk") =>
        ["backtest", "--store", store, "--scores", scores, "--strategy", strategy, "--out", outDir, "--min-listing-days", "0"];

    [Fact]
    public void A_run_writes_the_five_outputs_and_its_returns_compound_to_the_reported_total()
    {
        using var dir = new CliTempDir();
        var store = Store(dir);
        var outDir = dir.Path_("run");
        var r = CliHarness.Run([.. Base(store, ScoreCsv(dir), outDir), "--topk", "2", "--n-drop", "1"]);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Equal("", r.Err);
        Assert.Equal(["daily.csv", "metrics.json", "positions.csv", "report.html", "returns.csv", "trades.csv"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var returns = File.ReadAllLines(Path.Combine(outDir, "returns.csv"));
        Assert.Equal("date,strategy,benchmark", returns[0]);
        // Scores on days 0..18 act on days 1..19: 19 rows, from 2021-01-05.
        Assert.Equal(20, returns.Length);
        Assert.StartsWith("2021-01-05,", returns[1]);
        var compounded = returns.Skip(1).Aggregate(1.0, (w, l) => w * (1 + double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture))) - 1;
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        Assert.Equal(compounded, metrics.RootElement.GetProperty("summary").GetProperty("total_return").GetDouble(), 12);
        // Benchmark 5000 -> 5010 on day 1: +0.2 %.
        Assert.Equal(0.002, double.Parse(returns[1].Split(',')[2], CultureInfo.InvariantCulture), 12);
        var trades = File.ReadAllLines(Path.Combine(outDir, "trades.csv"));
        Assert.Equal("date,symbol,side,shares,market_price,price,value,commission,stamp_duty,transfer_fee,slippage,total_cost,note", trades[0]);
        Assert.Equal(2, trades.Count(l => l.StartsWith("2021-01-05,") && l.Contains(",buy,")));
        var positions = File.ReadAllLines(Path.Combine(outDir, "positions.csv"));
        Assert.Equal(2, positions.Count(l => l.StartsWith("2021-01-05,")));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(outDir, "report.html")));
        Assert.Contains("wrote returns.csv, positions.csv, trades.csv, daily.csv, metrics.json, report.html", r.Out);
        // daily.csv: values chain into the strategy returns; holdings match positions.csv's rows per day.
        var daily = File.ReadAllLines(Path.Combine(outDir, "daily.csv"));
        Assert.Equal("date,value,cash,bought,sold,turnover,costs,holdings", daily[0]);
        Assert.Equal(20, daily.Length);
        double V(int row) => double.Parse(daily[row].Split(',')[1], CultureInfo.InvariantCulture);
        double R(int row) => double.Parse(returns[row].Split(',')[1], CultureInfo.InvariantCulture);
        Assert.Equal(V(1) / 100_000_000 - 1, R(1), 12);
        for (var row = 2; row < 20; row++) Assert.Equal(V(row) / V(row - 1) - 1, R(row), 12);
        for (var row = 1; row < 20; row++)
        {
            var date = daily[row][..10];
            Assert.Equal(int.Parse(daily[row].Split(',')[7], CultureInfo.InvariantCulture), positions.Count(l => l.StartsWith(date)));
        }
    }

    [Fact]
    public void Every_strategy_and_an_expression_in_place_of_a_file_run()
    {
        using var dir = new CliTempDir();
        var store = Store(dir);
        var scores = ScoreCsv(dir);
        foreach (var (strategy, extra) in new (string, string[])[]
                 {
                     ("topn", ["--topn", "2"]), ("enhanced", []), ("signals", ["--capital-share", "0.2", "--buy-above", "0.6", "--sell-below", "0.3"]),
                     ("layers", ["--layers", "2", "--layer", "2", "--rebalance", "weekly"]),
                 })
        {
            var outDir = dir.Path_(strategy);
            var r = CliHarness.Run([.. Base(store, scores, outDir, strategy), .. extra]);
            Assert.True(r.Exit == 0, $"{strategy}: {r.Err}");
            Assert.True(File.Exists(Path.Combine(outDir, "report.html")), strategy);
        }
        var layers = File.ReadAllLines(Path.Combine(dir.Path_("layers"), "layers.csv"));
        Assert.Equal("date,layer_1,layer_2,benchmark", layers[0]);
        // The chosen layer's returns.csv is layers.csv's layer_2 column.
        var chosen = File.ReadAllLines(Path.Combine(dir.Path_("layers"), "returns.csv")).Skip(1).Select(l => l.Split(',')[1]);
        Assert.Equal(layers.Skip(1).Select(l => l.Split(',')[2]), chosen);

        var expr = CliHarness.Run([.. Base(store, "Mean($close,3)/$close", dir.Path_("expr")), "--topk", "2", "--n-drop", "1", "--price", "vwap", "--rules", "generic"]);
        Assert.True(expr.Exit == 0, expr.Err);
        Assert.True(File.Exists(Path.Combine(dir.Path_("expr"), "metrics.json")));
    }

    public static TheoryData<string, string> BadScoreFiles() => new()
    {
        { "2021-01-04,SH999999,1", "scores.csv:3: unknown symbol SH999999 (not in the market data)" },
        { "2021-01-09,SH600000,1", "scores.csv:3: 2021-01-09 is not a trading day of the market (2021-01-04..2021-01-29)" },
        { "2021-01-04,SH600000,0.5", "scores.csv:3: duplicate row for SH600000 on 2021-01-04 (first at line 2)" },
        { "2021-01-04,SH600001,", "scores.csv:3: score is empty or NaN; every row needs a finite score (leave the row out for no score)" },
        { "2021-01-04,SH600001,NaN", "scores.csv:3: score is empty or NaN; every row needs a finite score (leave the row out for no score)" },
    };

    [Theory]
    [MemberData(nameof(BadScoreFiles))]
    public void A_bad_score_row_is_one_line_naming_file_and_line_and_nothing_is_written(string badRow, string expected)
    {
        using var dir = new CliTempDir();
        var store = Store(dir);
        var scores = dir.Text("scores.csv", "date,symbol,score\n2021-01-04,SH600000,1\n" + badRow + "\n2021-01-05,SH600000,1\n");
        var outDir = dir.Path_("run");
        var r = CliHarness.Run(Base(store, scores, outDir));
        Assert.Equal(2, r.Exit);
        Assert.Equal($"error: {scores[..^"scores.csv".Length]}{expected}", r.Err.TrimEnd('\n'));
        Assert.Equal("", r.Out);
        Assert.Equal(["scores.csv", "store"], Directory.GetFileSystemEntries(dir.Dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string[], string> BadOptions() => new()
    {
        { ["--topk", "0"], "error: --topk 0: must be at least 1" },
        { ["--topk", "5", "--n-drop", "6"], "error: --n-drop 6: must be between 0 and topk (5)" },
        { ["--lag", "0"], "error: --lag 0 with --price open: a score known at the close cannot trade at that day's open (look-ahead); use --price close or a lag of 1 or more" },
        { ["--rebalance", "fortnightly"], "error: --rebalance fortnightly: use daily, weekly, monthly or a whole number of trading days (1 or more)" },
        { ["--risk-degree", "1.5"], "error: --risk-degree 1.5: must be in (0, 1]" },
        { ["--volume-cap", "0"], "error: --volume-cap 0: must be in (0, 1]" },
        { ["--commission", "-0.1"], "error: --commission -0.1: must be between 0 and 0.1" },
        { ["--start", "2021/01/05"], "error: --start 2021/01/05: not a date; use YYYY-MM-DD" },
        { ["--start", "2021-01-20", "--end", "2021-01-10"], "error: --end 2021-01-10 is before --start 2021-01-20" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void An_impossible_configuration_is_one_line_naming_the_option(string[] options, string expected)
    {
        using var dir = new CliTempDir();
        var store = Store(dir);
        var outDir = dir.Path_("run");
        var r = CliHarness.Run([.. Base(store, ScoreCsv(dir), outDir), .. options]);
        Assert.Equal(2, r.Exit);
        Assert.Equal(expected, r.Err.TrimEnd('\n'));
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Other_bad_inputs_are_one_line_each()
    {
        using var dir = new CliTempDir();
        var store = Store(dir);
        var scores = ScoreCsv(dir);

        var header = dir.Text("header.csv", "date,symbol,alpha\n2021-01-04,SH600000,1\n");
        var r = CliHarness.Run(Base(store, header, dir.Path_("a")));
        Assert.Equal((2, $"error: {header}:1: expected the header date,symbol,score; found the columns date, symbol, alpha"), (r.Exit, r.Err.TrimEnd('\n')));

        r = CliHarness.Run(Base(store, dir.Path_("missing.csv"), dir.Path_("b")));
        Assert.Equal((2, $"error: --scores {dir.Path_("missing.csv")}: no such file, and not a factor expression (expressions name fields like $close)"), (r.Exit, r.Err.TrimEnd('\n')));

        r = CliHarness.Run(Base(store, "Mean($close,)", dir.Path_("c")));
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("error: expression:1:", r.Err);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));

        Directory.CreateDirectory(dir.Path_("exists"));
        r = CliHarness.Run(Base(store, scores, dir.Path_("exists")));
        Assert.Equal((2, $"error: --out {dir.Path_("exists")}: already exists; choose a new output directory (nothing was overwritten)"), (r.Exit, r.Err.TrimEnd('\n')));

        r = CliHarness.Run([.. Base(store, scores, dir.Path_("d")), "--strategy", "momentum"]);
        Assert.NotEqual(0, r.Exit);

        Assert.Equal(["exists", "header.csv", "scores.csv", "store"], Directory.GetFileSystemEntries(dir.Dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
