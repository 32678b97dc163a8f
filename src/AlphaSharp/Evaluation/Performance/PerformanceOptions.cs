using AlphaSharp.Common;

namespace AlphaSharp.Evaluation.Performance;

/// <summary>Settings shared by the strategy metrics.</summary>
/// <param name="PeriodsPerYear">Annualisation factor: trading days per year (252 for daily China A-share data).</param>
/// <param name="RiskFree">Daily risk-free rate subtracted in Sharpe and used as Sortino's target (0 unless set).</param>
/// <param name="RollingWindow">Window, in trading days, of the rolling Sharpe and beta (126 = half a year).</param>
public sealed record PerformanceOptions(int PeriodsPerYear = 252, double RiskFree = 0.0, int RollingWindow = 126)
{
    public static PerformanceOptions Default { get; } = new();

    /// <summary>Throws a one-line <see cref="InputException"/> for a setting no metric can use.</summary>
    public void Validate()
    {
        if (PeriodsPerYear < 1)
            throw new InputException($"performance options: periods per year must be at least 1, got {PeriodsPerYear}");
        if (!double.IsFinite(RiskFree) || RiskFree <= -1)
            throw new InputException($"performance options: the daily risk-free rate must be a finite rate above -100 %, got {RiskFree}");
        if (RollingWindow < 2)
            throw new InputException($"performance options: the rolling window must be at least 2 trading days, got {RollingWindow}");
    }
}
