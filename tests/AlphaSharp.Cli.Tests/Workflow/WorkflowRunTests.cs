using System.Text.Json.Nodes;
using AlphaSharp.Runs;

namespace AlphaSharp.Cli.Tests.Workflow;

/// <summary>
/// A small real workflow on the shipped store (a few expressions, a year of training, LightGBM and an MLP with two
/// seeds), run whole, resumed and sharded: every way gives the same bits.
/// </summary>
[Collection(CliHarness.Name)]
public class WorkflowRunTests
{
    private const string Tiny = """
        name: tiny
        features:
          mom5: $close/Ref($close,5)-1
          rev1: Ref($close,1)/$close-1
          vol20: Std($close/Ref($close,1)-1,20)
          turn: Log($volume+1)
        segments:
          train: [2016-01-01, 2016-12-31]
          valid: [2017-01-01, 2017-03-31]
          test: [2017-04-01, 2017-06-30]
        trainer:
          n_epochs: 2
          batch_size: 2048
        seeds: [1, 2]
        models:
          lightgbm:
            preset: qlib_alpha158
            num_boost_round: 15
          mlp:
            hidden_sizes: [16]
        strategy:
          kind: topk_dropout
          topk: 30
          n_drop: 3
        backtest:
          open_cost: 0.0005
          close_cost: 0.0015
          min_cost: 5
        """;

    private static string Workflow(string dir)
    {
        var path = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(path, Tiny);
        return path;
    }

    private static RunDirectory OnlyRun(string runs) => new RunStore(runs).List().Runs.Single();

