using AlphaSharp.Common;
using AlphaSharp.Factors.Expressions;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors.Labels;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.WalkForward;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// Binds what the dataset is made of: <c>data</c>, <c>features</c>, <c>label</c>, <c>processors</c>,
/// <c>segments</c> and <c>walk_forward</c>. Expressions are parsed and bound against the store's fields and segments
/// resolved on its calendar, so a check finds what a run would, before any column is read.
/// </summary>
internal static class DatasetBinding
{
    public const string ShippedStore = "shipped";
    public const string AllInstruments = "all";
    public static readonly string[] SegmentNames = ["train", "valid", "test"];

    public static readonly SettingChoices<string> LabelKinds = new(
        (LabelSpec.ExpressionKind, LabelSpec.ExpressionKind), (LabelSpec.ForwardKind, LabelSpec.ForwardKind), (LabelSpec.ExcessKind, LabelSpec.ExcessKind),
        (LabelSpec.StyleNeutralKind, LabelSpec.StyleNeutralKind));
    public static readonly SettingChoices<LabelPrice> LabelPrices = new(("close", LabelPrice.Close), ("open", LabelPrice.Open), ("vwap", LabelPrice.Vwap));
    public static readonly SettingChoices<FeatureNorm> FeatureNorms = new(("robust_zscore", FeatureNorm.RobustZScore), ("zscore", FeatureNorm.ZScore), ("none", FeatureNorm.None));
    public static readonly SettingChoices<LabelNorm> LabelNorms = new(("none", LabelNorm.None), ("csrank", LabelNorm.CsRank), ("cszscore", LabelNorm.CsZScore), ("updown", LabelNorm.UpDown));
    public static readonly SettingChoices<TrainingWindow> Windows = new(("expanding", TrainingWindow.Expanding), ("rolling", TrainingWindow.Rolling));

    public static (DataSpec Spec, StoreOutline? Store) Data(Section root)
    {
        var s = root.Sub("data");
        var store = s.Text("store", ShippedStore);
        StoreOutline? outline = null;
        string? dir = store == ShippedStore ? null : store;
        try
        {
            outline = StoreOutline.Read(dir ?? EmbeddedData.Locate());
        }
        catch (InputException e)
        {
            s.Problem("store", $"{e.Message}; give a store directory or {ShippedStore}");
        }
        var universe = s.Text("universe", outline?.Universe ?? AllInstruments);
        if (outline is not null && universe != AllInstruments && universe != outline.Universe)
            s.Problem("universe", outline.Universe is null
                ? $"this store has no universe; expected {AllInstruments}, got '{universe}'"
                : $"expected {outline.Universe} (this store's universe) or {AllInstruments} (every instrument), got '{universe}'");
        s.Finish();
        return (new DataSpec(dir, universe == AllInstruments ? null : universe), outline);
    }

    public static FeaturesSpec Features(Section root, StoreOutline? store)
    {
        var node = root.Take("features");
        var names = FeatureSetCatalog.All.Select(f => f.Name).ToArray();
        switch (node)
        {
            case null:
                root.Problem("features", $"missing; give a feature set ({string.Join(", ", names)}) or a mapping of name: expression");
                return new FeaturesSpec(null, [], []);
            case YScalar { Value: { } name }:
            {
                root.Output["features"] = CanonicalDocument.Str(name.ToLowerInvariant());
                if (!FeatureSetCatalog.TryGet(name, out var set))
                {
                    root.Problem("features", $"'{name}' is not a feature set{Section.Hint(name, names)}; sets: {string.Join(", ", names)}, or a mapping of name: expression");
                    return new FeaturesSpec(null, [], []);
                }
                if (store is null) return new FeaturesSpec(set.Name, set.Required, set.Missing);
                var (available, unavailable) = set.Resolve(store.Engine);
                return new FeaturesSpec(set.Name, available, unavailable);
            }
            case YMap map:
            {
                var features = new List<Feature>();
                var output = new SortedDictionary<string, object>(StringComparer.Ordinal);
                root.Output["features"] = output;
                foreach (var e in map.Entries)
                {
                    var key = $"features.{e.Key}";
                    if (e.Value is not YScalar { Value: { } expression })
                    {
                        root.ProblemAt(e.Value, key, "expected an expression, e.g. Mean($close,5)/$close");
                        continue;
                    }
                    if (CheckExpression(root, e.Value, key, expression, store, ExpressionRole.Feature) is null && store is not null) continue;
                    output[e.Key] = CanonicalDocument.Str(expression);
                    features.Add(new Feature(e.Key, expression));
                }
                if (map.Entries.Count == 0) root.Problem("features", "an empty mapping; give at least one name: expression");
                // Features written out run in name order, the order the canonical document lists them in, so the
                // document alone fixes the columns a model sees.
                return new FeaturesSpec(null, features.OrderBy(f => f.Name, StringComparer.Ordinal).ToList(), []);
            }
            default:
                root.Problem("features", "expected a feature set name or a mapping of name: expression, got a list");
                return new FeaturesSpec(null, [], []);
        }
    }

