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
    public static void Ema(ReadOnlySpan<float> x, Span<float> y, double alpha)
    {
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), $"EMA alpha {alpha} is outside (0, 1]");
        var decay = 1 - alpha;
        double avg = double.NaN, oldWeight = 1;
        for (var t = 0; t < x.Length; t++)
        {
            var v = x[t];
            var valid = !float.IsNaN(v);
            if (!double.IsNaN(avg))
            {
                oldWeight *= decay;
                if (valid)
                {
                    if (avg != v) avg = (oldWeight * avg + v) / (oldWeight + 1);
                    oldWeight += 1;
                }
            }
            else if (valid)
            {
                avg = v;
                oldWeight = 1;
            }
            y[t] = (float)avg;
        }
    }

    /// <summary>EMA with Qlib's span convention: alpha = 2 / (span + 1).</summary>
    public static double AlphaOfSpan(double span) => 2.0 / (span + 1.0);

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