    /// <summary>Every unit's predictions and summary figures (bar its seconds), and the run's metrics, as text.</summary>
    private static string Results(RunDirectory run)
    {
        var parts = new List<string> { File.ReadAllText(run.MetricsPath).Replace("\r", "") };
        foreach (var unit in Directory.EnumerateDirectories(Path.Combine(run.Path, RunDirectory.UnitsFolder)).Order(StringComparer.Ordinal))
        {
            parts.Add(File.ReadAllText(Path.Combine(unit, "predictions.csv")));
            parts.Add(File.ReadAllText(Path.Combine(unit, "returns.csv")));
            var done = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(unit, RunDirectory.UnitDoneFile)))!;
            done.Remove("seconds");
            parts.Add(done.ToJsonString());
        }
        return string.Join("\n---\n", parts);
    }

    private static string StripSeconds(string metricsJson)
    {
        var o = (JsonObject)JsonNode.Parse(metricsJson)!;
        foreach (var (_, model) in o) { ((JsonObject)model!).Remove("seconds"); ((JsonObject)model!).Remove("seconds_std"); }
        return o.ToJsonString();
    }

    [Fact]
    public void AWholeRunAShardedRunAndAResumedRunGiveTheSameResults()
    {
        using var tmp = new CliTempDir();
        var file = Workflow(tmp.Dir);

        var whole = Path.Combine(tmp.Dir, "whole");
        var r = CliHarness.Run("run", file, "--runs", whole);
        Assert.True(r.Exit == 0, r.Err);
        var single = OnlyRun(whole);
        Assert.True(single.Manifest.IsFinished);
        Assert.Contains("report.html", r.Out);
        var report = File.ReadAllText(single.ReportPath);
        foreach (var heading in new[] { "Models (arithmetic, as Qlib", "Models (compounded)", "Rank IC by month", "Cumulative excess return", "Tear sheet: lightgbm", "Training curves", "Data coverage" })
            Assert.Contains(heading, report);
        Assert.Equal(4, Directory.GetDirectories(Path.Combine(single.Path, RunDirectory.UnitsFolder)).Length);

        // Two shards sharing one run id: the second to end finishes the run.
        var sharded = Path.Combine(tmp.Dir, "sharded");
        var s1 = CliHarness.Run("run", file, "--runs", sharded, "--shard", "1/2", "--run-id", "job-7");
        Assert.True(s1.Exit == 0, s1.Err);
        Assert.Contains("the run finishes when the other shards' are", s1.Out);
        Assert.False(OnlyRun(sharded).Manifest.IsFinished);
        var s2 = CliHarness.Run("run", file, "--runs", sharded, "--shard", "2/2", "--run-id", "job-7");
        Assert.True(s2.Exit == 0, s2.Err);
        var shardedRun = OnlyRun(sharded);
        Assert.Equal("job-7", shardedRun.Id);
        Assert.True(shardedRun.Manifest.IsFinished);

        // An interrupted run (here: only its first shard ran, without an id) is resumed by the next plain run.
        var resumed = Path.Combine(tmp.Dir, "resumed");
        Assert.Equal(0, CliHarness.Run("run", file, "--runs", resumed, "--shard", "2/2").Exit);
        var again = CliHarness.Run("run", file, "--runs", resumed);
        Assert.True(again.Exit == 0, again.Err);
        Assert.Contains("resuming", again.Err);
        Assert.Contains("2 already done", again.Err);
        var resumedRun = OnlyRun(resumed);

        var want = Results(single);
        Assert.Equal(StripSeconds(File.ReadAllText(single.MetricsPath)), StripSeconds(File.ReadAllText(shardedRun.MetricsPath)));
        Assert.Equal(StripSeconds(File.ReadAllText(single.MetricsPath)), StripSeconds(File.ReadAllText(resumedRun.MetricsPath)));
        Assert.Equal(want.Split("\n---\n")[1..], Results(shardedRun).Split("\n---\n")[1..]);
        Assert.Equal(want.Split("\n---\n")[1..], Results(resumedRun).Split("\n---\n")[1..]);

        // A finished run is never resumed: the next plain run is a new one.
        Assert.Equal(0, CliHarness.Run("run", file, "--runs", whole, "--set", "seeds=[1]").Exit);
        Assert.Equal(2, new RunStore(whole).List().Runs.Count);
    }

    [Fact]
    public void A_units_forecast_figures_are_the_pooled_auc_accuracy_and_errors_of_its_predictions()
    {
        using var tmp = new CliTempDir();
        var runs = Path.Combine(tmp.Dir, "runs");
        var r = CliHarness.Run("run", Workflow(tmp.Dir), "--runs", runs, "--set", "seeds=[1]", "--set", "models.lightgbm=~");
        Assert.True(r.Exit == 0, r.Err);
        var unit = Directory.GetDirectories(Path.Combine(OnlyRun(runs).Path, RunDirectory.UnitsFolder)).Single();
        var done = JsonNode.Parse(File.ReadAllText(Path.Combine(unit, RunDirectory.UnitDoneFile)))!;

        // The truth, independently: the label expression on the shipped store, read at each predicted (date, symbol).
        var data = AlphaSharp.Data.MarketStore.Load(AlphaSharp.Cli.EmbeddedData.Locate());
        var label = new AlphaSharp.Factors.FactorEngine(data).Evaluate("Ref($close,-2)/Ref($close,-1)-1", AlphaSharp.Factors.Expressions.ExpressionRole.Label);
        var T = data.Calendar.Count;
        var symbols = data.Panel.Symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var pairs = new List<(double Score, double Label)>();
        foreach (var line in File.ReadLines(Path.Combine(unit, "predictions.csv")).Skip(1))
        {
            var f = line.Split(',');
            var t = data.Calendar.IndexOf(DateOnly.ParseExact(f[0], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var y = label[symbols[f[1]] * T + t];
            if (float.IsFinite(y)) pairs.Add((double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), y));
        }
        Assert.True(pairs.Count > 5000, $"{pairs.Count} pairs");
        // AUC by counting every (up, down) pair, ties half: the definition, not the Mann-Whitney shortcut the library uses.
        var ups = pairs.Where(p => p.Label > 0).Select(p => p.Score).ToArray();
        var downs = pairs.Where(p => p.Label <= 0).Select(p => p.Score).Order().ToArray();
        double wins = 0;
        foreach (var u in ups)
        {
            var below = LowerBound(downs, u);
            var notAbove = UpperBound(downs, u);
            wins += below + 0.5 * (notAbove - below);
        }
        Assert.Equal(wins / ((double)ups.Length * downs.Length), done["auc"]!.GetValue<double>(), 9);
        // The MLP regresses the raw label (no label_norm): up is a score of 0 or more, and its errors are against returns.
        Assert.Equal(pairs.Count(p => (p.Score >= 0) == (p.Label > 0)) / (double)pairs.Count, done["accuracy"]!.GetValue<double>(), 12);
        Assert.Equal(pairs.Average(p => Math.Abs(p.Score - p.Label)), done["mae"]!.GetValue<double>(), 9);
        Assert.Equal(Math.Sqrt(pairs.Average(p => (p.Score - p.Label) * (p.Score - p.Label))), done["rmse"]!.GetValue<double>(), 9);
        Assert.Contains("Forecast quality", File.ReadAllText(OnlyRun(runs).ReportPath));
    }

    [Fact]
    public void A_regression_beside_classifiers_fits_the_raw_return_and_reports_its_errors_and_implied_price_mape()
    {
        using var tmp = new CliTempDir();
        var runs = Path.Combine(tmp.Dir, "runs");
        var text = Tiny.Replace("segments:", "label:\n  kind: forward\n  horizon: 5\n  price: close\nprocessors:\n  label_norm: updown\nsegments:")
            .Replace("    hidden_sizes: [16]", "    hidden_sizes: [16]\n  mlp_return:\n    kind: mlp\n    hidden_sizes: [16]\n    label_norm: none");
        var file = Path.Combine(tmp.Dir, "mixed.yaml");
        File.WriteAllText(file, text);
        var r = CliHarness.Run("run", file, "--runs", runs, "--set", "seeds=[1]", "--set", "models.lightgbm=~");
        Assert.True(r.Exit == 0, r.Err);
        var run = OnlyRun(runs);
        string UnitOf(string model) => Directory.GetDirectories(Path.Combine(run.Path, RunDirectory.UnitsFolder)).Single(d => Path.GetFileName(d).EndsWith($"-{model}-seed1", StringComparison.Ordinal));
        JsonNode Done(string model) => JsonNode.Parse(File.ReadAllText(Path.Combine(UnitOf(model), RunDirectory.UnitDoneFile)))!;
        var classifier = Done("mlp");
        Assert.Null(classifier["mae"]); // fitted on 0/1: its score is no return
        var regression = Done("mlp_return");

        // The truth, independently: the 5-day close-to-close return from the store's closes at each predicted (date, symbol).
        var data = AlphaSharp.Data.MarketStore.Load(AlphaSharp.Cli.EmbeddedData.Locate());
        var ret = new AlphaSharp.Factors.FactorEngine(data).Evaluate("Ref($close,-5)/$close-1", AlphaSharp.Factors.Expressions.ExpressionRole.Label);
        var T = data.Calendar.Count;
        var symbols = data.Panel.Symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var unit = UnitOf("mlp_return");
        var pairs = new List<(double Score, double Label)>();
        foreach (var line in File.ReadLines(Path.Combine(unit, "predictions.csv")).Skip(1))
        {
            var f = line.Split(',');
            var t = data.Calendar.IndexOf(DateOnly.ParseExact(f[0], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var y = ret[symbols[f[1]] * T + t];
            if (float.IsFinite(y)) pairs.Add((double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), y));
        }
        Assert.True(pairs.Count > 5000, $"{pairs.Count} pairs");
        Assert.Equal(pairs.Average(p => Math.Abs(p.Score - p.Label)), regression["mae"]!.GetValue<double>(), 6);
        // The price the forecast implies, close x (1 + score), against the close 5 days on, relative to the latter.
        Assert.Equal(pairs.Average(p => Math.Abs((1 + p.Score) - (1 + p.Label)) / (1 + p.Label)), regression["price_mape"]!.GetValue<double>(), 6);
        var report = File.ReadAllText(run.ReportPath);
        Assert.Contains("price MAPE", report);
    }

    private static int LowerBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) / 2; if (sorted[mid] < v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) / 2; if (sorted[mid] <= v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    [Fact]
    public void ShardsThatRanInTheirOwnDirectoriesMergeIntoOneFinishedRun()
    {
        using var tmp = new CliTempDir();
        var file = Workflow(tmp.Dir);
        var a = Path.Combine(tmp.Dir, "a");
        var b = Path.Combine(tmp.Dir, "b");
        Assert.Equal(0, CliHarness.Run("run", file, "--runs", a, "--shard", "1/2", "--run-id", "j", "--set", "seeds=[1]").Exit);
        Assert.Equal(0, CliHarness.Run("run", file, "--runs", b, "--shard", "2/2", "--run-id", "j", "--set", "seeds=[1]").Exit);
        var m = CliHarness.Run("runs", "merge", "j", "--runs", a, "--from", Path.Combine(b, "j"));
        Assert.True(m.Exit == 0, m.Err);
        var run = OnlyRun(a);
        Assert.True(run.Manifest.IsFinished);
        Assert.Contains("\"lightgbm\"", File.ReadAllText(run.MetricsPath));
        Assert.Contains("\"mlp\"", File.ReadAllText(run.MetricsPath));
    }

    [Fact]
    public void AShardOrAJoinedRunOfAnotherConfigurationIsRefusedInOneLine()
    {
        using var tmp = new CliTempDir();
        var file = Workflow(tmp.Dir);
        var runs = Path.Combine(tmp.Dir, "runs");
        var bad = CliHarness.Run("run", file, "--runs", runs, "--shard", "3/2");
        Assert.Equal(2, bad.Exit);
        Assert.Equal("error: --shard '3/2': expected K/N with 1 <= K <= N, such as 2/4", bad.Err.Trim());
        Assert.False(Directory.Exists(runs));
        Assert.Equal(0, CliHarness.Run("run", file, "--runs", runs, "--shard", "1/4", "--run-id", "k", "--set", "seeds=[1]").Exit);
        var other = CliHarness.Run("run", file, "--runs", runs, "--shard", "2/4", "--run-id", "k", "--set", "seeds=[2]");
        Assert.Equal(2, other.Exit);
        Assert.Contains("shards must run the same resolved workflow", other.Err);
    }
}

/// <summary>The committed quickstart's smoke profile, end to end from the CLI, as CI runs it.</summary>
[Collection(CliHarness.Name)]
public class QuickstartSmokeTests
{
    [Fact]
    public void TheQuickstartSmokeProfileRunsToAReportWhoseChartsHaveAxesAndLegends()
    {
        using var tmp = new CliTempDir();
        var runs = Path.Combine(tmp.Dir, "runs");
        var r = CliHarness.Run("run", Path.Combine(WorkflowBinderTests.ConfigsDir(), "quickstart.yaml"), "--profile", "smoke", "--runs", runs);
        Assert.True(r.Exit == 0, r.Err);
        var run = new RunStore(runs).List().Runs.Single();
        Assert.True(run.Manifest.IsFinished);
        Assert.Equal("smoke", run.Manifest.Profile);
        Assert.Equal(AlphaSharp.Data.StoreFingerprint.Of(AlphaSharp.Cli.EmbeddedData.Locate()), run.Manifest.DataFingerprint);
        Assert.EndsWith($"report {run.ReportPath}", r.Out.Trim());
        var report = File.ReadAllText(run.ReportPath);
        Assert.DoesNotContain("http://", report.Replace("http://www.w3.org", ""));
        var charts = System.Text.RegularExpressions.Regex.Matches(report, "<svg.*?</svg>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(charts.Count >= 4, $"{charts.Count} charts");
        // Each chart of the page itself (the tear sheets are inlined and escaped, so these are the report's own) has a
        // title, both axis labels and a legend.
        foreach (System.Text.RegularExpressions.Match chart in charts)
            foreach (var part in new[] { "chart-title", "x-label", "y-label", "legend-entry" })
                Assert.Contains($"class=\"{part}\"", chart.Value);
        var metrics = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run.MetricsPath))!;
        foreach (var model in new[] { "lightgbm", "lstm" })
            Assert.True(double.IsFinite(metrics[model]!["rank_ic"]!.GetValue<double>()), model);
    }
}

