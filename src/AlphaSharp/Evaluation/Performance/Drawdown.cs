namespace AlphaSharp.Evaluation.Performance;

/// <summary>
/// The maximum drawdown of a return series and where it sits. Indices are rows of the input; -1 as the peak means
/// the starting capital, before the first row. <see cref="Duration"/> counts rows from the peak to the recovery (the
/// first row whose wealth is back at the peak), or to the last row when the series never recovers.
/// </summary>
public sealed record Drawdown(double MaxDrawdown, int PeakIndex, int TroughIndex, int RecoveryIndex, int Duration)
{
    public bool Recovered => RecoveryIndex >= 0;
}

public static partial class PerformanceMetrics
{
    /// <summary>
    /// Underwater curve: dd_t = W_t / max(1, max_{s&lt;=t} W_s) - 1, W_t = prod_{s&lt;=t}(1 + r_s) compounded wealth
    /// from a starting capital of 1 (a NaN day keeps the wealth). Values are &lt;= 0.
    /// </summary>
    public static double[] Underwater(ReadOnlySpan<double> returns)
    {
        var result = new double[returns.Length];
        double w = 1, peak = 1;
        for (var i = 0; i < returns.Length; i++)
        {
            if (!double.IsNaN(returns[i])) w *= 1 + returns[i];
            if (w > peak) peak = w;
            result[i] = w / peak - 1;
        }
        return result;
    }

    /// <summary>maximum drawdown = min_t dd_t on compounded wealth (a negative fraction; 0 when wealth never falls).</summary>
    public static double MaxDrawdown(ReadOnlySpan<double> returns) => MaxDrawdownInfo(returns).MaxDrawdown;

    /// <summary>
    /// The maximum drawdown with its peak (the last row at or before the trough where wealth stood at its running
    /// maximum), trough (the first row of the deepest point) and recovery (the first later row with wealth &gt;= the
    /// peak's). Duration = recovery - peak rows, or last row - peak when not recovered; 0 without a drawdown.
    /// </summary>
    public static Drawdown MaxDrawdownInfo(ReadOnlySpan<double> returns)
    {
        var n = returns.Length;
        if (n == 0) return new Drawdown(double.NaN, -1, -1, -1, 0);
        var wealth = new double[n];
        double w = 1, peak = 1, worst = 0;
        int peakIndex = -1, worstPeak = -1, trough = -1;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsNaN(returns[i])) w *= 1 + returns[i];
            wealth[i] = w;
            if (w >= peak)
            {
                peak = w;
                peakIndex = i;
            }
            var dd = w / peak - 1;
            if (dd < worst)
            {
                worst = dd;
                trough = i;
                worstPeak = peakIndex;
            }
        }
        if (trough < 0) return new Drawdown(0, -1, -1, -1, 0);
        var peakWealth = worstPeak < 0 ? 1.0 : wealth[worstPeak];
        var recovery = -1;
        for (var i = trough + 1; i < n; i++)
        {
            if (wealth[i] >= peakWealth)
            {
                recovery = i;
                break;
            }
        }
        var duration = (recovery >= 0 ? recovery : n - 1) - worstPeak;
        return new Drawdown(worst, worstPeak, trough, recovery, duration);
    }
}