    /// <summary>Binds an expression on the store's fields; null (with a problem) when it does not parse or bind.</summary>
    private static ExprNode? CheckExpression(Section section, YNode at, string key, string expression, StoreOutline? store, ExpressionRole role)
    {
        if (store is null) return null;
        try
        {
            return store.Engine.Compile(expression, role);
        }
        catch (ExpressionException e)
        {
            section.ProblemAt(at, key, $"'{expression}' does not parse: column {e.Column}: {e.Detail}");
            return null;
        }
    }

    public static LabelSpec Label(Section root, StoreOutline? store)
    {
        var s = root.Sub("label");
        var kind = s.Choice("kind", LabelKinds, LabelSpec.ExpressionKind);
        string? expression = null;
        int horizon = 0, reach;
        var price = LabelPrice.Close;
        if (kind == LabelSpec.ExpressionKind)
        {
            expression = s.Text("expression", DatasetSpec.QlibLabel);
            var node = CheckExpression(s, s.Take("expression") ?? new YScalar(s.Where, expression), "expression", expression, store, ExpressionRole.Label);
            var reads = node?.Lookahead ?? 0;
            if (node is not null && reads < 1)
                s.Problem("expression", $"'{expression}' reads no future day; a label is a forward return such as {DatasetSpec.QlibLabel}");
            reach = s.OptionalInt("reach", 0) ?? reads;
            if (node is not null && reach < reads) s.Problem("reach", $"expected at least {reads}, the days '{expression}' reads ahead, got {reach}");
        }
        else
        {
            foreach (var k in new[] { "expression" }) if (s.Has(k)) s.Problem(k, $"only a label of kind expression has one; kind {kind} is computed from horizon and price");
            horizon = s.Int("horizon", 1, 1);
            price = s.Choice("price", LabelPrices, LabelPrice.Close);
            // Close-to-close reads t + h; open and VWAP returns enter at t + 1, so they read one day further.
            var reads = horizon + (price == LabelPrice.Close ? 0 : 1);
            reach = s.OptionalInt("reach", 0) ?? reads;
            if (reach < reads) s.Problem("reach", $"expected at least {reads}, the days a {horizon}-day {LabelPrices.NameOf(price)} return reads ahead, got {reach}");
        }
        s.Output["reach"] = CanonicalDocument.Int(reach);
        string? weight = null;
        if (s.Scalar("weight") is { } w)
        {
            weight = w;
            s.Output["weight"] = CanonicalDocument.Str(w);
            CheckExpression(s, s.Take("weight")!, "weight", w, store, ExpressionRole.Feature);
        }
        s.Finish();
        return new LabelSpec(kind, expression, horizon, price, reach, weight);
    }

    public static (FeatureProcessing Processing, LabelNorm LabelNorm, int FitEvery) Processors(Section root)
    {
        var s = root.Sub("processors");
        var defaults = new FeatureProcessing();
        var processing = new FeatureProcessing(
            s.Choice("feature_norm", FeatureNorms, defaults.Norm),
            s.Number("clip", defaults.Clip, 0, double.PositiveInfinity, aboveMin: true),
            (float)s.Number("fill", defaults.Fill, double.MinValue, double.MaxValue));
        var labelNorm = s.Choice("label_norm", LabelNorms, LabelNorm.None);
        var fitEvery = s.Int("fit_every", 1, 1, 250);
        s.Check(processing.Validate);
        s.Finish();
        return (processing, labelNorm, fitEvery);
    }