/// <summary>Qlib's Alpha158 benchmark workflow's smoke profile: every model of the catalogue through the whole pipeline.</summary>
[Collection(CliHarness.Name)]
public class QlibBenchmarkSmokeTests
{
    [Fact]
    public void EveryModelOfTheBenchmarkRunsThroughFitPredictionAndBacktest()
    {
        using var tmp = new CliTempDir();
        var runs = Path.Combine(tmp.Dir, "runs");
        var r = CliHarness.Run("run", Path.Combine(WorkflowBinderTests.ConfigsDir(), "qlib_benchmark_alpha158.yaml"), "--profile", "smoke", "--runs", runs);
        Assert.True(r.Exit == 0, r.Err);
        var run = new RunStore(runs).List().Runs.Single();
        var metrics = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run.MetricsPath))!.AsObject();
        string[] models = ["alstm", "cnn", "gru", "keras_lstm", "lightgbm", "linear", "lstm", "lstm_gru", "mlp", "rnn", "tcn", "transformer"];
        Assert.Equal(models, metrics.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var model in models)
        {
            // Daily excess over a quarter: finite figures, and an IC within a correlation's range.
            var m = metrics[model]!;
            Assert.InRange(m["rank_ic"]!.GetValue<double>(), -1, 1);
            Assert.True(double.IsFinite(m["excess_annual_arithmetic"]!.GetValue<double>()), model);
            Assert.True(double.IsFinite(m["information_ratio"]!.GetValue<double>()), model);
        }
    }
}

