namespace AlphaSharp.Evaluation.MultiFactor;

/// <summary>Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (exact to double rounding for K of a few dozen).</summary>
public static class SymmetricEigen
{
    /// <summary>Eigenvalues and eigenvectors (column e of Vectors belongs to Values[e]).</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n) throw new ArgumentException($"eigen-decomposition of a {n} x {matrix.GetLength(1)} matrix: it must be square");
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diag = 0;
            for (var p = 0; p < n; p++)
            {
                diag += a[p, p] * a[p, p];
                for (var q = p + 1; q < n; q++) off += a[p, q] * a[p, q];
            }
            if (off <= 1e-30 * Math.Max(diag, 1e-300)) break;
            for (var p = 0; p < n - 1; p++)
                for (var q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0) continue;
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
        }
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = a[i, i];
        return (values, v);
    }
}
