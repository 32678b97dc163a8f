using System.Runtime.CompilerServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Cross-sectional operators, one date at a time over the instruments that are universe members that day (all of them
/// when no mask is given) and have a valid value; everything else is NaN in the output. Panels are instrument-major
/// (<c>x[i * T + t]</c>); dates run in parallel and each date's result depends only on that date's values.
/// </summary>
public static class CrossSection
{
    /// <summary>Percentile rank in (0, 1], ties averaged (pandas <c>rank(pct=True)</c>).</summary>
    /// <remarks>
    /// Dates run in blocks (a block's slice of every instrument's series stays in cache). Each date's valid members are
    /// sorted as one 64-bit key per value, the float's order-preserving bits above the instrument index, by a radix sort
    /// on those 32 value bits (four byte-wide counting passes, O(N)), and equal values (-0 and +0 included) sit next to
    /// each other.
    /// </remarks>
    public static float[] Rank(float[] x, bool[]? mask, int T)
    {
        var N = Check(x, mask, T);
        var output = GC.AllocateUninitializedArray<float>(x.Length);
        ForDateBlocks(T, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (t0, t1) =>
        {
            for (var i = 0; i < N; i++) output.AsSpan(i * T + t0, t1 - t0).Fill(float.NaN);
            var keys = new ulong[N];
            var scratch = new ulong[N];
            var counts = new int[4 * 256];
            for (var t = t0; t < t1; t++)
            {
                var m = 0;
                for (var i = 0; i < N; i++)
                {
                    var at = i * T + t;
                    var v = x[at];
                    if ((mask is null || mask[at]) && !float.IsNaN(v)) keys[m++] = (ulong)SortableBits(v) << 32 | (uint)i;
                }
                var sorted = RadixSortHigh(keys.AsSpan(0, m), scratch.AsSpan(0, m), counts);
                for (var a = 0; a < m;)
                {
                    var b = a;
                    var high = sorted[a] >> 32;
                    while (b + 1 < m && sorted[b + 1] >> 32 == high) b++;
                    var rank = (float)((a + b + 2) / 2.0 / m);
                    for (var k = a; k <= b; k++) output[(int)(uint)sorted[k] * T + t] = rank;
                    a = b + 1;
                }
            }
        });
        return output;
    }

    /// <summary>(x - mean) / std with the sample std (ddof 1); NaN below two values or for a flat cross-section.</summary>
    /// <remarks>Streams the panel in its own order (instrument-major) with per-date running sums: mean, then squared deviations, then the output.</remarks>
    public static float[] ZScore(float[] x, bool[]? mask, int T)
    {
        var N = Check(x, mask, T);
        var output = GC.AllocateUninitializedArray<float>(x.Length);
        ForDateBlocks(T, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (t0, t1) =>
        {
            var width = t1 - t0;
            var sum = new double[width];
            var count = new int[width];
            for (var i = 0; i < N; i++)
                for (int t = t0, at = i * T + t0; t < t1; t++, at++)
                    if ((mask is null || mask[at]) && !float.IsNaN(x[at])) { sum[t - t0] += x[at]; count[t - t0]++; }
            var mean = new double[width];
            for (var k = 0; k < width; k++) mean[k] = sum[k] / count[k];
            var squares = new double[width];
            for (var i = 0; i < N; i++)
                for (int t = t0, at = i * T + t0; t < t1; t++, at++)
                    if ((mask is null || mask[at]) && !float.IsNaN(x[at])) { var d = x[at] - mean[t - t0]; squares[t - t0] += d * d; }
            var std = new double[width];
            for (var k = 0; k < width; k++) std[k] = count[k] < 2 ? double.NaN : Math.Sqrt(squares[k] / (count[k] - 1));
            for (var i = 0; i < N; i++)
                for (int t = t0, at = i * T + t0; t < t1; t++, at++)
                {
                    var s = std[t - t0];
                    output[at] = (mask is null || mask[at]) && !float.IsNaN(x[at]) && s > 0 ? (float)((x[at] - mean[t - t0]) / s) : float.NaN;
                }
        });
        return output;
    }

    /// <summary>
    /// Sorts <paramref name="keys"/> by their upper 32 bits (stable LSD radix sort, a byte per pass; a pass whose byte is
    /// the same in every key is skipped). Returns the span holding the sorted keys: <paramref name="keys"/> or
    /// <paramref name="scratch"/>. <paramref name="counts"/> is 4 x 256 counters, overwritten.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Span<ulong> RadixSortHigh(Span<ulong> keys, Span<ulong> scratch, int[] counts)
    {
        Array.Clear(counts);
        foreach (var k in keys)
        {
            counts[(int)(k >> 32) & 0xFF]++;
            counts[256 + ((int)(k >> 40) & 0xFF)]++;
            counts[512 + ((int)(k >> 48) & 0xFF)]++;
            counts[768 + (int)(k >> 56)]++;
        }
        Span<ulong> from = keys, to = scratch;
        for (var pass = 0; pass < 4; pass++)
        {
            var c = counts.AsSpan(pass * 256, 256);
            var shift = 32 + 8 * pass;
            if (from.Length == 0 || c[(int)(from[0] >> shift) & 0xFF] == from.Length) continue;
            var offset = 0;
            for (var b = 0; b < 256; b++) { var n = c[b]; c[b] = offset; offset += n; }
            foreach (var k in from) to[c[(int)(k >> shift) & 0xFF]++] = k;
            var swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    /// <summary>The float's bits as an unsigned integer with the float order (-0 read as +0; no NaN).</summary>
    private static uint SortableBits(float v)
    {
        var bits = BitConverter.SingleToUInt32Bits(v + 0f);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    /// <summary>Validates the shapes; returns the number of instruments.</summary>
    private static int Check(float[] x, bool[]? mask, int T)
    {
        if (x.Length % T != 0) throw new ArgumentException($"panel of {x.Length} values does not split into series of {T}");
        if (mask is not null && mask.Length != x.Length) throw new ArgumentException($"mask has {mask.Length} cells, panel {x.Length}");
        return x.Length / T;
    }

    /// <summary>Runs <paramref name="work"/>(from, to) over consecutive blocks of dates, in parallel; dates are independent.</summary>
    private static void ForDateBlocks(int T, Action<int, int> work)
    {
        const int block = 64;
        var blocks = (T + block - 1) / block;
        Parallel.For(0, blocks, b => work(b * block, Math.Min(T, (b + 1) * block)));
    }

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
