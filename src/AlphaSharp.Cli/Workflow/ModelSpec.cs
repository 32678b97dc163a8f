using AlphaSharp.Models.Datasets;
using AlphaSharp.Models;
using AlphaSharp.Models.Classical;
using AlphaSharp.Models.Classical.Svm;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// One model of a workflow: its name (the key under <c>models</c>), its kind, the feature columns it reads (a subset
/// of the workflow's features, in their order) and its settings in the library's records. <see cref="Create"/> builds
/// a fresh, unfitted model for one seed.
/// </summary>
public abstract record ModelSpec(string Name, string Kind, IReadOnlyList<string> Columns)
{
    /// <summary>The classical kinds; every other model is a network of <see cref="NetCatalog"/>.</summary>
    public static readonly string[] ClassicalKinds = ["linear", "lightgbm", "svm"];

    /// <summary>Every kind a workflow may name.</summary>
    public static IReadOnlyList<string> Kinds => [.. ClassicalKinds, .. NetCatalog.Names];

    public abstract IModel Create(ulong seed);

    /// <summary>The model's own seeds (<c>models.NAME.seeds</c>), fitted in place of the workflow's; null: the workflow's.</summary>
    public IReadOnlyList<ulong>? Seeds { get; init; }

    /// <summary>
    /// The model's own fitting target (<c>models.NAME.label_norm</c>), in place of the workflow's: a regression on the
    /// raw return beside classifiers of up/down in one workflow; null: the workflow's.
    /// </summary>
    public LabelNorm? OwnLabelNorm { get; init; }

    /// <summary>
    /// The model's grid (<c>models.NAME.grid</c>): each point the model with some of its keys set otherwise, fitted on
    /// train and scored on valid; the best point predicts the test. Null: the model as written, fitted once.
    /// </summary>
    public ModelGrid? Grid { get; init; }

    /// <summary>What a grid chooses its point by on valid: a network's own stop metric; the mean daily IC for the other models.</summary>
    public virtual StopMetric GridMetric => StopMetric.Ic;

    /// <summary>The fitting target this model trains on: its own or else the workflow's.</summary>
    public LabelNorm FittingNorm(LabelNorm workflows) => OwnLabelNorm ?? workflows;

    /// <summary>
    /// The score above which the model calls a stock up: 0.5 for a probability (a classifier network, or any network
    /// fitted on 0/1 up/down labels), 0 for a signed score (a regression's return estimate, an SVM's decision value).
    /// </summary>
    public virtual double UpThreshold(LabelNorm fittingNorm) => 0;

    /// <summary>Whether the score estimates the raw label itself, so MAE, RMSE and MAPE against it mean something.</summary>
    public virtual bool EstimatesReturns(LabelNorm fittingNorm) => fittingNorm == LabelNorm.None;
}

/// <summary>A network: its shape (<see cref="NetConfig.Features"/> = the columns, <see cref="NetConfig.Window"/> days) and how it trains.</summary>
public sealed record NetModelSpec(string Name, IReadOnlyList<string> Columns, NetConfig Net, TrainerOptions Trainer) : ModelSpec(Name, Net.Kind, Columns)
{
    public override IModel Create(ulong seed) => new NeuralModel(Net, Trainer with { Seed = seed });

    public override double UpThreshold(LabelNorm fittingNorm) => Net.Classifier || fittingNorm == LabelNorm.UpDown ? 0.5 : 0;

    public override bool EstimatesReturns(LabelNorm fittingNorm) => !Net.Classifier && fittingNorm == LabelNorm.None;

    public override StopMetric GridMetric => Trainer.Metric;
}

/// <summary>LightGBM; the seed goes to LightGBM's own.</summary>
public sealed record LightGbmModelSpec(string Name, IReadOnlyList<string> Columns, LightGbmParameters Parameters) : ModelSpec(Name, "lightgbm", Columns)
{
    public override IModel Create(ulong seed) => new GradientBoostedModel(Parameters with { Seed = (int)seed });
}

/// <summary>OLS (alpha 0) or ridge; it has no randomness, so every seed gives the same fit.</summary>
public sealed record LinearModelSpec(string Name, IReadOnlyList<string> Columns, double Alpha) : ModelSpec(Name, "linear", Columns)
{
    public override IModel Create(ulong seed) => new LinearModel(Alpha);
}

/// <summary>An SVM: epsilon-SVR on the label, or C-SVC on its up/down classes when <see cref="Classify"/>.</summary>
public sealed record SvmModelSpec(string Name, IReadOnlyList<string> Columns, SvmOptions Options, bool Classify) : ModelSpec(Name, "svm", Columns)
{
    public override IModel Create(ulong seed) => new SvmScoreModel(Options, Classify);

    public override double UpThreshold(LabelNorm fittingNorm) => !Classify && fittingNorm == LabelNorm.UpDown ? 0.5 : 0;

    public override bool EstimatesReturns(LabelNorm fittingNorm) => !Classify && fittingNorm == LabelNorm.None;
}

/// <summary>A model's grid: the keys it varies with their values as written, and every combination bound (the last key varying fastest).</summary>
public sealed record ModelGrid(IReadOnlyList<(string Key, IReadOnlyList<string> Values)> Keys, IReadOnlyList<GridPoint> Points);

/// <summary>One combination: its label (<c>key=value, ...</c>, as the trials file writes it) and the model it binds to.</summary>
public sealed record GridPoint(string Label, ModelSpec Model);
