using AlphaSharp.Factors.Operators;

namespace AlphaSharp.Tests.Factors.Operators;

/// <summary>
/// Running sums over long series (3,000 days, a price level near 10,000 with small daily moves, holes) agree with a
/// two-pass computation of each window from scratch: the periodic rebuilds keep rounding from accumulating.
/// </summary>
public class LongSeriesTests
{
    private const int T = 3000;

    private static float[] Series(int seed, double level, double step)
    {
        var rng = new Random(seed);
        var x = new float[T];
        var v = level;
        for (var t = 0; t < T; t++)
        {
            v += step * (rng.NextDouble() - 0.5);
            x[t] = rng.NextDouble() < 0.03 ? float.NaN : (float)v;
        }
        return x;
    }

    private static IEnumerable<double> Window(float[] x, int t, int n) =>
        Enumerable.Range(Math.Max(0, t - n + 1), Math.Min(n, t + 1)).Select(j => (double)x[j]).Where(v => !double.IsNaN(v));

    [Theory]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(300)]
    [InlineData(0)]
    public void MeanStdSkewMatchTwoPass(int n)
    {
        var x = Series(1, 10_000, 2);
        float[] mean = new float[T], std = new float[T], skew = new float[T];
        RollingMoments.Mean(x, mean, n);
        RollingMoments.Std(x, std, n);
        RollingMoments.Skew(x, skew, n);
        var w = n == 0 ? T : n;
        for (var t = 0; t < T; t += 7)
        {
            var v = Window(x, t, w).ToArray();
            var m = v.Average();
            var m2 = v.Sum(u => (u - m) * (u - m));
            var m3 = v.Sum(u => (u - m) * (u - m) * (u - m));
            Assert.Equal(m, mean[t], m * 1e-7);
            if (v.Length < 2) continue;
            var sd = Math.Sqrt(m2 / (v.Length - 1));
            Assert.Equal(sd, std[t], sd * 1e-5 + 1e-6);
            if (v.Length < 3) continue;
            double k = v.Length, b = m2 / k;
            var g = Math.Sqrt(k * (k - 1)) / (k - 2) * (m3 / k) / Math.Pow(b, 1.5);
            Assert.Equal(g, skew[t], 1e-4);
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(60)]
    public void CorrAndSlopeMatchTwoPass(int n)
    {
        var a = Series(2, 10_000, 3);
        var b = Series(3, 50, 0.5);
        float[] corr = new float[T], slope = new float[T];
        RollingPair.Corr(a, b, corr, n);
        RollingRegression.Slope(a, slope, n);
        for (var t = 1; t < T; t += 5)
        {
            var pairs = Enumerable.Range(Math.Max(0, t - n + 1), Math.Min(n, t + 1))
                .Where(j => !float.IsNaN(a[j]) && !float.IsNaN(b[j])).Select(j => ((double)a[j], (double)b[j])).ToArray();
            if (pairs.Length >= 3)
            {
                double ma = pairs.Average(p => p.Item1), mb = pairs.Average(p => p.Item2);
                var cov = pairs.Sum(p => (p.Item1 - ma) * (p.Item2 - mb));
                var r = cov / Math.Sqrt(pairs.Sum(p => (p.Item1 - ma) * (p.Item1 - ma)) * pairs.Sum(p => (p.Item2 - mb) * (p.Item2 - mb)));
                Assert.Equal(r, corr[t], 2e-5);
            }
            var pts = Enumerable.Range(Math.Max(0, t - n + 1), Math.Min(n, t + 1)).Where(j => !float.IsNaN(a[j])).Select(j => ((double)j, (double)a[j])).ToArray();
            if (pts.Length < 2) continue;
            double mx = pts.Average(p => p.Item1), my = pts.Average(p => p.Item2);
            var s = pts.Sum(p => (p.Item1 - mx) * (p.Item2 - my)) / pts.Sum(p => (p.Item1 - mx) * (p.Item1 - mx));
            Assert.Equal(s, slope[t], Math.Abs(s) * 1e-4 + 1e-4);
        }
    }
}