/// <summary>Paper 003's workflow's smoke profile: V1, V3 and V4 walked forward on the style-neutral label to a backtest.</summary>
[Collection(CliHarness.Name)]
public class Paper003SmokeTests
{
    [Fact]
    public void TheAlphaNetsWalkForwardThroughFitPredictionAndBacktest()
    {
        using var tmp = new CliTempDir();
        var runs = Path.Combine(tmp.Dir, "runs");
        var r = CliHarness.Run("run", Path.Combine(WorkflowBinderTests.ConfigsDir(), "paper003_alphanet.yaml"), "--profile", "smoke", "--runs", runs);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("alphanet_v4 seed 1 window 1 epoch 1/1", r.Err); // progress reaches the terminal inside walk-forward windows
        var run = new RunStore(runs).List().Runs.Single();
        var metrics = JsonNode.Parse(File.ReadAllText(run.MetricsPath))!.AsObject();
        string[] models = ["alphanet_v1", "alphanet_v3", "alphanet_v4"];
        Assert.Equal(models, metrics.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var model in models)
        {
            Assert.InRange(metrics[model]!["rank_ic"]!.GetValue<double>(), -1, 1);
            Assert.True(double.IsFinite(metrics[model]!["excess_annual_arithmetic"]!.GetValue<double>()), model);
        }
        // The paper's IC read every 10 days and its 5-layer test: in metrics.json and on the page.
        foreach (var model in models)
            for (var l = 1; l <= 5; l++) Assert.True(double.IsFinite(metrics[model]![$"layer{l}_excess_annual"]!.GetValue<double>()), $"{model} layer {l}");
        var report = File.ReadAllText(run.ReportPath);
        Assert.Contains("IC every 10 trading days", report);
        Assert.Contains("Layered test (5 layers)", report);
        // Each V4 window fixed its channels on its own first batch and saved them with the model.
        // Its operator-significance view holds one row per kept channel of each window, and the page shows it.
        var v4 = Directory.GetDirectories(Path.Combine(run.Path, RunDirectory.UnitsFolder), "*alphanet_v4*").Single();
        var significance = File.ReadAllLines(Path.Combine(v4, "significance.csv"));
        Assert.Equal("window,operator,inputs,d,weight", significance[0]);
        var rows = 0;
        foreach (var window in Directory.GetDirectories(v4, "window-*"))
        {
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(window, "model.json")))!["net"]!["alpha_net"]!;
            var kept = config["kept"]!.AsArray().Select(k => k!.GetValue<int>()).ToArray();
            Assert.InRange(kept.Length, 1, 2 * 55 + 4 * 11 - 1); // 11 inputs: 154 channels before the dropout
            rows += kept.Length;
        }
        Assert.Equal(rows, significance.Length - 1);
        Assert.Contains("Operator significance: alphanet_v4", report);
        Assert.Single(Directory.GetFiles(Path.Combine(run.Path, RunDirectory.UnitsFolder), "significance.csv", SearchOption.AllDirectories)); // V1 and V3 give no such view
    }
}

