namespace AlphaSharp.Factors.Labels;

/// <summary>Windows and the missing-exposure rule of the style model (defaults follow CNE5's spirit on daily data).</summary>
public sealed record StyleOptions
{
    /// <summary>Trailing trading days for beta and residual volatility against the benchmark.</summary>
    public int BetaWindow { get; init; } = 252;
    /// <summary>Fewest days with both returns for a beta.</summary>
    public int BetaMinObservations { get; init; } = 60;
    /// <summary>Momentum sums log returns from t - MomentumWindow + 1 to t - MomentumSkip (the last month is left out).</summary>
    public int MomentumWindow { get; init; } = 252;
    public int MomentumSkip { get; init; } = 21;
    public int MomentumMinObservations { get; init; } = 120;
    /// <summary>Liquidity = log of the mean turnover over this many trading days.</summary>
    public int LiquidityWindow { get; init; } = 21;
    public int LiquidityMinObservations { get; init; } = 10;
    /// <summary>
    /// An exposure enters a date's regression only if at least this share of that date's members have it; then members
    /// without it get 0, the cross-sectional mean of a standardised exposure. Below it, the exposure sits out that date.
    /// </summary>
    public double MinCoverage { get; init; } = 0.8;
    /// <summary>Use industry dummies from the (2023 snapshot) industry map: a mild look-ahead on earlier dates.</summary>
    public bool Industries { get; init; } = true;

    public void Validate()
    {
        if (BetaWindow < 2 || BetaMinObservations < 3 || BetaMinObservations > BetaWindow)
            throw new ArgumentException($"style beta window {BetaWindow} / min observations {BetaMinObservations}: need 3 <= min <= window");
        if (MomentumSkip < 0 || MomentumWindow <= MomentumSkip || MomentumMinObservations < 1 || MomentumMinObservations > MomentumWindow - MomentumSkip)
            throw new ArgumentException($"style momentum window {MomentumWindow}, skip {MomentumSkip}, min {MomentumMinObservations}: need 0 <= skip < window and 1 <= min <= window - skip");
        if (LiquidityWindow < 1 || LiquidityMinObservations < 1 || LiquidityMinObservations > LiquidityWindow)
            throw new ArgumentException($"style liquidity window {LiquidityWindow} / min {LiquidityMinObservations}: need 1 <= min <= window");
        if (!(MinCoverage >= 0 && MinCoverage <= 1))
            throw new ArgumentException($"style min coverage {MinCoverage}: must lie in [0, 1]");
    }
}
