using AlphaSharp.Backtest;
using AlphaSharp.Cli.Workflow;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Cli.Tests.Workflow;

/// <summary>What a valid workflow binds to: typed settings, profiles, overrides and the canonical document's hash.</summary>
public class WorkflowBinderTests
{
    private const string Base = WorkflowMalformedTests.Valid;

    private static WorkflowSpec Bind(string text, string? profile = null, params string[] sets) => WorkflowBinder.BindText(text, "wf.yaml", profile, sets);

    [Fact]
    public void Settings_land_in_the_library_records_with_defaults_filled()
    {
        var spec = Bind(Base);
        Assert.Equal(["lightgbm", "lstm"], spec.Models.Select(m => m.Name));
        var lstm = Assert.IsType<NetModelSpec>(spec.Models[1]);
        Assert.Equal(32, lstm.Net.Hidden);
        Assert.Equal(20, lstm.Net.Window);
        Assert.Equal(spec.Features.Features.Count, lstm.Net.Features);
        Assert.Equal(200, lstm.Trainer.Epochs); // TrainerOptions' default
        var topk = Assert.IsType<TopkDropoutSpec>(spec.Strategy);
        Assert.Equal((50, 5), (topk.TopK, topk.NDrop));
        Assert.Equal(["train", "valid", "test"], spec.Dataset.Segments.Select(s => s.Name));
        Assert.Equal(2, spec.Dataset.LabelReach);
        Assert.Equal(DatasetSpec.QlibLabel, spec.Dataset.Label);
        Assert.Equal(new BacktestOptions(), spec.Backtest);
        Assert.Equal([1UL], spec.Seeds);
        Assert.Equal(64, spec.Resolved.Hash.Length);
    }

    [Fact]
    public void A_profile_merges_into_the_base_key_by_key()
    {
        var text = Base.Replace("      n_epochs: 1", "      n_epochs: 1\n    models:\n      lstm:\n        num_layers: 1\n      lightgbm: ~");
        var spec = Bind(text, "smoke");
        var lstm = Assert.IsType<NetModelSpec>(Assert.Single(spec.Models)); // the profile's null removed lightgbm
        Assert.Equal(32, lstm.Net.Hidden);   // kept from the base
        Assert.Equal(1, lstm.Net.Layers);    // set by the profile
        Assert.Equal(1, lstm.Trainer.Epochs); // the profile's trainer reaches every network
        Assert.Equal(2, Bind(text).Models.Count);
        Assert.NotEqual(Bind(text).Resolved.Hash, spec.Resolved.Hash);
    }

    [Fact]
    public void Max_epochs_caps_every_network_its_own_n_epochs_included()
    {
        var text = Base.Replace("    hidden_size: 32", "    hidden_size: 32\n    n_epochs: 50\n  gru:\n    n_epochs: 4");
        var capped = Bind(text, null, "trainer.max_epochs=6");
        var epochs = capped.Models.OfType<NetModelSpec>().ToDictionary(m => m.Name, m => m.Trainer.Epochs);
        Assert.Equal(6, epochs["lstm"]); // its own 50, capped
        Assert.Equal(4, epochs["gru"]);  // below the cap, kept
        Assert.Contains("  max_epochs: 6\n", capped.Resolved.Body);
        Assert.Equal(50, Bind(text).Models.OfType<NetModelSpec>().Single(m => m.Name == "lstm").Trainer.Epochs);
        Assert.Single(WorkflowMalformedTests.Problems(text, null, "trainer.max_epochs=0"), p => p.Contains("trainer.max_epochs") && p.Contains("1 or more"));
    }

