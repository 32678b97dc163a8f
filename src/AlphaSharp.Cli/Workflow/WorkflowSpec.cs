using AlphaSharp.Backtest;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors.Labels;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.WalkForward;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// What every bound workflow has, whatever it runs: its name, store, seeds, the profile and overrides applied, and the
/// canonical resolved document (its hash names the configuration in the run store).
/// </summary>
public abstract record BoundWorkflow(string Name, DataSpec Data, IReadOnlyList<ulong> Seeds, string? Profile, IReadOnlyList<string> Overrides, CanonicalDocument Resolved, string File)
{
    /// <summary>The resolved document as a run records it (the canonical body under its provenance).</summary>
    public string ResolvedText => Resolved.Text(File, Profile, Overrides);

    /// <summary>How many units the run holds and what they are, for <c>run --check</c>.</summary>
    public abstract string UnitsLine { get; }
}

/// <summary>
/// A bound model workflow: every stage's settings in the library's own option records, checked together, plus the
/// canonical resolved document and its hash. A runner builds from it without reading YAML again.
/// </summary>
public sealed record WorkflowSpec(
    string Name,
    DataSpec Data,
    FeaturesSpec Features,
    LabelSpec Label,
    /// <summary>The dataset as <see cref="Dataset.Build"/> takes it: features, label expression and reach, segments, processors.</summary>
    DatasetSpec Dataset,
    /// <summary>Null: one fit on the fixed segments; otherwise the walk-forward study that replaces them.</summary>
    WalkForwardOptions? WalkForward,
    /// <summary>Sorted by name: the order the canonical document lists them in, so a unit's index is stable.</summary>
    IReadOnlyList<ModelSpec> Models,
    IReadOnlyList<ulong> Seeds,
    StrategySpec Strategy,
    BacktestOptions Backtest,
    ReportSpec Report,
    /// <summary>The profile applied (null: the base keys alone) and the overrides, in the order given.</summary>
    string? Profile,
    IReadOnlyList<string> Overrides,
    CanonicalDocument Resolved,
    string File,
    /// <summary>Null: every member is a sample; otherwise the multi-factor picks that are the samples (paper 001's filter).</summary>
    PicksSpec? Picks = null) : BoundWorkflow(Name, Data, Seeds, Profile, Overrides, Resolved, File)
{
    public override string UnitsLine => $"{WorkflowUnits.Of(this).Count} units ({Models.Count} model(s) x {Seeds.Count} seed(s))";
}

/// <summary>
/// A multi-factor model's picks as a workflow's samples: on every day, the top <see cref="Top"/> fraction of members
/// by the composite of <see cref="Options"/> (its screening period as the workflow sets it), read from <see cref="Source"/>.
/// Models learn which picks rise; a <c>threshold</c> strategy holds the picks they call up, beside the picks unfiltered.
/// </summary>
public sealed record PicksSpec(string Source, AlphaSharp.Evaluation.MultiFactor.MultiFactorOptions Options, double Top);

/// <summary>The store to run on: null <see cref="Store"/> is the shipped one; <see cref="Universe"/> its point-in-time members, or null for every instrument.</summary>
public sealed record DataSpec(string? Store, string? Universe);

/// <summary>The features: a feature set's name (null for expressions written out) and the features this store can compute, with those it cannot.</summary>
public sealed record FeaturesSpec(string? Set, IReadOnlyList<Feature> Features, IReadOnlyList<UnavailableFeature> Unavailable);

/// <summary>
/// The label: an expression (<see cref="Kind"/> expression, the default, Qlib's), or a computed one of
/// <c>Factors/Labels</c> (forward: <see cref="ForwardReturns"/>, excess: <see cref="ExcessReturns"/> over the
/// benchmark) over <see cref="Horizon"/> days on <see cref="Price"/>. <see cref="Reach"/> is how many days ahead it reads.
/// </summary>
public sealed record LabelSpec(string Kind, string? Expression, int Horizon, LabelPrice Price, int Reach, string? Weight)
{
    public const string ExpressionKind = "expression";
    public const string ForwardKind = "forward";
    public const string ExcessKind = "excess";
    /// <summary>Paper 003's target: the forward return's residual on industry dummies and the style exposures, date by date.</summary>
    public const string StyleNeutralKind = "style_neutral";
}

/// <summary>
/// Which models get a tear sheet (<c>all</c>, or one model's name), the report's title, the layered test's layer count
/// (0: none) and the spacing of the sampled IC table in trading days (1: every day only).
/// </summary>
public sealed record ReportSpec(string Title, string TearSheet, int Layers = 0, int IcEvery = 1);
