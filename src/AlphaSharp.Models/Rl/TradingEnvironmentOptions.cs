using AlphaSharp.Common;

namespace AlphaSharp.Models.Rl;

/// <summary>The agent's three actions, as paper 002 numbers them.</summary>
public enum TradeAction
{
    Hold = 0,
    Buy = 1,
    Sell = 2,
}

/// <summary>What a step pays the agent.</summary>
public enum RewardKind
{
    /// <summary>Paper 002's utility: the mean of the trailing returns minus <see cref="TradingEnvironmentOptions.RiskAversion"/> times their standard deviation.</summary>
    Utility,
    /// <summary>The day's account return, after costs.</summary>
    Return,
    /// <summary>Moody and Saffell's differential Sharpe ratio: the step's marginal effect on an exponentially weighted Sharpe ratio.</summary>
    DifferentialSharpe,
}

/// <summary>
/// The environment's settings: the observation window (trading days of features, the last one the decision day), the
/// reward, and how much of the cash a buy spends and of the position a sell sells (1: all-in and all-out, the paper's).
/// </summary>
public sealed record TradingEnvironmentOptions
{
    public int Window { get; init; } = 10;
    public RewardKind Reward { get; init; } = RewardKind.Utility;
    /// <summary>The utility's A (paper 002: 0.2).</summary>
    public double RiskAversion { get; init; } = 0.2;
    /// <summary>Trailing steps the utility's mean and standard deviation read (the step's own return included).</summary>
    public int UtilityWindow { get; init; } = 20;
    /// <summary>The differential Sharpe ratio's adaptation rate (eta).</summary>
    public double SharpeRate { get; init; } = 0.01;
    public double BuyFraction { get; init; } = 1;
    public double SellFraction { get; init; } = 1;

    public void Validate()
    {
        if (Window < 1) throw new SettingException($"{new SettingName("window")} {Window}: at least 1 day");
        if (!(RiskAversion >= 0) || double.IsInfinity(RiskAversion)) throw new SettingException($"{new SettingName("risk_aversion")} {RiskAversion}: a finite number of 0 or more");
        if (UtilityWindow < 2) throw new SettingException($"{new SettingName("utility_window")} {UtilityWindow}: at least 2 steps (a standard deviation)");
        if (!(SharpeRate > 0 && SharpeRate < 1)) throw new SettingException($"{new SettingName("sharpe_rate")} {SharpeRate}: must be in (0, 1)");
        if (!(BuyFraction > 0 && BuyFraction <= 1)) throw new SettingException($"{new SettingName("buy_fraction")} {BuyFraction}: must be in (0, 1]");
        if (!(SellFraction > 0 && SellFraction <= 1)) throw new SettingException($"{new SettingName("sell_fraction")} {SellFraction}: must be in (0, 1]");
    }
}
