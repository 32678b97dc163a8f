using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors;
using AlphaSharp.Factors.Expressions;
using AlphaSharp.Factors.FeatureSets;

namespace AlphaSharp.Models.Datasets;

/// <summary>
/// What a dataset is made of: features (a feature set's or expressions), a label expression and how many days ahead
/// it reads (<c>label_reach</c>: 2 for Qlib's <c>Ref($close,-2)/Ref($close,-1)-1</c>), the per-date label norm applied
/// to the fitting segments, the feature processing, and the segments. <c>Weight</c>, where given, is an expression
/// known at t (a feature, never the label) whose value weights each fitting sample's loss, such as
/// <c>Log($close*$volume)</c> to weight by turnover; every fitting sample's weight must be a finite number of 0 or more.
/// </summary>
public sealed record DatasetSpec(
    IReadOnlyList<Feature> Features,
    string Label,
    int LabelReach,
    IReadOnlyList<Segment> Segments,
    LabelNorm LabelNorm = LabelNorm.None,
    FeatureProcessing? Processing = null,
    string? Weight = null,
    int FitEvery = 1)
{
    /// <summary>
    /// <see cref="FitEvery"/>: fitting samples (train and valid) come from every n-th trading day of their span, from its
    /// first; prediction and evaluation read every day. With an n-day label, neighbouring days' labels overlap, so a
    /// step near n loses little information and divides the fitting cost by n.
    /// </summary>
    public void Validate()
    {
        if (FitEvery < 1) throw new SettingException($"{new SettingName("fit_every")}: {FitEvery} is not a step of 1 trading day or more");
    }

    /// <summary>Qlib's benchmark label: the return from t + 1's close to t + 2's close.</summary>
    public const string QlibLabel = "Ref($close,-2)/Ref($close,-1)-1";
}

/// <summary>
/// One feature cube, one label panel and the segments of a study, built once and shared by every model and every
/// walk-forward window (each refits its own normaliser on its own training span). Samples are universe members only
/// (and of those, only the cells a sample mask keeps, where one is given).
/// </summary>
public sealed class Dataset
{
    private Dataset(DatasetSpec spec, MarketData data, FeatureCube cube, float[] label, float[] fittingLabel, float[]? weight, bool[]? members,
        IReadOnlyList<SegmentSpan> spans)
    {
        Weight = weight;
        Spec = spec;
        Data = data;
        Cube = cube;
        Label = label;
        FittingLabel = fittingLabel;
        Members = members;
        Spans = spans;
    }

    public DatasetSpec Spec { get; }
    public MarketData Data { get; }
    public FeatureCube Cube { get; }
    /// <summary>The label as computed (instrument-major): what IC and backtests are measured against.</summary>
    public float[] Label { get; }
    /// <summary>The label models fit: <see cref="Label"/> after the spec's per-date norm.</summary>
    public float[] FittingLabel { get; }
    public bool[]? Members { get; }
    /// <summary>The sample-weight panel (instrument-major), or null when every sample weighs 1.</summary>
    public float[]? Weight { get; }
    public IReadOnlyList<SegmentSpan> Spans { get; }