/// <summary>
/// Paper 000's workflow on its smoke profile (what CI runs): every model walks forward on weekly steps of daily
/// features, scores up/down (AUC and accuracy in the report), and each one's strategy has the paper's indicator list
/// in its tear sheet.
/// </summary>
[Collection(CliHarness.Name)]
public class Paper000SmokeTests
{
    [Fact]
    public void EveryModelClassifiesTheWeekAndGetsThePaperSIndicators()
    {
        using var tmp = new CliTempDir();
        var runs = Path.Combine(tmp.Dir, "runs");
        var r = CliHarness.Run("run", Path.Combine(WorkflowBinderTests.ConfigsDir(), "paper000_lstm_gru.yaml"), "--profile", "smoke", "--runs", runs);
        Assert.True(r.Exit == 0, r.Err);
        var run = new RunStore(runs).List().Runs.Single();
        var metrics = JsonNode.Parse(File.ReadAllText(run.MetricsPath))!.AsObject();
        string[] models = ["cnn", "gru", "keras_lstm", "keras_lstm_return", "lstm", "lstm_gru", "lstm_gru_return", "rnn", "svm", "tcn"];
        Assert.Equal(models, metrics.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var model in models)
        {
            Assert.InRange(metrics[model]!["auc"]!.GetValue<double>(), 0, 1);
            Assert.InRange(metrics[model]!["accuracy"]!.GetValue<double>(), 0, 1);
            if (model.EndsWith("_return", StringComparison.Ordinal))
            {
                // Fitted on the raw return (its own label_norm): its errors are against returns, the implied price's too.
                Assert.InRange(metrics[model]!["mae"]!.GetValue<double>(), 1e-4, 0.5);
                Assert.InRange(metrics[model]!["price_mape"]!.GetValue<double>(), 1e-4, 0.5);
            }
            else Assert.Null(metrics[model]!["mae"]); // 0/1 targets: the score is no return estimate
            var sheet = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Path, "tearsheets", model, "metrics.json")))!["summary"]!;
            foreach (var key in new[] { "total_return", "annual_return", "excess_annual_return", "benchmark_total_return", "alpha", "beta", "sharpe", "max_drawdown", "volatility", "benchmark_volatility" })
                Assert.True(sheet[key] is not null && double.IsFinite(sheet[key]!.GetValue<double>()), $"{model}: {key}");
        }
        // The sequence networks read 12 weekly steps: the saved config says so.
        var window = Directory.GetDirectories(Directory.GetDirectories(Path.Combine(run.Path, RunDirectory.UnitsFolder), "*-lstm_gru-seed*").Single(), "window-*")[0];
        var net = JsonNode.Parse(File.ReadAllText(Path.Combine(window, "model.json")))!["net"]!;
        Assert.Equal((12, 5), (net["window"]!.GetValue<int>(), net["window_step"]!.GetValue<int>()));
        Assert.Contains("Forecast quality", File.ReadAllText(run.ReportPath));
    }
}

