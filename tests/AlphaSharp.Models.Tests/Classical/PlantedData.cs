namespace AlphaSharp.Models.Tests.Classical;

/// <summary>
/// A seeded synthetic matrix with a known signal: x ~ N(0, 1) row-major (rows x features), truth = sin(x0) + s * x1 * x2,
/// y = truth + noise * N(0, 1). s = -1 gives a set from another distribution (the interaction flipped).
/// </summary>
internal sealed record PlantedData(float[] X, float[] Y, float[] Truth, int Rows, int Features)
{
    public static PlantedData Make(int rows, int features, int seed, double interaction = 1, double noise = 0.1)
    {
        var rng = new Random(seed);
        var x = new float[rows * features];
        for (var k = 0; k < x.Length; k++) x[k] = (float)Gaussian(rng);
        var y = new float[rows];
        var truth = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var r = i * features;
            truth[i] = (float)(Math.Sin(x[r]) + interaction * x[r + 1] * x[r + 2]);
            y[i] = (float)(truth[i] + noise * Gaussian(rng));
        }
        return new PlantedData(x, y, truth, rows, features);
    }

    public static double Gaussian(Random rng)
    {
        var u = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}

/// <summary>Reference statistics computed here in double, independent of LightGBM.</summary>
internal static class Stats
{
    public static double Mse(float[] a, float[] b) => Enumerable.Range(0, a.Length).Average(i => ((double)a[i] - b[i]) * ((double)a[i] - b[i]));

    public static double Variance(float[] a)
    {
        var mean = a.Average(v => (double)v);
        return a.Average(v => (v - mean) * (v - mean));
    }

    public static double Pearson(float[] a, float[] b)
    {
        double ma = a.Average(v => (double)v), mb = b.Average(v => (double)v), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>Pearson of the ranks, ties given their average rank.</summary>
    public static double Spearman(float[] a, float[] b) => Pearson(Ranks(a), Ranks(b));

    private static float[] Ranks(float[] v)
    {
        var order = Enumerable.Range(0, v.Length).OrderBy(i => v[i]).ToArray();
        var ranks = new float[v.Length];
        for (var s = 0; s < order.Length;)
        {
            var e = s;
            while (e + 1 < order.Length && v[order[e + 1]] == v[order[s]]) e++;
            for (var k = s; k <= e; k++) ranks[order[k]] = (s + e) / 2f;
            s = e + 1;
        }
        return ranks;
    }
}