    /// <param name="label">
    /// A label panel computed elsewhere (instrument-major), such as the excess or style-neutralised returns of
    /// <c>Factors/Labels</c>; null computes <see cref="DatasetSpec.Label"/>. Its reach is still the spec's.
    /// </param>
    /// <param name="weight">A sample-weight panel computed elsewhere (instrument-major); null computes the spec's <c>Weight</c> if it has one.</param>
    /// <param name="samples">
    /// Which (instrument, day) cells are samples at all, within the universe (instrument-major): a strategy's picks
    /// that a model learns to filter (paper 001). Null: every member.
    /// </param>
    public static Dataset Build(MarketData data, DatasetSpec spec, Action<int, int>? progress = null, float[]? label = null, float[]? weight = null, bool[]? samples = null)
    {
        if (spec.Features.Count == 0) throw new InputException("features: none given");
        spec.Validate();
        var spans = Segments.Resolve(data.Calendar, spec.Segments, spec.LabelReach);
        var engine = new FactorEngine(data);
        if (label is not null && label.Length != data.Panel.N * data.Panel.T)
            throw new ArgumentException($"dataset: the label panel has {label.Length} cells, expected {data.Panel.N} x {data.Panel.T}");
        label ??= engine.Evaluate(spec.Label, ExpressionRole.Label);
        if (weight is not null && weight.Length != data.Panel.N * data.Panel.T)
            throw new ArgumentException($"dataset: the weight panel has {weight.Length} cells, expected {data.Panel.N} x {data.Panel.T}");
        if (weight is null && spec.Weight is { } expression) weight = engine.Evaluate(expression, ExpressionRole.Feature);
        var members = engine.Mask;
        if (samples is not null)
        {
            if (samples.Length != data.Panel.N * data.Panel.T)
                throw new ArgumentException($"dataset: the sample mask has {samples.Length} cells, expected {data.Panel.N} x {data.Panel.T}");
            members = members is null ? samples : members.Select((m, k) => m && samples[k]).ToArray();
        }
        var cube = FeatureCube.Build(engine, spec.Features, progress);
        var fitting = LabelNorms.Apply(spec.LabelNorm, label, members, data.Calendar.Count);
        return new Dataset(spec, data, cube, label, fitting, weight, members, spans);
    }

    public SegmentSpan Span(string name) =>
        Spans.FirstOrDefault(s => s.Name == name) ?? throw new InputException($"segments: no segment named '{name}' (have: {string.Join(", ", Spans.Select(s => s.Name))})");

    /// <summary>The samples of a span: members with a label when <paramref name="labelled"/>, every member otherwise.</summary>
    /// <param name="dayStep">Only every dayStep-th trading day of the span, from its first (<see cref="DatasetSpec.FitEvery"/>).</param>
    public SampleIndex Samples(SegmentSpan span, bool labelled, int dayStep = 1) =>
        SampleIndex.Build(span, Cube.N, Cube.T, Members, labelled ? FittingLabel : null, dayStep);

    /// <summary>The feature processing fitted on <paramref name="span"/>'s samples.</summary>
    public FeatureNormalizer FitNormalizer(SegmentSpan span) =>
        FeatureNormalizer.Fit(Cube, Samples(span, labelled: false), Spec.Processing ?? new FeatureProcessing());

    /// <summary>
    /// A span as a model sees it: labelled samples with the fitting label (for fit and validation), or every member
    /// with the raw label attached where it exists (for prediction and evaluation).
    /// </summary>
    public ModelData ModelData(SegmentSpan span, ModelInput input, FeatureNormalizer normalizer, bool forFitting)
    {
        var sampler = new WindowSampler(Cube, normalizer, input.Shape, input.Window, input.Step);
        var samples = Samples(span, labelled: forFitting, forFitting ? Spec.FitEvery : 1);
        var data = Models.ModelData.WithLabels(sampler, samples, forFitting ? FittingLabel : Label, forFitting ? Weight : null, Label);
        if (data.Weights is { } w) CheckWeights(span, samples, w);
        return data;
    }

    private void CheckWeights(SegmentSpan span, SampleIndex samples, float[] weights)
    {
        for (var k = 0; k < weights.Length; k++)
            if (!(float.IsFinite(weights[k]) && weights[k] >= 0))
                throw new InputException($"weight: {(Spec.Weight is null ? "the weight panel" : $"'{Spec.Weight}'")} is {weights[k]} for " +
                    $"{Cube.Symbols[samples.Instruments[k]]} on {Cube.Calendar[samples.Days[k]]:yyyy-MM-dd} in segment {span.Name}; every fitting sample needs a finite weight of 0 or more");
    }
}