/// <summary>
/// Paper 001's workflow on its smoke profile (what CI runs): the multi-factor picks are the samples, the LSTM's grid
/// is chosen on valid, and the report sets the filtered strategy beside the picks unfiltered.
/// </summary>
[Collection(CliHarness.Name)]
public class Paper001SmokeTests
{
    [Fact]
    public void The_classifier_sees_only_the_picks_and_its_filter_stands_beside_them_unfiltered()
    {
        using var tmp = new CliTempDir();
        var runs = Path.Combine(tmp.Dir, "runs");
        var r = CliHarness.Run("run", Path.Combine(WorkflowBinderTests.ConfigsDir(), "paper001_multifactor_lstm.yaml"), "--profile", "smoke", "--runs", runs);
        Assert.True(r.Exit == 0, r.Err);
        var run = new RunStore(runs).List().Runs.Single();
        var unit = Directory.GetDirectories(Path.Combine(run.Path, RunDirectory.UnitsFolder)).Single();

        // The picks, independently: each test day, the top fifth (rounded up) of the members that have all five of
        // paper 001's factors (the composite drops a member missing one).
        var data = AlphaSharp.Data.MarketStore.Load(AlphaSharp.Cli.EmbeddedData.Locate());
        var engine = new AlphaSharp.Factors.FactorEngine(data);
        var factors = AlphaSharp.Factors.FeatureSets.Paper001Factors.Set.Required.Select(f => engine.Evaluate(f.Expression, AlphaSharp.Factors.Expressions.ExpressionRole.Feature)).ToArray();
        var members = data.Universe!.MaskFor(data.Panel);
        var T = data.Calendar.Count;
        var predicted = File.ReadLines(Path.Combine(unit, "predictions.csv")).Skip(1).Select(l => l.Split(',')[0]).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(predicted.Count > 80, $"{predicted.Count} test days");
        foreach (var (day, count) in predicted)
        {
            var t = data.Calendar.IndexOf(DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var m = Enumerable.Range(0, data.Panel.N).Count(i => members[i * T + t] && factors.All(f => float.IsFinite(f[i * T + t])));
            Assert.Equal((int)Math.Ceiling(0.2 * m), count);
        }

        // The grid: 4 points, fitted on train and scored on valid; one chosen, and the report shows it.
        var trials = File.ReadAllLines(Path.Combine(unit, "trials.csv"));
        Assert.Equal(5, trials.Length);
        var report = File.ReadAllText(run.ReportPath);
        Assert.Contains("Grid search: lstm_filter", report);
        Assert.Contains("Picks: filtered against unfiltered", report);
        Assert.Contains("Tear sheet: picks_unfiltered", report);

        var comparison = JsonNode.Parse(File.ReadAllText(run.MetricsPath))!["picks_comparison"]!.AsObject();
        Assert.Equal(["lstm_filter", "picks_unfiltered"], comparison.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (_, figures) in comparison)
            foreach (var key in new[] { "annual_return", "alpha", "sharpe", "volatility", "max_drawdown" })
                Assert.True(figures![key] is null || double.IsFinite(figures[key]!.GetValue<double>()), key);
        Assert.True(double.IsFinite(comparison["picks_unfiltered"]!["sharpe"]!.GetValue<double>()));
    }
}
