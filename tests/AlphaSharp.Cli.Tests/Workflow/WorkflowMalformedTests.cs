using AlphaSharp.Cli.Workflow;

namespace AlphaSharp.Cli.Tests.Workflow;

/// <summary>Malformed workflows: each problem is one line naming the file's line (or the override) and the key.</summary>
public class WorkflowMalformedTests
{
    /// <summary>A workflow that binds; each test changes one line of it (line numbers below refer to this text).</summary>
    internal const string Valid = """
        name: t
        features: alpha158
        segments:
          train: [2015-01-01, 2018-12-31]
          valid: [2019-01-01, 2019-12-31]
          test: [2020-01-01, 2022-12-30]
        models:
          lightgbm: {}
          lstm:
            hidden_size: 32
        strategy:
          topk: 50
          n_drop: 5
        profiles:
          smoke:
            trainer:
              n_epochs: 1
        """;

    internal static IReadOnlyList<string> Problems(string text, string? profile = null, params string[] sets)
    {
        var e = Assert.Throws<WorkflowException>(() => WorkflowBinder.BindText(text, "wf.yaml", profile, sets));
        Assert.Equal(e.Problems.Count, e.Message.Split(Environment.NewLine).Length);
        return e.Problems.Select(p => p.ToString()).ToList();
    }

    private static string Replace(string line, string with)
    {
        Assert.Contains(line, Valid);
        return Valid.Replace(line, with);
    }

    private static void Single(string expectedStart, IReadOnlyList<string> problems)
    {
        Assert.True(problems.Count == 1, string.Join("\n", problems));
        Assert.StartsWith(expectedStart, problems[0]);
    }

    [Fact]
    public void The_valid_base_binds() => Assert.Equal("t", WorkflowBinder.BindText(Valid, "wf.yaml").Name);

    [Fact]
    public void Unknown_section_names_the_closest() =>
        Single("wf.yaml:11: stratgy: unknown key (did you mean strategy?)", Problems(Replace("strategy:", "stratgy:")));

    [Fact]
    public void Unknown_model_key_names_the_closest() =>
        Single("wf.yaml:10: models.lstm.hiden_size: unknown key (did you mean hidden_size?)", Problems(Replace("hidden_size: 32", "hiden_size: 32")));

    [Fact]
    public void Wrong_type_names_what_is_expected() =>
        Single("wf.yaml:12: strategy.topk: expected a whole number, got 'many'", Problems(Replace("topk: 50", "topk: many")));

    [Fact]
    public void A_list_where_a_value_belongs_is_refused() =>
        Single("wf.yaml:12: strategy.topk: expected a single value, got a list", Problems(Replace("topk: 50", "topk: [50]")));

    [Fact]
    public void A_value_where_a_section_belongs_is_refused() =>
        Assert.Contains(Problems(Replace("strategy:\n  topk: 50\n  n_drop: 5", "strategy: 5")),
            p => p.StartsWith("wf.yaml:11: strategy: expected a section", StringComparison.Ordinal));

    [Fact]
    public void Bad_date() =>
        Single("wf.yaml:4: segments.train: expected a date YYYY-MM-DD, got '2015-13-01'", Problems(Replace("[2015-01-01, 2018-12-31]", "[2015-13-01, 2018-12-31]")));

    [Fact]
    public void Segment_ending_before_it_starts() =>
        Single("wf.yaml:4: segments.train: starts on 2019-01-01, after its end 2018-12-31", Problems(Replace("[2015-01-01, 2018-12-31]", "[2019-01-01, 2018-12-31]")));

    [Fact]
    public void Overlapping_segments() =>
        Single("wf.yaml:5: segments.valid: starts on 2018-06-01, inside train (to 2018-12-31)", Problems(Replace("[2019-01-01, 2019-12-31]", "[2018-06-01, 2019-12-31]")));

