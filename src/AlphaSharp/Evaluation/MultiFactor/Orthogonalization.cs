namespace AlphaSharp.Evaluation.MultiFactor;

/// <summary>How a cross-section's factor columns are decorrelated before they are combined.</summary>
public enum OrthogonalizationKind { None, Schmidt, Symmetric }

/// <summary>
/// Orthogonalisation of K factor columns over m stocks (one cross-section), on centred columns:
/// Schmidt (Gram-Schmidt, ordered): column k minus its projections on the already orthogonalised columns 1..k-1, so the
/// first factor is kept as it is and later ones keep only what is new; symmetric (Löwdin): F M^(-1/2), M = F'F, the
/// orthonormal set closest to F in the least-squares sense, treating every factor alike. Paper 001 names Schmidt's.
/// </summary>
public static class Orthogonalization
{
    public static double[][] Apply(double[][] columns, OrthogonalizationKind kind) => kind switch
    {
        OrthogonalizationKind.Schmidt => Schmidt(columns),
        OrthogonalizationKind.Symmetric => Symmetric(columns),
        _ => columns.Select(Centre).ToArray(),
    };

    public static double[][] Schmidt(double[][] columns)
    {
        var centred = columns.Select(Centre).ToArray();
        var result = new double[centred.Length][];
        for (var k = 0; k < centred.Length; k++)
        {
            var v = (double[])centred[k].Clone();
            for (var j = 0; j < k; j++)
            {
                var q = result[j];
                var qq = Dot(q, q);
                if (qq <= 0) continue;
                var c = Dot(q, centred[k]) / qq;
                for (var i = 0; i < v.Length; i++) v[i] -= c * q[i];
            }
            result[k] = v;
        }
        return result;
    }

    /// <summary>F (F'F)^(-1/2) via the eigen-decomposition of F'F; throws when the columns are linearly dependent.</summary>
    public static double[][] Symmetric(double[][] columns)
    {
        var f = columns.Select(Centre).ToArray();
        var K = f.Length;
        var m = new double[K, K];
        for (var a = 0; a < K; a++)
            for (var b = a; b < K; b++)
                m[a, b] = m[b, a] = Dot(f[a], f[b]);
        var (values, vectors) = SymmetricEigen.Decompose(m);
        var scale = values.Max();
        var inverseRoot = new double[K, K];
        for (var e = 0; e < K; e++)
        {
            if (!(values[e] > 1e-12 * scale)) throw new ArgumentException("symmetric orthogonalisation: the factor columns are linearly dependent");
            var w = 1 / Math.Sqrt(values[e]);
            for (var a = 0; a < K; a++)
                for (var b = 0; b < K; b++)
                    inverseRoot[a, b] += vectors[a, e] * w * vectors[b, e];
        }
        var n = f.Length == 0 ? 0 : f[0].Length;
        var result = new double[K][];
        for (var k = 0; k < K; k++)
        {
            result[k] = new double[n];
            for (var j = 0; j < K; j++)
            {
                var c = inverseRoot[j, k];
                for (var i = 0; i < n; i++) result[k][i] += f[j][i] * c;
            }
        }
        return result;
    }

    private static double[] Centre(double[] x)
    {
        var mean = x.Length == 0 ? 0 : x.Average();
        return x.Select(v => v - mean).ToArray();
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
