using AlphaSharp.Evaluation.Factor;

namespace AlphaSharp.Evaluation.MultiFactor;

/// <summary>One factor at one horizon of the screening: monthly-sampled IC statistics and coverage.</summary>
public sealed record ScreeningCell(string Factor, int Horizon, IcSummary Ic, IcSummary RankIc, double Coverage, bool Passes);

/// <summary>A factor that entered the composite: its sign (+1 or -1, from the sign of its mean IC) and weight.</summary>
public sealed record SelectedFactor(string Name, int Direction, double Weight);

public sealed record MultiFactorResult(
    IReadOnlyList<ScreeningCell> Screening,
    bool NonePassed,
    IReadOnlyList<SelectedFactor> Selected,
    float[] Composite,
    int[] RebalanceDates,
    LayerResult Quintiles,
    IcSummary CompositeIc,
    IcSummary CompositeRankIc,
    double CompositeCoverage,
    double[,] CorrelationBefore,
    double[,] CorrelationAfter);
