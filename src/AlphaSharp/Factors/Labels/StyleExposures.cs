using AlphaSharp.Data;
using AlphaSharp.Factors.Operators;

namespace AlphaSharp.Factors.Labels;

/// <summary>One named style exposure panel (instrument-major, NaN = missing).</summary>
public sealed record StyleExposure(string Name, float[] Values);

/// <summary>
/// Barra-style (CNE5-like) exposures from what is known at t: size = log float market value; beta and residual
/// volatility from an OLS of the stock's daily adjusted return on the benchmark's over a trailing window; momentum =
/// sum of log returns over the trailing year less the last month; liquidity = log mean turnover over a month;
/// non-linear size = size cubed, orthogonalised to size per date; book-to-price = 1/pb (pb &gt; 0) and earnings yield =
/// 1/pe_ttm (negative for loss-makers) where the ratios exist. Exposures whose input field is absent are left out.
/// Raw values here; <see cref="Standardize"/> makes them regression-ready.
/// </summary>
public static class StyleExposures
{
    public static IReadOnlyList<StyleExposure> Compute(MarketData data, StyleOptions? options = null)
    {
        options ??= new StyleOptions();
        options.Validate();
        var panel = data.Panel;
        int T = panel.T, N = panel.N;
        var members = data.Universe?.MaskFor(panel);
        var list = new List<StyleExposure>();
        float[]? size = null;
        if (panel.HasField("float_mv"))
        {
            size = Map(panel.Field("float_mv"), v => v > 0 ? Math.Log(v) : double.NaN);
            list.Add(new("size", size));
        }
        var returns = DailyReturns(panel);
        if (data.Benchmark is { } bench)
        {
            var (beta, resvol) = BetaAndResidualVol(returns, BenchmarkReturns(bench.Close), T, N, options);
            list.Add(new("beta", beta));
            list.Add(new("residual_volatility", resvol));
        }
        list.Add(new("momentum", Momentum(returns, T, N, options)));
        if (panel.HasField("turnover")) list.Add(new("liquidity", Liquidity(panel.Field("turnover"), T, N, options)));
        if (size is not null)
        {
            var cube = Map(size, v => v * v * v);
            list.Add(new("nonlinear_size", CrossSection.Neutralize(cube, [size], null, members, T)));
        }
        if (panel.HasField("pb")) list.Add(new("book_to_price", Map(panel.Field("pb"), v => v > 0 ? 1 / v : double.NaN)));
        if (panel.HasField("pe_ttm")) list.Add(new("earnings_yield", Map(panel.Field("pe_ttm"), v => v != 0 ? 1 / v : double.NaN)));
        return list;
    }

    /// <summary>
    /// Z-scores each exposure per date over the members, then applies the missing rule of
    /// <see cref="StyleOptions.MinCoverage"/>: covered dates fill gaps with 0, thinly covered dates set the exposure to 0
    /// for everyone (a constant, which the regression drops). Non-members stay NaN.
    /// </summary>
    public static IReadOnlyList<StyleExposure> Standardize(IReadOnlyList<StyleExposure> raw, bool[]? members, int T, double minCoverage)
    {
        var result = new List<StyleExposure>(raw.Count);
        foreach (var e in raw)
        {
            var z = CrossSection.ZScore(e.Values, members, T);
            var N = z.Length / T;
            Parallel.For(0, T, t =>
            {
                int count = 0, valid = 0;
                for (var i = 0; i < N; i++)
                {
                    var at = i * T + t;
                    if (members is not null && !members[at]) continue;
                    count++;
                    if (!float.IsNaN(z[at])) valid++;
                }
                var use = count > 0 && valid >= minCoverage * count;
                for (var i = 0; i < N; i++)
                {
                    var at = i * T + t;
                    if (members is not null && !members[at]) continue;
                    if (!use) z[at] = 0;
                    else if (float.IsNaN(z[at])) z[at] = 0;
                }
            });
            result.Add(new StyleExposure(e.Name, z));
        }
        return result;
    }

