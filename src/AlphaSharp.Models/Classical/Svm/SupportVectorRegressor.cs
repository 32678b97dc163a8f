using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical.Svm;

/// <summary>
/// epsilon-SVR: min 0.5 |w|^2 + C sum_i (xi_i + xi*_i) with |y_i - f(x_i)| &lt;= epsilon + slack, solved (as libsvm does)
/// as one 2n-variable problem, a_i with y = +1 and a*_i with y = -1, sharing the n kernel rows.
/// </summary>
public static class SupportVectorRegressor
{
    public static SvmModel Fit(double[,] x, double[] y, SvmOptions? options = null)
    {
        options ??= new SvmOptions();
        options.Validate(regression: true);
        FeatureChecks.Matrix(x, "x");
        int n = x.GetLength(0), d = x.GetLength(1);
        FeatureChecks.Targets(y, n, "y");
        var xFlat = FeatureChecks.Flatten(x);
        var kernel = options.ResolveKernel(xFlat, d);

        var sign = new sbyte[2 * n];
        var p = new double[2 * n];
        var c = new double[2 * n];
        var real = new int[2 * n];
        for (var i = 0; i < n; i++)
        {
            sign[i] = 1;
            p[i] = options.Epsilon - y[i];
            sign[i + n] = -1;
            p[i + n] = options.Epsilon + y[i];
            real[i] = real[i + n] = i;
            c[i] = c[i + n] = options.C;
        }

        var cache = new KernelCache(xFlat, n, d, kernel, options.CacheMb, options.Float32KernelValues);
        var result = SmoSolver.Solve(cache, real, sign, p, c, options.Tolerance, options.Shrinking, options.ResolveMaxIterations(2 * n));

        var sv = new List<int>();
        for (var i = 0; i < n; i++)
            if (result.Alpha[i] - result.Alpha[i + n] != 0) sv.Add(i);
        var vectors = new double[sv.Count * d];
        var coef = new double[sv.Count];
        for (var s = 0; s < sv.Count; s++)
        {
            Array.Copy(xFlat, sv[s] * d, vectors, s * d, d);
            coef[s] = result.Alpha[sv[s]] - result.Alpha[sv[s] + n];
        }
        return new SvmModel(SvmTask.Regression, kernel, d, vectors, coef, -result.Rho, null, [sv.Count], sv.ToArray(),
            result.Iterations, result.Converged);
    }
}