    [Fact]
    public void AlphaNet_kinds_default_to_their_published_shapes_and_take_their_own_keys()
    {
        var text = Base.Replace("    hidden_size: 32", "    hidden_size: 32\n  alphanet_v1: {}\n  alphanet_v4:\n    steps: 10\n    windows: [10, 2, 5, 20]\n    spearman: 0.7\n    attention: false");
        var nets = Bind(text).Models.OfType<NetModelSpec>().ToDictionary(m => m.Name, m => m.Net);
        Assert.Equal((30, 0.5f, 30), (nets["alphanet_v1"].Window, nets["alphanet_v1"].Dropout, nets["alphanet_v1"].Hidden));
        var v4 = nets["alphanet_v4"];
        Assert.Equal(9 + 20, v4.Window); // 10 steps at stride 1 over windows up to 20 days
        Assert.Equal(0.2f, v4.Dropout);
        Assert.Equal([10, 2, 5, 20], v4.AlphaNet.Windows);
        Assert.Equal((0.7, false, true), (v4.AlphaNet.Spearman, v4.AlphaNet.Attention, v4.AlphaNet.Transformer));

        var typo = WorkflowMalformedTests.Problems(Base.Replace("    hidden_size: 32", "    hidden_size: 32\n  alphanet_v3:\n    stride: [5]"));
        Assert.Single(typo, p => p.Contains("models.alphanet_v3.stride") && p.Contains("strides"));
        var bad = WorkflowMalformedTests.Problems(Base.Replace("    hidden_size: 32", "    hidden_size: 32\n  alphanet_v4:\n    spearman: 1.5"));
        Assert.Single(bad, p => p.Contains("models.alphanet_v4.spearman"));
    }

    [Fact]
    public void Set_addresses_a_model_by_name_and_is_recorded()
    {
        var spec = Bind(Base, null, "models.lstm.hidden_size=16", "segments.test=[2020-01-01, 2021-12-31]");
        Assert.Equal(16, Assert.IsType<NetModelSpec>(spec.Models[1]).Net.Hidden);
        Assert.Equal(new DateOnly(2021, 12, 31), spec.Dataset.Segments[2].End);
        Assert.Contains("# --set models.lstm.hidden_size=16\n", spec.ResolvedText);
        Assert.Contains("    hidden_size: 16\n", spec.Resolved.Body);
    }

    [Fact]
    public void Key_order_and_comments_do_not_change_the_hash()
    {
        var reordered = """
            # the same experiment, written in another order
            strategy: {n_drop: 5, topk: 50}
            models:
              lstm: {hidden_size: 32}
              lightgbm: {}
            segments:
              test: [2020-01-01, 2022-12-30]
              valid: [2019-01-01, 2019-12-31]
              train: [2015-01-01, 2018-12-31]
            features: alpha158
            name: t
            """;
        Assert.Equal(Bind(Base).Resolved.Hash, Bind(reordered).Resolved.Hash);
        Assert.NotEqual(Bind(Base).Resolved.Hash, Bind(reordered.Replace("topk: 50", "topk: 40")).Resolved.Hash);
    }

    [Fact]
    public void Writing_a_default_out_does_not_change_the_hash() =>
        Assert.Equal(Bind(Base).Resolved.Hash, Bind(Base.Replace("  n_drop: 5", "  n_drop: 5\n  hold_thresh: 1\n  kind: topk_dropout")).Resolved.Hash);

    [Fact]
    public void The_resolved_document_binds_back_to_the_same_hash()
    {
        var spec = Bind(Base, "smoke", "models.lstm.hidden_size=16");
        var again = WorkflowBinder.BindText(spec.ResolvedText, "resolved.yaml");
        Assert.Equal(spec.Resolved.Body, again.Resolved.Body);
        Assert.Equal(spec.Resolved.Hash, again.Resolved.Hash);
    }

    [Fact]
    public void Qlib_costs_become_commission_and_stamp_duty()
    {
        var spec = Bind(Base.Replace("profiles:", "backtest:\n  price: close\n  open_cost: 0.0005\n  close_cost: 0.0015\n  min_cost: 5\nprofiles:"));
        var c = spec.Backtest.Costs;
        Assert.Equal(ExecutionPrice.Close, spec.Backtest.Price);
        Assert.Equal(0.0005, c.CommissionRate);
        Assert.Equal(5, c.MinCommission);
        Assert.Equal(0.001, c.StampDuty.Rate(new DateOnly(2020, 1, 2), OrderSide.Sell), 12);
        Assert.Equal(0, c.StampDuty.Rate(new DateOnly(2020, 1, 2), OrderSide.Buy));
        Assert.Empty(c.TransferFee.Steps);
        Assert.Equal(0, c.SlippageBps);
    }

