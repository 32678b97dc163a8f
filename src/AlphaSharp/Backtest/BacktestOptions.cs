using AlphaSharp.Common;
using AlphaSharp.Backtest.Rules;

namespace AlphaSharp.Backtest;

/// <summary>
/// Everything about a run except the strategy. Defaults are China's (see docs/backtest.md).
/// No look-ahead: a decision on day t sees scores and market data up to t and its orders fill on day
/// t + <see cref="Lag"/> at that day's <see cref="Price"/>. Lag 0 is allowed only with the close (decide and trade on
/// the same close, the optimistic convention); lag 0 at the open or VWAP would trade on a price set before the score
/// was known, so it is refused.
/// </summary>
public sealed record BacktestOptions
{
    public double InitialCash { get; init; } = 100_000_000;
    public ExecutionPrice Price { get; init; } = ExecutionPrice.Open;
    public int Lag { get; init; } = 1;
    /// <summary>The share of portfolio value a strategy invests (Qlib's risk_degree): cash kept back for costs and lot rounding.</summary>
    public double RiskDegree { get; init; } = 0.95;
    public ExchangeRules Rules { get; init; } = ExchangeRules.China;
    public CostModel Costs { get; init; } = CostModel.China;
    public RebalanceSchedule Rebalance { get; init; } = RebalanceSchedule.Daily;
    public CandidateFilter Filter { get; init; } = CandidateFilter.Default;
    /// <summary>First decision day (default: the first day with a score).</summary>
    public DateOnly? Start { get; init; }
    /// <summary>Last day simulated (default: the last day with a score plus the lag, within the calendar).</summary>
    public DateOnly? End { get; init; }
    /// <summary>Record every day's positions (positions.csv); off for speed runs.</summary>
    public bool RecordPositions { get; init; } = true;

    /// <summary>The names of <see cref="Price"/> a front end accepts.</summary>
    public static SettingChoices<ExecutionPrice> PriceChoices { get; } = new(("open", ExecutionPrice.Open), ("close", ExecutionPrice.Close), ("vwap", ExecutionPrice.Vwap));

    public static BacktestOptions Generic { get; } = new()
    {
        Rules = ExchangeRules.Generic,
        Costs = CostModel.Generic,
    };

    public void Validate()
    {
        if (!(InitialCash > 0) || double.IsInfinity(InitialCash)) throw new SettingException($"{new SettingName("initial_cash")} {InitialCash}: must be a positive amount");
        if (Lag < 0) throw new SettingException($"{new SettingName("lag")} {Lag}: the lag must be 0 or more trading days");
        if (Lag == 0 && Price != ExecutionPrice.Close)
            throw new SettingException($"{new SettingName("lag")} 0 with {new SettingName("price")} {PriceChoices.NameOf(Price)}: a score known at the close cannot trade at that day's {PriceChoices.NameOf(Price)} (look-ahead); use {new SettingName("price")} close or a lag of 1 or more");
        if (!(RiskDegree > 0 && RiskDegree <= 1)) throw new SettingException($"{new SettingName("risk_degree")} {RiskDegree}: must be in (0, 1]");
        if (Start is { } s && End is { } e && e < s) throw new SettingException($"{new SettingName("end")} {e:yyyy-MM-dd} is before {new SettingName("start")} {s:yyyy-MM-dd}");
        Rules.Validate();
        Costs.Validate();
        Rebalance.Validate();
        Filter.Validate();
    }
}
