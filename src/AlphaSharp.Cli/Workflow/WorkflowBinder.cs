using System.Text.RegularExpressions;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Turns a workflow file into a <see cref="WorkflowSpec"/>: reads the YAML, applies the chosen profile and the
/// <c>--set</c> overrides, binds every section against the schema and the store's outline, and either returns the
/// spec with its canonical document or throws one <see cref="WorkflowException"/> listing every problem, each as
/// <c>FILE:LINE: key: what is expected</c>. Nothing is computed and nothing is written.
/// </summary>
public static partial class WorkflowBinder
{
    public const string ProfilesKey = "profiles";

    public static WorkflowSpec Bind(string path, string? profile = null, IReadOnlyList<string>? overrides = null) =>
        Models(BindAny(path, profile, overrides));

    /// <summary>As <see cref="BindText"/> for a model workflow; <see cref="BindAnyText"/> for either kind.</summary>
    public static WorkflowSpec BindText(string text, string origin, string? profile = null, IReadOnlyList<string>? overrides = null) =>
        Models(BindAnyText(text, origin, profile, overrides));

    private static WorkflowSpec Models(BoundWorkflow spec) => spec as WorkflowSpec ??
        throw new WorkflowException([new WorkflowProblem($"{spec.File}:1", RlBinding.AgentKey, "a trading-agent workflow, not a model workflow; `alphasharp run` runs either")]);