    [Fact]
    public void A_model_s_own_seeds_replace_the_workflow_s_for_that_model_alone()
    {
        var spec = Bind(Base.Replace("    hidden_size: 32", "    hidden_size: 32\n    seeds: [7, 9]").Replace("profiles:", "seeds: 3\nprofiles:"));
        Assert.Equal(["lightgbm-seed1", "lightgbm-seed2", "lightgbm-seed3", "lstm-seed7", "lstm-seed9"],
            WorkflowUnits.Of(spec).Select(u => u.Unit.Key));
        Assert.Equal([0, 1, 2, 3, 4], WorkflowUnits.Of(spec).Select(u => u.Unit.Index));
        Assert.Contains("    seeds: [7, 9]\n", spec.Resolved.Body);
        Assert.Null(Bind(Base).Models.Single(m => m.Name == "lstm").Seeds);
    }

    [Fact]
    public void A_window_step_reaches_the_network_and_the_document_only_where_given()
    {
        var spec = Bind(Base.Replace("    hidden_size: 32", "    hidden_size: 32\n    window_step: 5"));
        Assert.Equal(5, Assert.IsType<NetModelSpec>(spec.Models[1]).Net.WindowStep);
        Assert.Contains("    window_step: 5\n", spec.Resolved.Body);
        Assert.DoesNotContain("window_step", Bind(Base).Resolved.Body); // absent, the hash of every earlier run still holds
    }

    [Fact]
    public void A_models_own_label_norm_replaces_the_workflows_for_it_alone_and_reaches_the_document_only_where_given()
    {
        var spec = Bind(Base.Replace("    hidden_size: 32", "    hidden_size: 32\n    label_norm: updown"));
        Assert.Equal(LabelNorm.UpDown, spec.Models[1].FittingNorm(spec.Dataset.LabelNorm));
        Assert.Equal(spec.Dataset.LabelNorm, spec.Models[0].FittingNorm(spec.Dataset.LabelNorm));
        Assert.NotEqual(LabelNorm.UpDown, spec.Dataset.LabelNorm);
        Assert.Contains("    label_norm: \"updown\"\n", spec.Resolved.Body);
        Assert.Null(Bind(Base).Models[1].OwnLabelNorm);
        Assert.DoesNotContain("    label_norm", Bind(Base).Resolved.Body.Split("models:")[1].Split("seeds:")[0]);
    }

    [Fact]
    public void A_grid_binds_every_combination_last_key_fastest_and_each_point_is_the_model_with_those_keys()
    {
        var spec = Bind(Base.Replace("    hidden_size: 32", "    hidden_size: 32\n    dropout: 0.1\n    grid:\n      num_layers: [1, 3]\n      hidden_size: [8, 16, 24]"));
        var grid = spec.Models[1].Grid!;
        Assert.Equal(["num_layers=1, hidden_size=8", "num_layers=1, hidden_size=16", "num_layers=1, hidden_size=24",
            "num_layers=3, hidden_size=8", "num_layers=3, hidden_size=16", "num_layers=3, hidden_size=24"], grid.Points.Select(p => p.Label));
        var last = Assert.IsType<NetModelSpec>(grid.Points[^1].Model);
        Assert.Equal((3, 24, 0.1f), (last.Net.Layers, last.Net.Hidden, last.Net.Dropout)); // the rest as written
        Assert.Equal(32, Assert.IsType<NetModelSpec>(spec.Models[1]).Net.Hidden);
        Assert.Contains("    grid:\n", spec.Resolved.Body);
        Assert.Null(spec.Models[0].Grid);
        Assert.Null(Bind(Base).Models[1].Grid);
        Assert.DoesNotContain("grid", Bind(Base).Resolved.Body);
    }

    [Fact]
    public void A_count_of_seeds_means_one_to_n() => Assert.Equal([1UL, 2UL, 3UL], Bind(Base.Replace("profiles:", "seeds: 3\nprofiles:")).Seeds);