    /// <summary>Daily adjusted close-to-close returns, NaN where today or the previous day did not trade.</summary>
    internal static double[] DailyReturns(Panel panel)
    {
        var prices = ForwardReturns.TradablePrices(panel, LabelPrice.Close);
        int T = panel.T, N = panel.N;
        var r = new double[T * N];
        for (var i = 0; i < N; i++)
        {
            r[i * T] = double.NaN;
            for (var t = 1; t < T; t++) r[i * T + t] = prices[i * T + t] / prices[i * T + t - 1] - 1;
        }
        return r;
    }

    private static double[] BenchmarkReturns(float[] close)
    {
        var r = new double[close.Length];
        r[0] = double.NaN;
        for (var t = 1; t < close.Length; t++) r[t] = close[t - 1] > 0 ? (double)close[t] / close[t - 1] - 1 : double.NaN;
        return r;
    }

    private static (float[] Beta, float[] ResidualVol) BetaAndResidualVol(double[] r, double[] m, int T, int N, StyleOptions o)
    {
        var beta = new float[T * N];
        var resvol = new float[T * N];
        Array.Fill(beta, float.NaN);
        Array.Fill(resvol, float.NaN);
        var W = o.BetaWindow;
        Parallel.For(0, N, i =>
        {
            var row = i * T;
            // Direct sums over the window (not running sums): exact to double rounding, O(T x W) but cheap.
            for (var t = W - 1; t < T; t++)
            {
                int n = 0;
                double sx = 0, sy = 0;
                for (var s = t - W + 1; s <= t; s++)
                {
                    double y = r[row + s], x = m[s];
                    if (double.IsNaN(x) || double.IsNaN(y)) continue;
                    n++; sx += x; sy += y;
                }
                if (n < o.BetaMinObservations) continue;
                double mx = sx / n, my = sy / n, sxx = 0, sxy = 0, syy = 0;
                for (var s = t - W + 1; s <= t; s++)
                {
                    double y = r[row + s], x = m[s];
                    if (double.IsNaN(x) || double.IsNaN(y)) continue;
                    sxx += (x - mx) * (x - mx); sxy += (x - mx) * (y - my); syy += (y - my) * (y - my);
                }
                if (sxx <= 0) continue;
                var b = sxy / sxx;
                beta[row + t] = (float)b;
                resvol[row + t] = (float)Math.Sqrt(Math.Max(0, syy - b * sxy) / (n - 2));
            }
        });
        return (beta, resvol);
    }

    private static float[] Momentum(double[] r, int T, int N, StyleOptions o)
    {
        var result = new float[T * N];
        Array.Fill(result, float.NaN);
        Parallel.For(0, N, i =>
        {
            var row = i * T;
            for (var t = o.MomentumWindow - 1; t < T; t++)
            {
                int n = 0;
                double sum = 0;
                for (var s = t - o.MomentumWindow + 1; s <= t - o.MomentumSkip; s++)
                {
                    var v = r[row + s];
                    if (double.IsNaN(v)) continue;
                    n++;
                    sum += Math.Log(1 + v);
                }
                if (n >= o.MomentumMinObservations) result[row + t] = (float)sum;
            }
        });
        return result;
    }

    private static float[] Liquidity(float[] turnover, int T, int N, StyleOptions o)
    {
        var result = new float[T * N];
        Array.Fill(result, float.NaN);
        Parallel.For(0, N, i =>
        {
            var row = i * T;
            for (var t = o.LiquidityWindow - 1; t < T; t++)
            {
                int n = 0;
                double sum = 0;
                for (var s = t - o.LiquidityWindow + 1; s <= t; s++)
                {
                    var v = turnover[row + s];
                    if (float.IsNaN(v)) continue;
                    n++;
                    sum += v;
                }
                if (n >= o.LiquidityMinObservations && sum > 0) result[row + t] = (float)Math.Log(sum / n);
            }
        });
        return result;
    }

    private static float[] Map(float[] x, Func<double, double> f)
    {
        var y = new float[x.Length];
        for (var k = 0; k < x.Length; k++) y[k] = float.IsNaN(x[k]) ? float.NaN : (float)f(x[k]);
        return y;
    }
}