    [Fact]
    public void Gap_too_small_for_the_label_reach()
    {
        // 2018-12-28 and 2018-12-31 are train's only trading days; labels reading 2 days ahead from either reach into valid.
        // (Valid's dates are fine on their own: the problem is the gap, so it is reported at train.)
        Single("wf.yaml:4: segments.train: train is too short: its labels reach 2 days ahead into valid",
            Problems(Replace("[2015-01-01, 2018-12-31]", "[2018-12-28, 2018-12-31]")));
    }

    [Fact]
    public void Segment_without_a_trading_day() =>
        Single("wf.yaml:6: segments.test: 2030-01-01..2030-12-31 holds no trading day of the data (2011-01-04..2022-12-30)", Problems(Replace("[2020-01-01, 2022-12-30]", "[2030-01-01, 2030-12-31]")));

    [Fact]
    public void Missing_train_segment() =>
        Single("wf.yaml:3: segments.train: missing; give train: [start, end]", Problems(Replace("  train: [2015-01-01, 2018-12-31]\n", "")));

    [Fact]
    public void Feature_expression_that_does_not_parse() =>
        Single("wf.yaml:2: features.ma: 'Mean($close,' does not parse: column", Problems(Replace("features: alpha158", "features: {ma: 'Mean($close,', ok: 'Mean($close,5)'}")));

    [Fact]
    public void Feature_expression_with_an_unknown_field()
    {
        var p = Problems(Replace("features: alpha158", "features:\n  ma: Mean($clos, 5)"));
        Single("wf.yaml:3: features.ma: 'Mean($clos, 5)' does not parse: column 6: unknown field '$clos' (did you mean '$close'?)", p);
    }

    [Fact]
    public void Unknown_feature_set_names_the_closest() =>
        Single("wf.yaml:2: features: 'alpha159' is not a feature set (did you mean alpha158?)", Problems(Replace("features: alpha158", "features: alpha159")));

    [Fact]
    public void Label_that_reads_no_future_day() =>
        Single("wf.yaml:15: label.expression: '$close' reads no future day", Problems(Valid.Replace("profiles:", "label:\n  expression: $close\nprofiles:")));

    [Fact]
    public void Label_reach_below_what_the_expression_reads() =>
        Single("wf.yaml:15: label.reach: expected at least 2", Problems(Valid.Replace("profiles:", "label:\n  reach: 1\nprofiles:")));

    [Fact]
    public void Unknown_model_lists_the_valid_ones()
    {
        var p = Problems(Replace("  lstm:\n", "  lstmm:\n"));
        Single("wf.yaml:9: models.lstmm: 'lstmm' is not a model (did you mean lstm?); models: linear, lightgbm, svm, mlp, lstm, gru", p);
    }

    [Fact]
    public void Unknown_model_kind_is_reported_at_its_kind_key() =>
        Single("wf.yaml:10: models.lstm.kind: 'lsmt' is not a model (did you mean lstm?)", Problems(Replace("hidden_size: 32", "kind: lsmt")));

    [Fact]
    public void Unknown_profile_lists_the_valid_ones() =>
        Single("wf.yaml:14: profiles: --profile smok: no such profile (did you mean smoke?); profiles: smoke", Problems(Valid, "smok"));

    [Fact]
    public void Bad_set_path_is_named_by_the_override() =>
        Single("--set models.lstm.hiden_size=3: models.lstm.hiden_size: unknown key (did you mean hidden_size?)", Problems(Valid, null, "models.lstm.hiden_size=3"));

    [Fact]
    public void Set_cannot_invent_a_model() =>
        Single("--set models.gru.hidden_size=3: models.gru: no model named 'gru' in this workflow; models: lightgbm, lstm", Problems(Valid, null, "models.gru.hidden_size=3"));

    [Fact]
    public void Set_without_a_value() =>
        Single("--set trainer.n_epochs: trainer.n_epochs: expected key.path=value", Problems(Valid, null, "trainer.n_epochs"));

    [Fact]
    public void Set_with_a_wrong_type() =>
        Single("--set trainer.n_epochs=ten: trainer.n_epochs: expected a whole number, got 'ten'", Problems(Valid, null, "trainer.n_epochs=ten"));