    [Fact]
    public void Expression_features_and_a_computed_label_bind()
    {
        var text = Base.Replace("features: alpha158", "features:\n  mom: $close/Ref($close,20)-1\n  rev: Mean($close,5)/$close")
            .Replace("profiles:", "label:\n  kind: excess\n  horizon: 5\n  price: open\nprofiles:");
        var spec = Bind(text);
        Assert.Equal(["mom", "rev"], spec.Features.Features.Select(f => f.Name));
        Assert.Equal((LabelSpec.ExcessKind, 5, 6), (spec.Label.Kind, spec.Label.Horizon, spec.Label.Reach));
        var layered = Bind(Base.Replace("profiles:", "report:\n  layers: 5\n  ic_every: 10\nprofiles:"));
        Assert.Equal((5, 10), (layered.Report.Layers, layered.Report.IcEvery));
        Assert.Equal(5, Bind(Base.Replace("profiles:", "processors:\n  fit_every: 5\nprofiles:")).Dataset.FitEvery);
        Assert.Single(WorkflowMalformedTests.Problems(Base.Replace("profiles:", "report:\n  layers: 1\nprofiles:")), p => p.Contains("report.layers"));
        var neutral = Bind(Base.Replace("profiles:", "label:\n  kind: style_neutral\n  horizon: 10\nprofiles:"));
        Assert.Equal((LabelSpec.StyleNeutralKind, 10, 10), (neutral.Label.Kind, neutral.Label.Horizon, neutral.Label.Reach));
    }

    /// <summary>Workflow files are the configs with a models section (paper001.yaml configures `factor multi` instead).</summary>
    private static List<string> WorkflowFiles() =>
        Directory.GetFiles(ConfigsDir(), "*.yaml").Order(StringComparer.Ordinal)
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("models:", StringComparison.Ordinal))).Select(f => Path.GetFileName(f)!).ToList();

    public static TheoryData<string> CommittedWorkflows() => new(WorkflowFiles());

    [Theory]
    [MemberData(nameof(CommittedWorkflows))]
    public void Every_committed_workflow_and_its_profiles_bind(string file)
    {
        var path = Path.Combine(ConfigsDir(), file);
        var spec = WorkflowBinder.Bind(path);
        Assert.NotEmpty(spec.Models);
        Assert.Equal("csi300", spec.Data.Universe);
        var smoke = WorkflowBinder.Bind(path, "smoke");
        Assert.NotEqual(spec.Resolved.Hash, smoke.Resolved.Hash);
    }

    [Fact]
    public void The_committed_workflows_are_the_ones_promised()
    {
        var names = WorkflowFiles();
        Assert.Equal(["paper000_lstm_gru.yaml", "paper001_multifactor_lstm.yaml", "paper003_alphanet.yaml", "qlib_benchmark_alpha158.yaml", "qlib_benchmark_alpha360.yaml", "quickstart.yaml"], names);
        var quick = WorkflowBinder.Bind(Path.Combine(ConfigsDir(), "quickstart.yaml"));
        Assert.Equal(["lightgbm", "lstm"], quick.Models.Select(m => m.Kind));
        Assert.Equal(new Segment("test", new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 30)), quick.Dataset.Segments[2]);
        var bench = WorkflowBinder.Bind(Path.Combine(ConfigsDir(), "qlib_benchmark_alpha158.yaml"));
        Assert.Equal(3, bench.Seeds.Count);
        // Every network of the models issue; the AlphaNet family is paper 003's, not in Qlib's benchmark.
        string[] every = ["linear", "lightgbm", .. AlphaSharp.Models.Nets.NetCatalog.BenchmarkNames];
        Assert.Equal(every.Order(StringComparer.Ordinal), bench.Models.Select(m => m.Kind).Order(StringComparer.Ordinal));
        Assert.Equal(AlphaSharp.Models.Experiments.QlibBenchmark.Segments, bench.Dataset.Segments);
    }

    [Fact]
    public void Every_profile_of_every_committed_workflow_binds()
    {
        var bound = new List<string>();
        foreach (var name in WorkflowFiles())
        {
            var path = Path.Combine(ConfigsDir(), name);
            var profiles = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path).Split("\nprofiles:\n")[1], "(?m)^  ([a-z_]+):")
                .Select(m => m.Groups[1].Value).ToArray();
            Assert.Contains("smoke", profiles);
            foreach (var profile in profiles)
            {
                Assert.Equal(profile, WorkflowBinder.Bind(path, profile).Profile);
                bound.Add($"{name}:{profile}");
            }
        }
        Assert.Contains("paper003_alphanet.yaml:ablations", bound);
        Assert.Contains("qlib_benchmark_alpha360.yaml:reduced", bound);
    }

    internal static string ConfigsDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var path = Path.Combine(d.FullName, "configs");
            if (File.Exists(Path.Combine(path, "quickstart.yaml"))) return path;
        }
        throw new DirectoryNotFoundException("configs/quickstart.yaml not found above the test binaries");
    }
}
