using System.Runtime.CompilerServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Qlib's Slope, Rsquare and Resi: an OLS line of the window's valid values on their day positions. Positions are taken
/// relative to today (0, -1, ..., -(n-1)), which changes nothing in the fit but keeps the sums small; the sums are
/// shifted one position per step (Qlib's Cython update) and rebuilt once per window. Resi is today's value minus the
/// line at today (NaN when today is NaN). Rsquare is NaN where the window's standard deviation is within 2e-5 of zero,
/// as in Qlib.
/// </summary>
public static class RollingRegression
{
    private enum Output { Slope, Rsquare, Resi }

    public static void Slope(ReadOnlySpan<float> x, Span<float> y, int n) => Run(x, y, n, Output.Slope);
    public static void Rsquare(ReadOnlySpan<float> x, Span<float> y, int n) => Run(x, y, n, Output.Rsquare);
    public static void Resi(ReadOnlySpan<float> x, Span<float> y, int n) => Run(x, y, n, Output.Resi);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(ReadOnlySpan<float> x, Span<float> y, int n, Output output)
    {
        var T = x.Length;
        n = Window.Length(n, T);
        var rebuild = Window.RebuildPeriod(n);
        var untilRebuild = rebuild; // a countdown: a modulo per day would cost more than the update itself
        double anchor = 0, c = 0, sp = 0, spp = 0, sy = 0, syy = 0, spy = 0;
        var anchored = false;
        for (var t = 0; t < T; t++)
        {
            // Every position moves one day further into the past.
            spp += -2 * sp + c;
            sp -= c;
            spy -= sy;
            if (t >= n && !float.IsNaN(x[t - n]))
            {
                double p = -n, v = x[t - n] - anchor;
                c--; sp -= p; spp -= p * p; sy -= v; syy -= v * v; spy -= p * v;
            }
            if (!float.IsNaN(x[t]))
            {
                if (!anchored) { anchor = x[t]; anchored = true; }
                var v = x[t] - anchor;
                c++; sy += v; syy += v * v; // position 0 adds nothing to the position sums
            }
            if (--untilRebuild == 0)
            {
                untilRebuild = rebuild;
                var lo = Math.Max(0, t - n + 1);
                double sum = 0; var k = 0;
                for (var j = lo; j <= t; j++) if (!float.IsNaN(x[j])) { sum += x[j]; k++; }
                if (k > 0) { anchor = sum / k; anchored = true; }
                c = sp = spp = sy = syy = spy = 0;
                for (var j = lo; j <= t; j++)
                {
                    if (float.IsNaN(x[j])) continue;
                    double p = j - t, v = x[j] - anchor;
                    c++; sp += p; spp += p * p; sy += v; syy += v * v; spy += p * v;
                }
            }
            y[t] = (float)Evaluate(output, x[t] - anchor, c, sp, spp, sy, syy, spy);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Evaluate(Output output, double today, double c, double sp, double spp, double sy, double syy, double spy)
    {
        var sxx = c * spp - sp * sp;
        var sxy = c * spy - sp * sy;
        switch (output)
        {
            case Output.Slope:
                return sxy / sxx;
            case Output.Rsquare:
            {
                var syyc = c * syy - sy * sy;
                var std = c < 2 ? double.NaN : Math.Sqrt(Math.Max(0, syyc) / (c * (c - 1)));
                if (Math.Abs(std) <= 2e-5) return double.NaN;
                var r = sxy / Math.Sqrt(sxx * syyc);
                return r * r;
            }
            default:
            {
                var slope = sxy / sxx;
                var intercept = sy / c - slope * sp / c;
                return today - intercept; // the line's value at position 0 (today) is its intercept
            }
        }
    }
}
