namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Cross-sectional operators, one date at a time over the instruments that are universe members that day (all of them
/// when no mask is given) and have a valid value; everything else is NaN in the output. Panels are instrument-major
/// (<c>x[i * T + t]</c>); dates run in parallel and each date's result depends only on that date's values.
/// </summary>
public static class CrossSection
{
    /// <summary>Percentile rank in (0, 1], ties averaged (pandas <c>rank(pct=True)</c>).</summary>
    public static float[] Rank(float[] x, bool[]? mask, int T) => PerDate(x, mask, T, (v, o) =>
    {
        var order = new int[v.Length];
        for (var k = 0; k < order.Length; k++) order[k] = k;
        Array.Sort(v.ToArray(), order);
        for (var a = 0; a < order.Length;)
        {
            var b = a;
            while (b + 1 < order.Length && v[order[b + 1]] == v[order[a]]) b++;
            var rank = (a + b + 2) / 2.0 / order.Length;
            for (var k = a; k <= b; k++) o[order[k]] = rank;
            a = b + 1;
        }
    });

    /// <summary>(x - mean) / std with the sample std (ddof 1); NaN below two values or for a flat cross-section.</summary>
    public static float[] ZScore(float[] x, bool[]? mask, int T) => PerDate(x, mask, T, (v, o) =>
    {
        var (mean, std) = MeanStd(v);
        for (var k = 0; k < v.Length; k++) o[k] = std > 0 ? (v[k] - mean) / std : double.NaN;
    });

    /// <summary>x - mean.</summary>
    public static float[] Demean(float[] x, bool[]? mask, int T) => PerDate(x, mask, T, (v, o) =>
    {
        var mean = v.Average();
        for (var k = 0; k < v.Length; k++) o[k] = v[k] - mean;
    });

    /// <summary>x a / sum |x| (WorldQuant's scale): the absolute values sum to a.</summary>
    public static float[] Scale(float[] x, bool[]? mask, int T, double a = 1) => PerDate(x, mask, T, (v, o) =>
    {
        var sum = v.Sum(Math.Abs);
        for (var k = 0; k < v.Length; k++) o[k] = sum > 0 ? v[k] * a / sum : double.NaN;
    });

    /// <summary>
    /// Clips x to median +- k x 1.4826 x MAD, MAD = median |x - median| (1.4826 makes it the standard deviation for
    /// normal data, as in Qlib's robust z-score).
    /// </summary>
    public static float[] WinsorizeMad(float[] x, bool[]? mask, int T, double k) => PerDate(x, mask, T, (v, o) =>
    {
        var sorted = v.Order().ToArray();
        var median = Quantile(sorted, 0.5);
        var mad = Quantile(v.Select(u => Math.Abs(u - median)).Order().ToArray(), 0.5);
        double lo = median - k * 1.4826 * mad, hi = median + k * 1.4826 * mad;
        for (var j = 0; j < v.Length; j++) o[j] = Math.Clamp(v[j], lo, hi);
    });

    /// <summary>Clips x to its lower and upper quantiles (linear interpolation, as pandas).</summary>
    public static float[] WinsorizeQuantile(float[] x, bool[]? mask, int T, double lower, double upper)
    {
        if (!(lower >= 0 && lower <= upper && upper <= 1))
            throw new ArgumentOutOfRangeException(nameof(lower), $"winsorize quantiles {lower}, {upper} must satisfy 0 <= lower <= upper <= 1");
        return PerDate(x, mask, T, (v, o) =>
        {
            var sorted = v.Order().ToArray();
            double lo = Quantile(sorted, lower), hi = Quantile(sorted, upper);
            for (var j = 0; j < v.Length; j++) o[j] = Math.Clamp(v[j], lo, hi);
        });
    }

    /// <summary>
    /// The OLS residual of y on an intercept (or, with <paramref name="groups"/>, one dummy per group: industry) and the
    /// numeric <paramref name="exposures"/>, per date, over members where y and every exposure are valid (and the
    /// group is known, code &gt;= 0). Dummies are projected out by demeaning within groups (Frisch-Waugh), numeric
    /// exposures by Gram-Schmidt; collinear exposures are dropped. NaN where there are no more rows than parameters.
    /// </summary>
    public static float[] Neutralize(float[] y, IReadOnlyList<float[]> exposures, int[]? groups, bool[]? mask, int T)
    {
        var N = y.Length / T;
        if (groups is not null && groups.Length != N) throw new ArgumentException($"groups: {groups.Length} codes for {N} instruments");
        foreach (var e in exposures)
            if (e.Length != y.Length) throw new ArgumentException("exposure panel differs in size from the neutralized panel");
        var output = new float[y.Length];
        Array.Fill(output, float.NaN);
        Parallel.For(0, T, t =>
        {
            var rows = new List<int>(N);
            for (var i = 0; i < N; i++)
            {
                var at = i * T + t;
                if (mask is not null && !mask[at]) continue;
                if (float.IsNaN(y[at]) || (groups is not null && groups[i] < 0)) continue;
                var ok = true;
                foreach (var e in exposures) if (float.IsNaN(e[at])) { ok = false; break; }
                if (ok) rows.Add(i);
            }
            var m = rows.Count;
            if (m == 0) return;
            var r = new double[m];
            for (var k = 0; k < m; k++) r[k] = y[rows[k] * T + t];
            var g = new int[m];
            for (var k = 0; k < m; k++) g[k] = groups is null ? 0 : groups[rows[k]];
            var parameters = GroupDemean(r, g);
            var basis = new List<double[]>();
            foreach (var e in exposures)
            {
                var col = new double[m];
                for (var k = 0; k < m; k++) col[k] = e[rows[k] * T + t];
                GroupDemean(col, g);
                var norm0 = Norm(col);
                foreach (var q in basis) Project(col, q);
                foreach (var q in basis) Project(col, q); // second pass restores orthogonality lost to rounding
                var norm = Norm(col);
                if (norm <= 1e-9 * Math.Max(norm0, 1e-300) || norm == 0) continue;
                for (var k = 0; k < m; k++) col[k] /= norm;
                basis.Add(col);
            }
            parameters += basis.Count;
            if (m <= parameters) return;
            foreach (var q in basis) Project(r, q);
            foreach (var q in basis) Project(r, q);
            for (var k = 0; k < m; k++) output[rows[k] * T + t] = (float)r[k];
        });
        return output;
    }

    /// <summary>pandas' linear-interpolation quantile of sorted values.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0) return double.NaN;
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (pos - lo);
    }

    /// <summary>Runs <paramref name="work"/> on each date's valid member values (double) and scatters its output back.</summary>
    private static float[] PerDate(float[] x, bool[]? mask, int T, Action<double[], double[]> work)
    {
        if (x.Length % T != 0) throw new ArgumentException($"panel of {x.Length} values does not split into series of {T}");
        if (mask is not null && mask.Length != x.Length) throw new ArgumentException($"mask has {mask.Length} cells, panel {x.Length}");
        var N = x.Length / T;
        var output = new float[x.Length];
        Array.Fill(output, float.NaN);
        Parallel.For(0, T, t =>
        {
            var idx = new List<int>(N);
            for (var i = 0; i < N; i++)
            {
                var at = i * T + t;
                if ((mask is null || mask[at]) && !float.IsNaN(x[at])) idx.Add(at);
            }
            if (idx.Count == 0) return;
            var v = new double[idx.Count];
            for (var k = 0; k < v.Length; k++) v[k] = x[idx[k]];
            var o = new double[v.Length];
            work(v, o);
            for (var k = 0; k < v.Length; k++) output[idx[k]] = (float)o[k];
        });
        return output;
    }

    private static (double Mean, double Std) MeanStd(double[] v)
    {
        if (v.Length < 2) return (double.NaN, double.NaN);
        var mean = v.Average();
        double ss = 0;
        foreach (var u in v) ss += (u - mean) * (u - mean);
        return (mean, Math.Sqrt(ss / (v.Length - 1)));
    }

    /// <summary>Subtracts each group's mean in place; returns the number of groups (parameters spent).</summary>
    private static int GroupDemean(double[] v, int[] g)
    {
        var sums = new Dictionary<int, (double Sum, int Count)>();
        for (var k = 0; k < v.Length; k++)
        {
            sums.TryGetValue(g[k], out var s);
            sums[g[k]] = (s.Sum + v[k], s.Count + 1);
        }
        for (var k = 0; k < v.Length; k++) { var s = sums[g[k]]; v[k] -= s.Sum / s.Count; }
        return sums.Count;
    }

    private static double Norm(double[] v) { double s = 0; foreach (var u in v) s += u * u; return Math.Sqrt(s); }

    private static void Project(double[] v, double[] unit)
    {
        double dot = 0;
        for (var k = 0; k < v.Length; k++) dot += v[k] * unit[k];
        for (var k = 0; k < v.Length; k++) v[k] -= dot * unit[k];
    }
}
