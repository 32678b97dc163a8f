using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical;

/// <summary>Dense least squares min |A c - b| by Householder QR, in double, for the few-column problems of the classical models.</summary>
internal static class HouseholderQr
{
    /// <summary>Overwrites <paramref name="a"/> and <paramref name="b"/>. A column that is (numerically) a combination
    /// of earlier ones is an error: the minimum-norm answer sklearn's lstsq would give is not what a researcher expects
    /// from a regression, and a penalty makes the problem well posed.</summary>
    public static double[] SolveLeastSquares(double[,] a, double[] b)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var diag = new double[n];
        double scale = 0;
        for (var k = 0; k < n; k++)
        {
            double colNorm = 0;
            for (var i = 0; i < m; i++) colNorm += a[i, k] * a[i, k];
            scale = Math.Max(scale, Math.Sqrt(colNorm));
        }
        for (var k = 0; k < n; k++)
        {
            double norm = 0;
            for (var i = k; i < m; i++) norm += a[i, k] * a[i, k];
            norm = Math.Sqrt(norm);
            if (norm <= 1e-12 * scale || scale == 0)
                throw new InputException($"x: feature column {k} is constant or a linear combination of the columns before it; drop it or set alpha > 0");
            var alpha = a[k, k] > 0 ? -norm : norm;
            // v = a[k.., k] - alpha e1, stored in place; H = I - 2 v v' / (v'v).
            a[k, k] -= alpha;
            double vv = 0;
            for (var i = k; i < m; i++) vv += a[i, k] * a[i, k];
            for (var j = k + 1; j < n; j++)
            {
                double dot = 0;
                for (var i = k; i < m; i++) dot += a[i, k] * a[i, j];
                var f = 2 * dot / vv;
                for (var i = k; i < m; i++) a[i, j] -= f * a[i, k];
            }
            {
                double dot = 0;
                for (var i = k; i < m; i++) dot += a[i, k] * b[i];
                var f = 2 * dot / vv;
                for (var i = k; i < m; i++) b[i] -= f * a[i, k];
            }
            diag[k] = alpha;
        }
        var c = new double[n];
        for (var k = n - 1; k >= 0; k--)
        {
            var s = b[k];
            for (var j = k + 1; j < n; j++) s -= a[k, j] * c[j];
            c[k] = s / diag[k];
        }
        return c;
    }
}