    /// <summary>Binds either kind of workflow file: a model workflow, or a trading-agent one (it has an <c>agent</c> section).</summary>
    public static BoundWorkflow BindAny(string path, string? profile = null, IReadOnlyList<string>? overrides = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowException([new WorkflowProblem(path, "file", e is FileNotFoundException or DirectoryNotFoundException ? "no such workflow file" : e.Message)]);
        }
        return BindAnyText(text, path, profile, overrides);
    }

    /// <summary>As <see cref="BindAny"/>, for a workflow's text; <paramref name="origin"/> is the name problems give for it.</summary>
    public static BoundWorkflow BindAnyText(string text, string origin, string? profile = null, IReadOnlyList<string>? overrides = null)
    {
        overrides ??= [];
        var problems = new List<WorkflowProblem>();
        var node = YamlTree.Parse(text, origin, problems);
        if (node is null) throw Fail(problems);
        if (node is not YMap root)
        {
            problems.Add(new WorkflowProblem(node.Source.ToString(), "(root)", "expected a mapping of sections (data, features, label, segments, models, ...), got " + (node is YSeq ? "a list" : "a single value")));
            throw Fail(problems);
        }
        var profiles = Profiles(root, problems);
        var baseMap = root with { Entries = root.Entries.Where(e => e.Key != ProfilesKey).ToList() };
        var stem = Path.GetFileNameWithoutExtension(origin);
        YMap chosen = baseMap;
        if (profile is not null)
        {
            if (profiles.TryGetValue(profile, out var overlay)) chosen = TreeMerge.Merge(baseMap, overlay);
            else
            {
                var at = root.Find(ProfilesKey)?.KeySource.ToString() ?? $"{origin}:1";
                problems.Add(new WorkflowProblem(at, ProfilesKey, profiles.Count == 0
                    ? $"--profile {profile}: this file has no profiles"
                    : $"--profile {profile}: no such profile{Section.Hint(profile, profiles.Keys)}; profiles: {string.Join(", ", profiles.Keys)}"));
                throw Fail(problems);
            }
        }
        foreach (var o in overrides) chosen = TreeMerge.ApplySet(chosen, o, problems);
        var spec = BindTree(chosen, origin, stem, problems, profile, overrides);
        // Every profile is part of the file: one that would fail is reported even when another one was chosen.
        foreach (var (name, overlay) in profiles)
            if (name != profile) BindTree(TreeMerge.Merge(baseMap, overlay), origin, stem, problems, name, []);
        if (problems.Count > 0) throw Fail(problems);
        return spec;
    }

    private static Dictionary<string, YMap> Profiles(YMap root, List<WorkflowProblem> problems)
    {
        var result = new Dictionary<string, YMap>(StringComparer.Ordinal);
        var entry = root.Find(ProfilesKey);
        if (entry is null || entry.Value is YScalar { Value: null }) return result;
        if (entry.Value is not YMap map)
        {
            problems.Add(new WorkflowProblem(entry.KeySource.ToString(), ProfilesKey, "expected a mapping of profile name: {keys it overrides}"));
            return result;
        }
        foreach (var p in map.Entries)
        {
            if (p.Value is not YMap body)
                problems.Add(new WorkflowProblem(p.KeySource.ToString(), $"{ProfilesKey}.{p.Key}", "expected a mapping of the keys the profile overrides"));
            else if (body.Find(ProfilesKey) is { } nested)
                problems.Add(new WorkflowProblem(nested.KeySource.ToString(), $"{ProfilesKey}.{p.Key}.{ProfilesKey}", "a profile cannot hold profiles"));
            else result[p.Key] = body;
        }
        return result;
    }

    private static BoundWorkflow BindTree(YMap map, string origin, string stem, List<WorkflowProblem> problems, string? profile, IReadOnlyList<string> overrides)
    {
        var resolved = new CanonicalDocument();
        var root = new Section(problems, "", map, new Source(origin, 1), resolved.Root);
        var name = root.Text("name", stem);
        if (!PlainName().IsMatch(name)) root.Problem("name", $"expected letters, digits, '-' or '_' (it names the run's directory), got '{name}'");
        var (data, store) = DatasetBinding.Data(root);
        if (RlBinding.Is(map))
        {
            var agent = RlBinding.Bind(root, origin, name, ModelBinding.Seeds(root), data, store, profile, overrides, resolved);
            root.Finish();
            resolved.Seal();
            return agent;
        }
        var features = DatasetBinding.Features(root, store);
        var label = DatasetBinding.Label(root, store);
        var (processing, labelNorm, fitEvery) = DatasetBinding.Processors(root);
        var walkForward = DatasetBinding.WalkForward(root);
        var segments = DatasetBinding.Segments(root, store, label.Reach, walkForward is not null);
        if (walkForward is not null) segments = [new Segment("all", walkForward.Start.AddMonths(-walkForward.TrainMonths), walkForward.End)];
        var trainerSection = root.Sub("trainer");
        var trainer = ModelBinding.Trainer(trainerSection, new TrainerOptions());
        var maxEpochs = ModelBinding.MaxEpochs(trainerSection);
        trainerSection.Finish();
        var seeds = ModelBinding.Seeds(root);
        var models = ModelBinding.Models(root, trainer, features, maxEpochs);
        var strategy = BacktestBinding.Strategy(root);
        var backtest = BacktestBinding.Backtest(root);
        var report = BacktestBinding.Report(root, name, models);
        foreach (var m in models.Where(m => m.Grid is not null && walkForward is not null))
            root.Problem("models", $"{m.Name}: a grid is chosen on the fixed valid segment; with walk_forward each window would choose its own, which is not built; remove the grid or the walk_forward");
        foreach (var m in models)
            if (m is NetModelSpec { Net.Classifier: true } && m.FittingNorm(labelNorm) != LabelNorm.UpDown)
                root.Problem("models", $"{m.Name}: classify fits down (0) and up (1) classes; give it label_norm: updown (its own or processors')");
        var picks = PicksBinding.Picks(root, origin, walkForward?.Start ?? segments.FirstOrDefault(g => g.Name == "test")?.Start);
        root.Finish();
        resolved.Seal();
        var dataset = new DatasetSpec(features.Features, label.Expression ?? "", label.Reach, segments, labelNorm, processing, label.Weight, fitEvery);
        return new WorkflowSpec(name, data, features, label, dataset, walkForward, models, seeds, strategy, backtest, report, profile, overrides, resolved, origin, picks);
    }

    /// <summary>Problems in file order (a problem found twice, under two profiles, once); overrides' after the file's.</summary>
    private static WorkflowException Fail(List<WorkflowProblem> problems)
    {
        static (int, int) Order(WorkflowProblem p)
        {
            var colon = p.Where.LastIndexOf(':');
            return colon > 0 && int.TryParse(p.Where[(colon + 1)..], out var line) ? (0, line) : (1, 0);
        }
        return new WorkflowException(problems.Distinct().OrderBy(Order).ToList());
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PlainName();
}
