namespace AlphaSharp.Evaluation.Performance;

/// <summary>
/// The NaN rule every metric follows: a NaN return is a day without an observation and is left out; a paired metric
/// (strategy against benchmark) keeps only the days where both are present. Sums are two-pass in double.
/// </summary>
internal static class SeriesMath
{
    public static double[] Valid(ReadOnlySpan<double> x)
    {
        var n = 0;
        foreach (var v in x) if (!double.IsNaN(v)) n++;
        var result = new double[n];
        var k = 0;
        foreach (var v in x) if (!double.IsNaN(v)) result[k++] = v;
        return result;
    }

    public static (double[] A, double[] B) ValidPairs(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"paired series differ in length: {a.Length} and {b.Length}");
        var n = 0;
        for (var i = 0; i < a.Length; i++) if (!double.IsNaN(a[i]) && !double.IsNaN(b[i])) n++;
        var ra = new double[n];
        var rb = new double[n];
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) || double.IsNaN(b[i])) continue;
            ra[k] = a[i];
            rb[k] = b[i];
            k++;
        }
        return (ra, rb);
    }

    /// <summary>Mean of an already NaN-free span; NaN when empty.</summary>
    public static double Mean(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return double.NaN;
        var s = 0.0;
        foreach (var v in x) s += v;
        return s / x.Length;
    }

    /// <summary>Standard deviation with <paramref name="ddof"/> degrees of freedom removed; NaN when n &lt;= ddof.</summary>
    public static double Std(ReadOnlySpan<double> x, int ddof)
    {
        if (x.Length <= ddof) return double.NaN;
        var m = Mean(x);
        var s = 0.0;
        foreach (var v in x) s += (v - m) * (v - m);
        return Math.Sqrt(s / (x.Length - ddof));
    }

    /// <summary>
    /// Count, mean and standard deviation (ddof) of x - shift over the non-NaN values, two-pass, without allocating;
    /// mean NaN when empty, std NaN when n &lt;= ddof.
    /// </summary>
    public static (int N, double Mean, double Std) MeanStdValid(ReadOnlySpan<double> x, double shift, int ddof)
    {
        var n = 0;
        var s = 0.0;
        foreach (var v in x)
        {
            if (double.IsNaN(v)) continue;
            s += v - shift;
            n++;
        }
        if (n == 0) return (0, double.NaN, double.NaN);
        var m = s / n;
        if (n <= ddof) return (n, m, double.NaN);
        var ss = 0.0;
        foreach (var v in x)
        {
            if (double.IsNaN(v)) continue;
            var d = v - shift - m;
            ss += d * d;
        }
        return (n, m, Math.Sqrt(ss / (n - ddof)));
    }

    /// <summary>a / b, with an undefined ratio (zero or NaN denominator) reported as NaN rather than infinity.</summary>
    public static double Ratio(double a, double b) => b == 0 || double.IsNaN(b) || double.IsNaN(a) ? double.NaN : a / b;
}
