namespace AlphaSharp.Evaluation.Factor;

/// <summary>Correlations of paired, NaN-free samples, in double (two-pass means).</summary>
public static class Correlation
{
    /// <summary>Pearson's r = cov(x, y) / (std x std y); NaN below 2 pairs or when either side is constant.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        if (n != y.Length) throw new ArgumentException($"correlation of {n} and {y.Length} values");
        if (n < 2) return double.NaN;
        double mx = 0, my = 0;
        for (var k = 0; k < n; k++) { mx += x[k]; my += y[k]; }
        mx /= n;
        my /= n;
        double sxx = 0, syy = 0, sxy = 0;
        for (var k = 0; k < n; k++)
        {
            double dx = x[k] - mx, dy = y[k] - my;
            sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    /// <summary>Spearman's rho: Pearson's r of the average ranks (ties share the mean of their positions, as scipy).</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Pearson(AverageRanks(x), AverageRanks(y));

    /// <summary>1-based ranks, ties averaged (scipy.stats.rankdata 'average').</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var order = new int[n];
        for (var k = 0; k < n; k++) order[k] = k;
        var keys = x.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[n];
        for (var a = 0; a < n;)
        {
            var b = a;
            while (b + 1 < n && keys[b + 1] == keys[a]) b++;
            var rank = (a + b) / 2.0 + 1;
            for (var k = a; k <= b; k++) ranks[order[k]] = rank;
            a = b + 1;
        }
        return ranks;
    }
}
