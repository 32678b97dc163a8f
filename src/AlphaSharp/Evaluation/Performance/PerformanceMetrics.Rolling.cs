using AlphaSharp.Common;

namespace AlphaSharp.Evaluation.Performance;

public static partial class PerformanceMetrics
{
    /// <summary>
    /// Rolling Sharpe: value t = <see cref="Sharpe"/> of rows t-w+1..t; NaN for the first w-1 rows (not enough
    /// history) and for a window with fewer than 2 valid days. Uses only rows up to t.
    /// </summary>
    public static double[] RollingSharpe(ReadOnlySpan<double> returns, int window, double riskFree = 0.0, int periodsPerYear = 252)
    {
        CheckWindow(window);
        var result = new double[returns.Length];
        for (var t = 0; t < returns.Length; t++)
            result[t] = t + 1 < window ? double.NaN : Sharpe(returns.Slice(t + 1 - window, window), riskFree, periodsPerYear);
        return result;
    }

    /// <summary>Rolling beta: value t = OLS beta (<see cref="AlphaBeta"/>) on rows t-w+1..t; NaN for the first w-1 rows.</summary>
    public static double[] RollingBeta(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark, int window)
    {
        CheckWindow(window);
        var result = new double[returns.Length];
        for (var t = 0; t < returns.Length; t++)
            result[t] = t + 1 < window ? double.NaN : Beta(returns.Slice(t + 1 - window, window), benchmark.Slice(t + 1 - window, window));
        return result;
    }

    private static void CheckWindow(int window)
    {
        if (window < 2)
            throw new InputException($"rolling window must be at least 2 trading days, got {window}");
    }
}