    public static IReadOnlyList<Segment> Segments(Section root, StoreOutline? store, int reach, bool walkForward)
    {
        if (walkForward)
        {
            if (root.Has("segments")) root.Problem("segments", "walk_forward's windows replace the fixed segments; remove one of the two");
            root.Take("segments");
            return [];
        }
        var s = root.Sub("segments");
        var segments = new List<(Segment Segment, YNode Node)>();
        foreach (var name in s.Keys.ToList())
        {
            if (!SegmentNames.Contains(name)) continue;
            var node = s.Take(name)!;
            if (node is not YSeq { Items.Count: 2 } pair)
            {
                s.ProblemAt(node, name, "expected [start, end], two dates YYYY-MM-DD");
                continue;
            }
            DateOnly? start = s.Date(pair.Items[0], name), end = s.Date(pair.Items[1], name);
            if (start is null || end is null) continue;
            s.Output[name] = new List<string> { CanonicalDocument.Date(start.Value), CanonicalDocument.Date(end.Value) };
            if (start > end)
            {
                s.ProblemAt(node, name, $"starts on {start:yyyy-MM-dd}, after its end {end:yyyy-MM-dd}");
                continue;
            }
            segments.Add((new Segment(name, start.Value, end.Value), node));
        }
        foreach (var name in SegmentNames) s.Take(name);
        foreach (var required in new[] { "train", "test" })
            if (!s.Has(required)) s.Problem(required, $"missing; give {required}: [start, end]");
        segments.Sort((a, b) => Array.IndexOf(SegmentNames, a.Segment.Name).CompareTo(Array.IndexOf(SegmentNames, b.Segment.Name)));
        var resolves = segments.Select(x => store is null || Resolve(s, store, [x.Segment], reach, x.Node, x.Segment.Name)).ToArray();
        for (var k = 0; k + 1 < segments.Count; k++)
        {
            var (seg, node) = segments[k];
            var (next, nextNode) = segments[k + 1];
            if (next.Start <= seg.End)
                s.ProblemAt(nextNode, next.Name, $"starts on {next.Start:yyyy-MM-dd}, inside {seg.Name} (to {seg.End:yyyy-MM-dd}); {seg.Name} must end before {next.Name} starts");
            // Too short for the label's reach: the earlier segment is the one that loses its days.
            else if (store is not null && resolves[k] && resolves[k + 1]) Resolve(s, store, [seg, next], reach, node, seg.Name);
        }
        s.Finish();
        return segments.Select(x => x.Segment).ToList();
    }

    /// <summary>The library's own resolution on the store's calendar: empty spans and a gap too small for the label's reach.</summary>
    private static bool Resolve(Section s, StoreOutline store, IReadOnlyList<Segment> segments, int reach, YNode at, string key)
    {
        try
        {
            // Resolve purges the days whose labels would read the next segment and refuses a span left with no day.
            Models.Datasets.Segments.Resolve(store.Calendar, segments, reach);
            return true;
        }
        catch (InputException e)
        {
            var message = e.Message;
            foreach (var prefix in new[] { "segments: ", $"{key}: " })
                if (message.StartsWith(prefix, StringComparison.Ordinal)) message = message[prefix.Length..];
            s.ProblemAt(at, key, message);
            return false;
        }
    }

    public static WalkForwardOptions? WalkForward(Section root)
    {
        if (!root.Has("walk_forward"))
        {
            root.Take("walk_forward");
            return null;
        }
        var s = root.Sub("walk_forward");
        var defaults = new WalkForwardOptions { Start = default, End = default };
        DateOnly? Req(string key)
        {
            var node = s.Take(key);
            if (node is null)
            {
                s.Problem(key, "missing; give a date YYYY-MM-DD");
                return null;
            }
            var d = s.Date(node, key);
            if (d is { } v) s.Output[key] = CanonicalDocument.Date(v);
            return d;
        }
        var start = Req("start");
        var end = Req("end");
        var options = new WalkForwardOptions
        {
            Start = start ?? default,
            End = end ?? default,
            RetrainMonths = s.Int("retrain_months", defaults.RetrainMonths, 1),
            Window = s.Choice("window", Windows, defaults.Window),
            TrainMonths = s.Int("train_months", defaults.TrainMonths, 1),
            ValidMonths = s.Int("valid_months", defaults.ValidMonths, 0),
        };
        if (start is not null && end is not null) s.Check(options.Validate);
        s.Finish();
        return options;
    }
}
