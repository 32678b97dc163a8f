using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Factors.Labels;

/// <summary>
/// Forward return minus the benchmark's forward return over the same days: close to close for
/// <see cref="LabelPrice.Close"/>; open to open for <see cref="LabelPrice.Open"/> and also for
/// <see cref="LabelPrice.Vwap"/> (an index has no traded amount, so its open stands in for its average price).
/// NaN where either is missing.
/// </summary>
public static class ExcessReturns
{
    public static float[] Compute(MarketData data, int horizon, LabelPrice price = LabelPrice.Close)
    {
        var bench = data.Benchmark ?? throw new InputException("excess-return label: the data has no benchmark series");
        var stock = ForwardReturns.Compute(data.Panel, horizon, price);
        var benchmark = BenchmarkForward(bench, horizon, price);
        int T = data.Panel.T, N = data.Panel.N;
        for (var i = 0; i < N; i++)
            for (var t = 0; t < T; t++)
                stock[i * T + t] = (float)(stock[i * T + t] - benchmark[t]);
        return stock;
    }

    /// <summary>The benchmark's forward return by decision day (NaN past the end or where the index has no value).</summary>
    public static double[] BenchmarkForward(BenchmarkSeries bench, int horizon, LabelPrice price = LabelPrice.Close)
    {
        var series = price == LabelPrice.Close ? bench.Close : bench.Open;
        var shift = price == LabelPrice.Close ? 0 : 1;
        var T = series.Length;
        var result = new double[T];
        for (var t = 0; t < T; t++)
        {
            var a = t + shift;
            var b = a + horizon;
            result[t] = b < T && series[a] > 0 ? (double)series[b] / series[a] - 1 : double.NaN;
        }
        return result;
    }
}