    [Fact]
    public void Duplicate_key() =>
        Single("wf.yaml:2: name: duplicate key (first set on line 1)", Problems("name: a\nname: b\n" + Valid[(Valid.IndexOf('\n') + 1)..]));

    [Fact]
    public void Empty_file() => Single("wf.yaml:1: yaml: the file is empty", Problems(""));

    [Fact]
    public void Root_that_is_not_a_mapping() => Single("wf.yaml:1: (root): expected a mapping of sections", Problems("- lstm\n- gru\n"));

    [Fact]
    public void Invalid_yaml() => Single("wf.yaml:3: yaml: not valid YAML", Problems("name: t\nfeatures: [alpha158\n"));

    [Fact]
    public void Aliases_are_refused() =>
        Assert.Contains(Problems(Replace("lightgbm: {}", "lightgbm: &a {}\n  linear: *a")), p => p.StartsWith("wf.yaml:9: *a: aliases are not supported", StringComparison.Ordinal));

    [Fact]
    public void Library_cross_check_points_at_its_key() =>
        Single("wf.yaml:13: strategy.n_drop: n_drop 60: must be between 0 and topk (50)", Problems(Replace("n_drop: 5", "n_drop: 60")));

    [Fact]
    public void Look_ahead_execution_is_refused_at_the_lag() =>
        Single("wf.yaml:15: backtest.lag: lag 0 with price open", Problems(Valid.Replace("profiles:", "backtest:\n  lag: 0\n  price: open\nprofiles:")));

    [Fact]
    public void Qlib_limit_threshold_says_why_it_is_not_a_setting() =>
        Single("wf.yaml:15: backtest.limit_threshold: not a setting here: rules: china refuses buys at each stock's exact limit-up price",
            Problems(Valid.Replace("profiles:", "backtest:\n  limit_threshold: 0.095\nprofiles:")));

    [Fact]
    public void Qlib_and_own_costs_together_are_refused() =>
        Single("wf.yaml:15: backtest.open_cost: Qlib's open_cost/close_cost/min_cost and the backtester's commission both set the costs",
            Problems(Valid.Replace("profiles:", "backtest:\n  open_cost: 0.0005\n  commission: 0.0003\nprofiles:")));

    [Fact]
    public void Bad_choice_lists_the_choices() =>
        Single("wf.yaml:15: trainer.stop: expected one of loss, ic, sharpe, got 'accuracy'",
            Problems(Valid.Replace("profiles:", "trainer:\n  stop: accuracy\nprofiles:")));

    [Fact]
    public void Column_that_is_not_a_feature() =>
        Single("wf.yaml:12: models.lstm.columns: 'KLEM' is not one of the workflow's features (did you mean KLEN?)", Problems(Replace("hidden_size: 32", "hidden_size: 32\n    columns: [KLEN,\n      KLEM]")));

    [Fact]
    public void Repeated_seed() =>
        Single("wf.yaml:14: seeds: seed 2 repeats", Problems(Valid.Replace("profiles:", "seeds: [1, 2, 2]\nprofiles:")));

    [Fact]
    public void Repeated_seed_of_a_model() =>
        Single("wf.yaml:11: models.lstm.seeds: seed 3 repeats", Problems(Replace("hidden_size: 32", "hidden_size: 32\n    seeds: [3, 3]")));

    [Fact]
    public void Unknown_label_norm_of_a_model() =>
        Single("wf.yaml:11: models.lstm.label_norm: expected one of", Problems(Replace("hidden_size: 32", "hidden_size: 32\n    label_norm: updwn")));

    private static string Picks(string body) =>
        Valid.Replace("profiles:", $"picks:\n  multi_factor: {Path.Combine(WorkflowBinderTests.ConfigsDir(), "paper001.yaml")}\n{body}profiles:");

    [Fact]
    public void Picks_whose_screening_reaches_the_test() =>
        Single("wf.yaml:16: picks.screen_end: the screening ends 2020-06-30, not before the test starts 2020-01-01", Problems(Picks("  screen_end: 2020-06-30\n")));

