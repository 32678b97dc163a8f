using AlphaSharp.Common;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Models.Classical;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Classical.Svm;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Nets.AlphaNet;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Binds <c>trainer</c>, <c>models</c> and <c>seeds</c>. Keys are the names the library's checks use, which are
/// Qlib's (n_epochs, batch_size, lr, early_stop, hidden_size, num_layers, num_leaves ...), so a Qlib config's values
/// carry over. A model is a key under <c>models</c>; its kind is that key unless it says <c>kind:</c>.
/// </summary>
internal static class ModelBinding
{
    public static readonly SettingChoices<LrSchedule> Schedules = new(("exponential", LrSchedule.Exponential), ("cosine", LrSchedule.Cosine), ("step", LrSchedule.Step));
    public static readonly SettingChoices<SvmKernelType> SvmKernels = new(("rbf", SvmKernelType.Rbf), ("linear", SvmKernelType.Linear));
    public static readonly SettingChoices<string> RnnTypes = new(("GRU", "GRU"), ("LSTM", "LSTM"));
    public static readonly SettingChoices<string> LightGbmPresets = new(("qlib_alpha158", "qlib_alpha158"), ("lightgbm", "lightgbm"));

    /// <summary>Days of history a sequence network reads unless it says <c>window</c> (Qlib's benchmark: 20).</summary>
    public const int DefaultSequenceWindow = 20;

    public static TrainerOptions Trainer(Section s, TrainerOptions d) => new()
    {
        Epochs = s.Int("n_epochs", d.Epochs, 1),
        BatchSize = s.Int("batch_size", d.BatchSize, 1),
        LearningRate = s.Number("lr", d.LearningRate, 0, double.PositiveInfinity, aboveMin: true),
        WeightDecay = s.Number("weight_decay", d.WeightDecay, 0, double.PositiveInfinity),
        Patience = s.Int("early_stop", d.Patience, 1),
        Metric = s.Choice("stop", TrainerOptions.StopMetrics, d.Metric),
        ClipNorm = s.Number("clip_norm", d.ClipNorm, 0, double.PositiveInfinity),
        LrDecay = s.Number("lr_decay", d.LrDecay, 0, 1, aboveMin: true),
        MinLr = s.Number("min_lr", d.MinLr, 0, double.PositiveInfinity),
        Schedule = s.Choice("lr_schedule", Schedules, d.Schedule),
        StepEpochs = s.Int("step_epochs", d.StepEpochs, 1),
    };

    /// <summary>
    /// <c>trainer.max_epochs</c>: a cap on every network's epochs, its own <c>n_epochs</c> included, so one key (or one
    /// <c>--set</c>) shortens a whole benchmark's training without editing each model that sets its own count.
    /// </summary>
    public static int? MaxEpochs(Section trainer)
    {
        var cap = trainer.OptionalInt("max_epochs", 1);
        if (cap is { } c) trainer.Output["max_epochs"] = CanonicalDocument.Int(c);
        return cap;
    }

    /// <summary>The workflow's seeds (<c>seeds:</c> a count n, meaning 1..n, or a list); seed 1 alone when absent.</summary>
    public static IReadOnlyList<ulong> Seeds(Section root) => OwnSeeds(root) ?? Written(root, [1]);

    /// <summary>A section's own <c>seeds:</c> (a model's, in place of the workflow's), or null where it gives none.</summary>
    public static IReadOnlyList<ulong>? OwnSeeds(Section root)
    {
        var node = root.Take("seeds");
        if (node is null) return null;
        var seeds = new List<ulong>();
        switch (node)
        {
            case YScalar { Value: { } text }:
                if (int.TryParse(text, out var n) && n >= 1) seeds.AddRange(Enumerable.Range(1, n).Select(k => (ulong)k));
                else root.Problem("seeds", $"expected a count of seeds (1 or more) or a list of seeds, got '{text}'");
                break;
            case YSeq list:
                foreach (var item in list.Items)
                {
                    if (item is YScalar { Value: { } t } && ulong.TryParse(t, out var seed))
                    {
                        if (seeds.Contains(seed)) root.ProblemAt(item, "seeds", $"seed {seed} repeats; give each seed once");
                        else seeds.Add(seed);
                    }
                    else root.ProblemAt(item, "seeds", $"expected a whole number of 0 or more, got '{(item as YScalar)?.Value ?? "a section"}'");
                }
                if (list.Items.Count == 0) root.Problem("seeds", "an empty list; give at least one seed");
                break;
            default:
                root.Problem("seeds", "expected a count or a list of seeds, got a mapping");
                break;
        }
        return Written(root, seeds);
    }

