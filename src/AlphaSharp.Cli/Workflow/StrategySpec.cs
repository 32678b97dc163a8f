using AlphaSharp.Backtest;
using AlphaSharp.Backtest.Strategies;

namespace AlphaSharp.Cli.Workflow;

/// <summary>
/// A strategy's settings; <see cref="Create"/> makes a fresh instance (strategies keep state across days, so each
/// backtest needs its own). The binder creates one once, so the constructors' own checks have run.
/// </summary>
public abstract record StrategySpec(string Kind)
{
    public abstract IStrategy Create();
}

/// <summary>Qlib's TopK-Dropout (topk, n_drop, hold_thresh).</summary>
public sealed record TopkDropoutSpec(int TopK, int NDrop, int HoldThreshold) : StrategySpec("topk_dropout")
{
    public override IStrategy Create() => new TopkDropoutStrategy(TopK, NDrop, HoldThreshold);
}

/// <summary>The top N scores at 1/N each.</summary>
public sealed record TopNSpec(int N) : StrategySpec("topn")
{
    public override IStrategy Create() => new TopNStrategy(N);
}

/// <summary>Enhanced index on float-cap weights tilted by score.</summary>
public sealed record EnhancedIndexSpec(double Tilt, double TurnoverCap, bool SizeNeutral) : StrategySpec("enhanced")
{
    public override IStrategy Create() => new EnhancedIndexStrategy(Tilt, TurnoverCap, SizeNeutral);
}

/// <summary>Per-stock buy / sell / hold signals from score thresholds.</summary>
public sealed record SignalSpec(double CapitalShare, double BuyAbove, double SellBelow) : StrategySpec("signals")
{
    public override IStrategy Create() => new SignalStrategy(CapitalShare, BuyAbove, SellBelow);
}

/// <summary>Every eligible stock scored at or above a threshold, at equal weight (paper 001's filtered picks).</summary>
public sealed record ThresholdSpec(double Above) : StrategySpec("threshold")
{
    public override IStrategy Create() => new ThresholdStrategy(Above);
}