    [Fact]
    public void Picks_of_a_multi_factor_file_screening_into_the_test_unless_told_otherwise() =>
        Single("wf.yaml:15: picks.multi_factor: the screening ends 2021-12-31", Problems(Picks("")));

    [Fact]
    public void Picks_of_a_missing_multi_factor_file() =>
        Single("wf.yaml:15: picks.multi_factor: 'no-such.yaml': no such file", Problems(Valid.Replace("profiles:", "picks:\n  multi_factor: no-such.yaml\nprofiles:")));

    [Fact]
    public void Picks_top_out_of_range() =>
        Assert.Contains(Problems(Picks("  screen_end: 2018-12-31\n  top: 1.5\n")), p => p.StartsWith("wf.yaml:17: picks.top:", StringComparison.Ordinal));

    [Fact]
    public void A_grid_value_the_model_refuses_is_reported_at_its_line_once() =>
        Single("wf.yaml:12: models.lstm.num_layers:", Problems(Replace("hidden_size: 32", "hidden_size: 32\n    grid:\n      num_layers: [0, 2]\n      hidden_size: [8, 16]")));

    [Fact]
    public void A_grid_key_the_model_does_not_have() =>
        Single("wf.yaml:12: models.lstm.num_layer: unknown key", Problems(Replace("hidden_size: 32", "hidden_size: 32\n    grid:\n      num_layer: [1, 2]")));

    [Fact]
    public void A_grid_over_what_the_model_is() =>
        Single("wf.yaml:12: models.lstm.grid.kind: a grid varies how a model fits", Problems(Replace("hidden_size: 32", "hidden_size: 32\n    grid:\n      kind: [gru, lstm]")));

    [Fact]
    public void A_classifier_network_without_up_down_labels() =>
        Single("wf.yaml:7: models: lstm: classify fits down (0) and up (1) classes", Problems(Replace("hidden_size: 32", "hidden_size: 32\n    classify: true")));

    [Fact]
    public void Window_step_on_a_network_that_reads_one_day() =>
        Single("wf.yaml:10: models.mlp.window_step: an mlp reads one day", Problems(Replace("  lightgbm: {}", "  lightgbm: {}\n  mlp:\n    window_step: 5")));

    [Fact]
    public void Missing_store_directory() =>
        Assert.Contains(Problems(Valid.Replace("profiles:", "data:\n  store: /no/such/store\nprofiles:")),
            p => p.StartsWith("wf.yaml:15: data.store: '/no/such/store' is no store directory", StringComparison.Ordinal));

    [Fact]
    public void Missing_models() =>
        Single("wf.yaml:1: models: missing; give at least one model", Problems(Replace("models:\n  lightgbm: {}\n  lstm:\n    hidden_size: 32\n", "")));

    [Fact]
    public void A_problem_in_a_profile_not_chosen_is_still_reported() =>
        Single("wf.yaml:17: trainer.n_epochs: expected a whole number of 1 or more, got 0", Problems(Replace("n_epochs: 1", "n_epochs: 0")));

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_file_order()
    {
        var text = Replace("topk: 50", "topk: many")
            .Replace("hidden_size: 32", "hiden_size: 32")
            .Replace("[2019-01-01, 2019-12-31]", "[2019-01-01, 2019-02-30]")
            .Replace("features: alpha158", "features: alpha999");
        var p = Problems(text);
        Assert.Equal(4, p.Count);
        Assert.StartsWith("wf.yaml:2: features: 'alpha999' is not a feature set", p[0]);
        Assert.StartsWith("wf.yaml:5: segments.valid: expected a date YYYY-MM-DD, got '2019-02-30'", p[1]);
        Assert.StartsWith("wf.yaml:10: models.lstm.hiden_size: unknown key", p[2]);
        Assert.StartsWith("wf.yaml:12: strategy.topk: expected a whole number, got 'many'", p[3]);
    }
}