    /// <summary>A model's own <c>label_norm</c>, written to the canonical document only where given (so earlier runs keep their hashes).</summary>
    private static LabelNorm? OwnLabelNorm(Section s)
    {
        if (!s.Has("label_norm")) return null;
        return s.Choice("label_norm", DatasetBinding.LabelNorms, LabelNorm.None);
    }

    /// <summary>Keys a grid may not vary: what the model is, what it reads, and what is the unit's rather than the fit's.</summary>
    private static readonly string[] FixedKeys = ["kind", "columns", "seeds", "label_norm", "classify", "grid"];

    /// <summary>A model's <c>grid:</c> (a mapping of its own keys to lists of values), written to the document; null where absent.</summary>
    private static IReadOnlyList<(string Key, IReadOnlyList<YScalar> Values)>? GridKeys(Section s)
    {
        if (!s.Has("grid")) return null;
        var node = s.Take("grid");
        if (node is not YMap map || map.Entries.Count == 0)
        {
            s.Problem("grid", "expected a mapping of the model's keys to lists of values, e.g. {num_layers: [1, 3], hidden_size: [50, 150]}");
            return null;
        }
        var keys = new List<(string, IReadOnlyList<YScalar>)>();
        var output = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var e in map.Entries)
        {
            if (FixedKeys.Contains(e.Key))
            {
                s.ProblemAt(e.Value, $"grid.{e.Key}", $"a grid varies how a model fits, not {e.Key}; give another model for another {e.Key}");
                continue;
            }
            var values = e.Value is YSeq seq ? seq.Items.OfType<YScalar>().Where(v => v.Value is not null).ToList() : [];
            if (e.Value is not YSeq list || values.Count != list.Items.Count || values.Count == 0)
            {
                s.ProblemAt(e.Value, $"grid.{e.Key}", "expected a list of one or more single values, e.g. [1, 3]");
                continue;
            }
            keys.Add((e.Key, values));
            output[e.Key] = values.Select(v => CanonicalDocument.Str(v.Value!)).ToList();
        }
        s.Output["grid"] = output;
        return keys.Count == 0 ? null : keys;
    }

    /// <summary>
    /// Every combination of the grid's values, each bound as the model's section with those keys set (a bad value is
    /// reported at its own line, once however many points hold it).
    /// </summary>
    private static ModelGrid? Grid(List<WorkflowProblem> problems, string name, Source where, YMap map,
        IReadOnlyList<(string Key, IReadOnlyList<YScalar> Values)> keys, TrainerOptions trainer, FeaturesSpec features, int? maxEpochs)
    {
        var points = new List<GridPoint>();
        var at = new int[keys.Count];
        while (true)
        {
            var entries = map.Entries.Where(e => e.Key != "grid" && e.Key != "seeds" && e.Key != "label_norm" && keys.All(k => k.Key != e.Key)).ToList();
            entries.AddRange(keys.Select((k, j) => new YEntry(k.Key, k.Values[at[j]].Source, k.Values[at[j]])));
            var section = new Section(problems, $"models.{name}", map with { Entries = entries }, where, new SortedDictionary<string, object>(StringComparer.Ordinal));
            var model = Model(section, name, trainer, features, maxEpochs);
            section.Finish();
            if (model is null) return null;
            points.Add(new GridPoint(string.Join(", ", keys.Select((k, j) => $"{k.Key}={k.Values[at[j]].Value}")), model));
            var d = keys.Count - 1;
            while (d >= 0 && ++at[d] == keys[d].Values.Count) at[d--] = 0;
            if (d < 0) break;
        }
        return new ModelGrid(keys.Select(k => (k.Key, (IReadOnlyList<string>)k.Values.Select(v => v.Value!).ToList())).ToList(), points);
    }

    private static IReadOnlyList<ulong> Written(Section s, IReadOnlyList<ulong> seeds)
    {
        s.Output["seeds"] = seeds.Select(x => CanonicalDocument.Int((long)x)).ToList();
        return seeds;
    }

    public static IReadOnlyList<ModelSpec> Models(Section root, TrainerOptions trainer, FeaturesSpec features, int? maxEpochs = null)
    {
        var node = root.Take("models");
        var output = new SortedDictionary<string, object>(StringComparer.Ordinal);
        root.Output["models"] = output;
        var entries = new List<(string Name, Source Where, YMap? Map)>();
        switch (node)
        {
            case null:
                root.Problem("models", $"missing; give at least one model ({string.Join(", ", ModelSpec.Kinds)})");
                return [];
            case YMap map:
                foreach (var e in map.Entries)
                {
                    if (e.Value is YMap m) entries.Add((e.Key, e.KeySource, m));
                    else if (e.Value is YScalar { Value: null }) entries.Add((e.Key, e.KeySource, null));
                    else root.ProblemAt(e.Value, $"models.{e.Key}", "expected the model's settings (a mapping, {} for its defaults)");
                }
                break;
            case YSeq list:
                foreach (var item in list.Items)
                {
                    if (item is not YScalar { Value: { } name }) root.ProblemAt(item, "models", "expected a model name; a model with settings is written under models as name: {settings}");
                    else if (entries.Any(x => x.Name == name)) root.ProblemAt(item, "models", $"'{name}' is listed twice; give each model once (a second one under another name with kind: {name})");
                    else entries.Add((name, item.Source, null));
                }
                break;
            default:
                root.Problem("models", "expected a mapping of model name: settings, or a list of model names");
                return [];
        }
        if (entries.Count == 0 && node is YMap or YSeq) root.Problem("models", "no model given; give at least one");
        var models = new List<ModelSpec>();
        foreach (var (name, where, map) in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var settings = new SortedDictionary<string, object>(StringComparer.Ordinal);
            output[name] = settings;
            var s = new Section(root.Problems, $"models.{name}", map, where, settings);
            var seeds = OwnSeeds(s);
            var labelNorm = OwnLabelNorm(s);
            var gridKeys = GridKeys(s);
            if (Model(s, name, trainer, features, maxEpochs) is { } model)
            {
                var grid = gridKeys is null ? null : Grid(root.Problems, name, where, map!, gridKeys, trainer, features, maxEpochs);
                models.Add(model with { Seeds = seeds, OwnLabelNorm = labelNorm, Grid = grid });
            }
            s.Finish();
        }
        return models;
    }

    private static ModelSpec? Model(Section s, string name, TrainerOptions trainer, FeaturesSpec features, int? maxEpochs)
    {
        var kinds = ModelSpec.Kinds;
        var kind = s.Scalar("kind") ?? name;
        if (!kinds.Contains(kind))
        {
            var where = s.Has("kind") ? "kind" : null;
            var message = $"'{kind}' is not a model{Section.Hint(kind, kinds)}; models: {string.Join(", ", kinds)}" + (where is null ? " (or give kind: for a model named otherwise)" : "");
            if (where is null) s.Problems.Add(new WorkflowProblem(s.Where.ToString(), s.Path, message));
            else s.Problem(where, message);
            // The model's other keys cannot be checked without its kind; mark them known so they are not reported too.
            foreach (var k in s.Keys.ToList()) s.Take(k);
            return null;
        }
        s.Output["kind"] = CanonicalDocument.Str(kind);
        var columns = Columns(s, features);
        switch (kind)
        {
            case "linear":
            {
                var alpha = s.Number("alpha", 0, 0, double.PositiveInfinity);
                return new LinearModelSpec(name, columns, alpha);
            }
            case "lightgbm":
            {
                var preset = s.Choice("preset", LightGbmPresets, "qlib_alpha158");
                var d = preset == "qlib_alpha158" ? LightGbmParameters.QlibAlpha158 : new LightGbmParameters();
                var p = new LightGbmParameters
                {
                    Objective = s.Text("objective", d.Objective),
                    NumLeaves = s.Int("num_leaves", d.NumLeaves, 2, 131072),
                    MaxDepth = s.Int("max_depth", d.MaxDepth, -1),
                    LearningRate = s.Number("learning_rate", d.LearningRate, 0, double.PositiveInfinity, aboveMin: true),
                    LambdaL1 = s.Number("lambda_l1", d.LambdaL1, 0, double.PositiveInfinity),
                    LambdaL2 = s.Number("lambda_l2", d.LambdaL2, 0, double.PositiveInfinity),
                    FeatureFraction = s.Number("feature_fraction", d.FeatureFraction, 0, 1, aboveMin: true),
                    BaggingFraction = s.Number("bagging_fraction", d.BaggingFraction, 0, 1, aboveMin: true),
                    BaggingFreq = s.Int("bagging_freq", d.BaggingFreq, 0),
                    MinDataInLeaf = s.Int("min_data_in_leaf", d.MinDataInLeaf, 1),
                    NumBoostRound = s.Int("num_boost_round", d.NumBoostRound, 1),
                    EarlyStoppingRounds = s.Int("early_stopping_rounds", d.EarlyStoppingRounds, 0),
                    NumThreads = s.Int("num_threads", d.NumThreads, 1),
                };
                s.Check(p.Validate);
                return new LightGbmModelSpec(name, columns, p);
            }
            case "svm":
            {
                var d = new SvmOptions();
                var gamma = s.OptionalNumber("gamma", 0, double.PositiveInfinity, aboveMin: true);
                s.Output["gamma"] = gamma is { } g ? CanonicalDocument.Num(g) : CanonicalDocument.Str("scale");
                var o = new SvmOptions
                {
                    C = s.Number("C", d.C, 0, double.PositiveInfinity, aboveMin: true),
                    Kernel = s.Choice("kernel", SvmKernels, d.Kernel),
                    Gamma = gamma,
                    Epsilon = s.Number("epsilon", d.Epsilon, 0, double.PositiveInfinity),
                    Tolerance = s.Number("tolerance", d.Tolerance, 0, double.PositiveInfinity, aboveMin: true),
                    CacheMb = s.Number("cache_mb", d.CacheMb, 0, double.PositiveInfinity, aboveMin: true),
                    MaxIterations = s.Int("max_iterations", 0, 0),
                };
                return new SvmModelSpec(name, columns, o, s.Bool("classify", false));
            }
            default:
                return Net(s, name, kind, columns, trainer, maxEpochs);
        }
    }

    private static NetModelSpec Net(Section s, string name, string kind, IReadOnlyList<string> columns, TrainerOptions trainer, int? maxEpochs)
    {
        var d = new NetConfig { Kind = kind, Features = Math.Max(1, columns.Count) };
        (AlphaNetSettings Settings, int Days, float Dropout)? alphaNet = kind.StartsWith("alphanet_", StringComparison.Ordinal) ? ReadAlphaNet(s, kind) : null;
        var config = d with
        {
            Window = s.Int("window", kind == "mlp" ? 1 : alphaNet?.Days ?? DefaultSequenceWindow, 1),
            Dropout = (float)s.Number("dropout", alphaNet?.Dropout ?? d.Dropout, 0, 1),
            AlphaNet = alphaNet?.Settings ?? d.AlphaNet,
        };
        if (config.Dropout >= 1) s.Problem("dropout", $"expected a probability below 1, got {config.Dropout}");
        // Written only where given, so earlier runs keep their hashes: a softmax over down and up, fitted by cross-entropy.
        if (s.Has("classify") && s.Bool("classify", false)) config = config with { Outputs = 2 };
        if (kind == "mlp")
        {
            var sizes = s.Take("hidden_sizes");
            var list = new List<int>();
            if (sizes is YSeq seq)
                foreach (var item in seq.Items)
                    if (item is YScalar { Value: { } t } && int.TryParse(t, out var w) && w >= 1) list.Add(w);
                    else s.ProblemAt(item, "hidden_sizes", $"expected a width of 1 or more, got '{(item as YScalar)?.Value ?? "a section"}'");
            else if (sizes is not null) s.Problem("hidden_sizes", "expected a list of widths, e.g. [512]");
            else list.Add(512); // Qlib's benchmark MLP: one hidden layer of 512
            s.Output["hidden_sizes"] = list.Select(w => CanonicalDocument.Int(w)).ToList();
            config = config with { HiddenSizes = [.. list] };
        }
        else if (alphaNet is not null)
            config = config with { Hidden = s.Int("hidden_size", AlphaNetHidden, 1) };
        else
        {
            config = config with { Hidden = s.Int("hidden_size", d.Hidden, 1), Layers = s.Int("num_layers", d.Layers, 1) };
            if (kind == "transformer") config = config with { Heads = s.Int("nhead", d.Heads, 1), FeedForward = s.Int("dim_feedforward", d.FeedForward, 1) };
            if (kind is "cnn" or "tcn") config = config with { KernelSize = s.Int("kernel_size", d.KernelSize, 1) };
            if (kind == "alstm") config = config with { RnnType = s.Choice("rnn_type", RnnTypes, d.RnnType) };
            // Qlib's Alpha360 sequence models: the row of d_feat fields x window days, reshaped (SampleShape.FieldSequence).
            if (s.Bool("field_rows", false))
            {
                if (columns.Count % config.Window != 0)
                    s.Problem("field_rows", $"the model's {columns.Count} columns are not a whole number of fields of window {config.Window} days");
                else config = config with { FieldRows = true, Features = columns.Count / config.Window };
            }
        }
        // Given only where set, so a workflow without it keeps its canonical document (and its resumable runs).
        if (s.OptionalInt("window_step", 1) is { } step)
        {
            s.Output["window_step"] = CanonicalDocument.Int(step);
            if (step > 1 && (kind == "mlp" || config.FieldRows))
                s.Problem("window_step", $"{(kind == "mlp" ? "an mlp reads one day" : "field_rows reads one day's row")}; only a sequence of days can step through them");
            else config = config with { WindowStep = step };
        }
        s.Check(config.Validate, new Dictionary<string, string> { ["features"] = "columns" });
        var options = Trainer(s, trainer);
        if (maxEpochs is { } cap && options.Epochs > cap) options = options with { Epochs = cap };
        return new NetModelSpec(name, columns, config, options);
    }

    /// <summary>V1's dense layer and V2's and V3's recurrent units (V4's Bi-LSTM is as wide as its kept channels).</summary>
    public const int AlphaNetHidden = 30;

    /// <summary>
    /// An AlphaNet's own keys, each defaulting to the published value: windows, strides, and for V4 steps, spearman,
    /// transformer and attention; with the days it reads unless <c>window</c> says (V1-V3: 30; V4: steps - 1 plus its
    /// largest window, 39) and its published dropout (V1's dense 0.5, V4's Bi-LSTM 0.2, none in V2 and V3).
    /// </summary>
    private static (AlphaNetSettings Settings, int Days, float Dropout) ReadAlphaNet(Section s, string kind)
    {
        int[] Widths(string key)
        {
            var node = s.Take(key);
            var list = new List<int>();
            if (node is YSeq seq)
                foreach (var item in seq.Items)
                    if (item is YScalar { Value: { } t } && int.TryParse(t, out var w) && w >= 1) list.Add(w);
                    else s.ProblemAt(item, key, $"expected a number of days (1 or more), got '{(item as YScalar)?.Value ?? "a section"}'");
            else if (node is not null) s.Problem(key, "expected a list of days, e.g. [10, 5]");
            if (node is not null) s.Output[key] = list.Select(v => CanonicalDocument.Int(v)).ToList();
            return [.. list];
        }
        var v4 = kind == "alphanet_v4";
        var settings = new AlphaNetSettings { Windows = Widths("windows"), Strides = Widths("strides") };
        if (v4)
            settings = settings with
            {
                Steps = s.Int("steps", AlphaNetV4.PublishedSteps, 1),
                Spearman = s.Number("spearman", settings.Spearman, 0, 1, aboveMin: true),
                Transformer = s.Bool("transformer", true),
                Attention = s.Bool("attention", true),
            };
        s.Check(settings.Validate);
        var days = v4 ? AlphaNetV4.DaysNeeded(settings) : 30;
        return (settings, days, kind switch { "alphanet_v1" => 0.5f, "alphanet_v4" => 0.2f, _ => 0f });
    }

    /// <summary>The feature columns a model reads: all (the default) or the named ones, kept in the features' order.</summary>
    private static IReadOnlyList<string> Columns(Section s, FeaturesSpec features)
    {
        var all = features.Features.Select(f => f.Name).ToList();
        var node = s.Take("columns");
        List<string> chosen;
        var every = node is null or YScalar { Value: "all" };
        if (every) chosen = all;
        else if (node is YSeq seq)
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in seq.Items)
            {
                if (item is not YScalar { Value: { } c }) { s.ProblemAt(item, "columns", "expected a feature name"); continue; }
                if (all.Count > 0 && !all.Contains(c)) s.ProblemAt(item, "columns", $"'{c}' is not one of the workflow's features{Section.Hint(c, all)}");
                else if (!named.Add(c)) s.ProblemAt(item, "columns", $"'{c}' is named twice");
            }
            if (seq.Items.Count == 0) s.Problem("columns", "an empty list; leave it out to read every feature");
            chosen = all.Where(named.Contains).ToList();
        }
        else
        {
            s.Problem("columns", "expected all or a list of feature names");
            chosen = all;
        }
        s.Output["columns"] = every ? CanonicalDocument.Str("all") : chosen.Select(CanonicalDocument.Str).ToList();
        return chosen;
    }
}
