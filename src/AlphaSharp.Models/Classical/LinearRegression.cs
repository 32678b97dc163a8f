using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// Weighted least squares with an unpenalised intercept: minimises sum_i w_i (y_i - x_i b - c)^2 + alpha |b|^2
/// (alpha = 0 is OLS, alpha &gt; 0 ridge), the objective of sklearn's LinearRegression and Ridge with sample_weight.
/// X and y are centred on their weighted means (which is what removes the intercept from the penalty) and the
/// problem is solved by Householder QR of [sqrt(w) Xc; sqrt(alpha) I], whose condition number is that of X, not its
/// square as with the normal equations.
/// </summary>
public sealed class LinearRegression
{
    private LinearRegression(double[] coefficients, double intercept, double alpha)
    {
        Coefficients = coefficients;
        Intercept = intercept;
        Alpha = alpha;
    }

    public double[] Coefficients { get; }
    public double Intercept { get; }
    public double Alpha { get; }

    /// <summary>A fitted regression as it was saved.</summary>
    internal static LinearRegression FromState(double[] coefficients, double intercept, double alpha) => new(coefficients, intercept, alpha);

    /// <param name="x">rows x features; NaN is refused (fill missing features first).</param>
    /// <param name="y">one target per row.</param>
    /// <param name="alpha">ridge penalty, &gt;= 0; 0 is OLS.</param>
    /// <param name="sample_weights">non-negative weights, null for all 1.</param>
    /// <param name="fitIntercept">false fits through the origin (no centring).</param>
    public static LinearRegression Fit(double[,] x, double[] y, double alpha = 0, double[]? sampleWeights = null, bool fitIntercept = true)
    {
        if (!double.IsFinite(alpha) || alpha < 0) throw new SettingException($"{new SettingName("alpha")}: {alpha} is not a finite number >= 0");
        FeatureChecks.Matrix(x, "x");
        int n = x.GetLength(0), d = x.GetLength(1);
        FeatureChecks.Targets(y, n, "y");
        var w = FeatureChecks.Weights(sampleWeights, n, "sample_weights");

        var xMean = new double[d];
        double yMean = 0;
        if (fitIntercept)
        {
            double wSum = 0;
            for (var i = 0; i < n; i++)
            {
                wSum += w[i];
                yMean += w[i] * y[i];
                for (var j = 0; j < d; j++) xMean[j] += w[i] * x[i, j];
            }
            yMean /= wSum;
            for (var j = 0; j < d; j++) xMean[j] /= wSum;
        }

        var rows = alpha > 0 ? n + d : n;
        if (rows < d) throw new InputException($"x: {n} rows cannot determine {d} coefficients without a penalty; set alpha > 0");
        var a = new double[rows, d];
        var b = new double[rows];
        for (var i = 0; i < n; i++)
        {
            var s = Math.Sqrt(w[i]);
            for (var j = 0; j < d; j++) a[i, j] = s * (x[i, j] - xMean[j]);
            b[i] = s * (y[i] - yMean);
        }
        if (alpha > 0)
        {
            var s = Math.Sqrt(alpha);
            for (var j = 0; j < d; j++) a[n + j, j] = s;
        }

        var coef = HouseholderQr.SolveLeastSquares(a, b);
        double intercept = 0;
        if (fitIntercept)
        {
            intercept = yMean;
            for (var j = 0; j < d; j++) intercept -= xMean[j] * coef[j];
        }
        return new LinearRegression(coef, intercept, alpha);
    }

    public double[] Predict(double[,] x)
    {
        FeatureChecks.Matrix(x, "x", Coefficients.Length);
        var n = x.GetLength(0);
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = Intercept;
            for (var j = 0; j < Coefficients.Length; j++) s += Coefficients[j] * x[i, j];
            result[i] = s;
        }
        return result;
    }
}
