using System.Runtime.CompilerServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Exponential and linear-decay moving averages.
/// EMA is pandas' <c>ewm(alpha, adjust=True, ignore_na=False, min_periods=1).mean()</c>, which Qlib uses with
/// alpha = 2 / (span + 1): y_t = sum_k w_k x_{t-k} / sum_k w_k over valid x with w_k = (1 - alpha)^k counted in calendar
/// positions (a NaN still ages the older weights); a NaN day repeats the last average.
/// WMA (and AlphaNet's ts_decaylinear) weights the window's days n, n-1, ..., 1 from today backwards and divides by
/// the weights of the valid days. Qlib's WMA divides the weighted sum by the count once more (numpy's nanmean of w * x);
/// that is not a weighted mean, so we do not copy it.
/// </summary>
public static class Smoothing
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Ema(ReadOnlySpan<float> x, Span<float> y, double alpha)
    {
        CheckAlpha(alpha);
        var decay = 1 - alpha;
        double avg = double.NaN, oldWeight = 1;
        for (var t = 0; t < x.Length; t++) y[t] = EmaStep(ref avg, ref oldWeight, x[t], decay);
    }

    /// <summary>
    /// <see cref="Ema"/> over every series of a panel (instrument-major, series of length <paramref name="T"/>), with the
    /// same arithmetic per series: four series advance together in one loop, so four independent dependency chains
    /// fill the pipeline where one series alone waits on each day's result. Groups of four run in parallel.
    /// </summary>
    public static void EmaPanel(float[] x, float[] y, int T, double alpha)
    {
        CheckAlpha(alpha);
        if (x.Length != y.Length || T <= 0 || x.Length % T != 0) throw new ArgumentException($"panel of {x.Length} values does not split into series of {T} (output {y.Length})");
        var decay = 1 - alpha;
        var N = x.Length / T;
        Parallel.For(0, (N + 3) / 4, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (g) =>
        {
            var i = 4 * g;
            if (i + 4 > N)
            {
                for (; i < N; i++) Ema(x.AsSpan(i * T, T), y.AsSpan(i * T, T), alpha);
                return;
            }
            int o0 = i * T, o1 = o0 + T, o2 = o1 + T, o3 = o2 + T;
            double a0 = double.NaN, a1 = double.NaN, a2 = double.NaN, a3 = double.NaN, w0 = 1, w1 = 1, w2 = 1, w3 = 1;
            for (var t = 0; t < T; t++)
            {
                y[o0 + t] = EmaStep(ref a0, ref w0, x[o0 + t], decay);
                y[o1 + t] = EmaStep(ref a1, ref w1, x[o1 + t], decay);
                y[o2 + t] = EmaStep(ref a2, ref w2, x[o2 + t], decay);
                y[o3 + t] = EmaStep(ref a3, ref w3, x[o3 + t], decay);
            }
        });
    }

    private static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), $"EMA alpha {alpha} is outside (0, 1]");
    }

    /// <summary>One day of the EMA: updates the average and the weight of the older days; returns the day's output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float EmaStep(ref double avg, ref double oldWeight, float v, double decay)
    {
        var valid = !float.IsNaN(v);
        if (!double.IsNaN(avg))
        {
            oldWeight *= decay;
            if (valid)
            {
                // (oldWeight avg + v) / (oldWeight + 1) with the division off the average's dependency chain: the
                // reciprocal depends only on the weights, so successive days overlap in the pipeline.
                var r = 1 / (oldWeight + 1);
                if (avg != v) avg = oldWeight * r * avg + r * v;
                oldWeight += 1;
            }
        }
        else if (valid)
        {
            avg = v;
            oldWeight = 1;
        }
        return (float)avg;
    }

    /// <summary>EMA with Qlib's span convention: alpha = 2 / (span + 1).</summary>
    public static double AlphaOfSpan(double span) => 2.0 / (span + 1.0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Wma(ReadOnlySpan<float> x, Span<float> y, int n)
    {
        var T = x.Length;
        n = Window.Length(n, T);
        var rebuild = Window.RebuildPeriod(n);
        var untilRebuild = rebuild; // a countdown: a modulo per day would cost more than the update itself
        // s = sum of valid values, ws = sum of weight * value, c = valid count, wsum = sum of weights of valid days.
        double s = 0, ws = 0, c = 0, wsum = 0;
        for (var t = 0; t < T; t++)
        {
            // Every day in the window loses one unit of weight; the day leaving had weight 1 and drops to 0.
            ws -= s; wsum -= c;
            if (t >= n && !float.IsNaN(x[t - n])) { s -= x[t - n]; c--; }
            if (!float.IsNaN(x[t])) { s += x[t]; ws += (double)n * x[t]; c++; wsum += n; }
            if (--untilRebuild == 0)
            {
                untilRebuild = rebuild;
                s = ws = c = wsum = 0;
                for (var j = Math.Max(0, t - n + 1); j <= t; j++)
                {
                    if (float.IsNaN(x[j])) continue;
                    double w = n - (t - j);
                    s += x[j]; ws += w * x[j]; c++; wsum += w;
                }
            }
            y[t] = c == 0 ? float.NaN : (float)(ws / wsum);
        }
    }
}
