using AlphaSharp.Models.Classical.Svm;

namespace AlphaSharp.Models.Tests.Classical;

/// <summary>Signals we plant ourselves, no sklearn: what a correct SVM must get right.</summary>
public sealed class SvmPlantedSignalTests
{
    /// <summary>Two classes on either side of the plane w.x = 0 with a gap of 1 on each side (labels -1 / +1).</summary>
    private static (double[,] X, int[] Labels) Separable(double[] w, int n, Random rng)
    {
        var d = w.Length;
        var norm = Math.Sqrt(w.Sum(v => v * v));
        var x = new double[n, d];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 2 == 0 ? 1 : -1;
            var u = new double[d];
            for (var j = 0; j < d; j++) u[j] = 4 * rng.NextDouble() - 2;
            var proj = u.Zip(w, (a, b) => a * b).Sum() / norm;
            var shift = labels[i] * (1 + rng.NextDouble()) - proj; // distance to the plane in [1, 2] on its side
            for (var j = 0; j < d; j++) x[i, j] = u[j] + shift * w[j] / norm;
        }
        return (x, labels);
    }

    [Theory]
    [InlineData(SvmKernelType.Linear)]
    [InlineData(SvmKernelType.Rbf)]
    public void SeparableSetIsClassifiedPerfectly(SvmKernelType kernel)
    {
        var rng = new Random(11);
        var w = Enumerable.Range(0, 5).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var (x, labels) = Separable(w, 400, rng);
        var (xTest, labelsTest) = Separable(w, 200, rng);
        var model = SupportVectorClassifier.Fit(x, labels, new SvmOptions { Kernel = kernel, C = 100 });
        Assert.True(model.Converged);
        Assert.Equal([-1, 1], model.Classes!);
        Assert.Equal(labels, model.PredictLabels(x));
        Assert.Equal(labelsTest, model.PredictLabels(xTest));
    }

    [Fact]
    public void LinearMarginIsTheGap()
    {
        // Hard-margin limit: a separable set whose closest points are at distance exactly 1 from the plane x0 = 0
        // has the max-margin plane x0 = 0 with |w| = 1, so f(x) = x0 and b = 0.
        var x = new double[,] { { 1, 0 }, { 1, 2 }, { 3, 1 }, { -1, 0 }, { -1, -2 }, { -2.5, 1 } };
        var model = SupportVectorClassifier.Fit(x, [1, 1, 1, 0, 0, 0], new SvmOptions { Kernel = SvmKernelType.Linear, C = 1e6, Tolerance = 1e-9 });
        var f = model.DecisionFunction(new double[,] { { 0.5, 7 }, { -2, -3 }, { 0, 0 } });
        Assert.Equal(0.5, f[0], 1e-7);
        Assert.Equal(-2, f[1], 1e-7);
        Assert.Equal(0, f[2], 1e-7);
        // Four points lie on the margin; the dual is degenerate, so any of them may carry the weight, no other point.
        Assert.InRange(model.SupportVectorCount, 2, 4);
        Assert.All(model.SupportIndices, i => Assert.Contains(i, new[] { 0, 1, 3, 4 }));
    }

    [Fact]
    public void SvrFitsASmoothFunction()
    {
        var rng = new Random(3);
        static double Target(double u) => Math.Sin(2 * u) + 0.5 * u;
        const int n = 300;
        var x = new double[n, 1];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i, 0] = 6 * rng.NextDouble() - 3;
            y[i] = Target(x[i, 0]);
        }
        var model = SupportVectorRegressor.Fit(x, y, new SvmOptions { C = 10, Gamma = 1, Epsilon = 0.01 });
        var xt = new double[101, 1];
        for (var i = 0; i <= 100; i++) xt[i, 0] = -2.9 + 5.8 * i / 100;
        var pred = model.Predict(xt);
        var maxErr = Enumerable.Range(0, 101).Max(i => Math.Abs(pred[i] - Target(xt[i, 0])));
        // epsilon 0.01 tube plus interpolation error between 300 samples of a function with |f''| <= 4.
        Assert.True(maxErr < 0.03, $"max test error {maxErr}");
    }

    [Fact]
    public void SvcSolutionSatisfiesKkt()
    {
        // An optimality check independent of any reference: sum y a = 0, 0 <= a <= C, y f(x) >= 1 - tol off the
        // support, ~1 on free support vectors, <= 1 + tol on bounded ones.
        var data = ClassicalFixtures.Read("classification.json");
        var x = ClassicalFixtures.Matrix(data.GetProperty("x_train"));
        var labels = ClassicalFixtures.Ints(data.GetProperty("y_train"));
        const double c = 10, tol = 1e-6;
        var model = SupportVectorClassifier.Fit(x, labels, new SvmOptions { C = c, Gamma = 0.2, Tolerance = tol });
        Assert.True(Math.Abs(model.DualCoefficients.ToArray().Sum()) < 1e-10);
        var f = model.DecisionFunction(x);
        var alpha = new double[labels.Length];
        for (var s = 0; s < model.SupportVectorCount; s++) alpha[model.SupportIndices[s]] = Math.Abs(model.DualCoefficients[s]);
        for (var i = 0; i < labels.Length; i++)
        {
            var yf = (labels[i] == 1 ? 1 : -1) * f[i];
            Assert.InRange(alpha[i], 0, c);
            if (alpha[i] == 0) Assert.True(yf >= 1 - 2 * tol, $"row {i}: y f = {yf} with alpha 0");
            else if (alpha[i] < c) Assert.True(Math.Abs(yf - 1) <= 2 * tol, $"row {i}: y f = {yf} on a free support vector");
            else Assert.True(yf <= 1 + 2 * tol, $"row {i}: y f = {yf} at the bound");
        }
    }
}
