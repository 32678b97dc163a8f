using AlphaSharp.Common;
using AlphaSharp.Models.Classical;

namespace AlphaSharp.Models.Tests.Classical;

public sealed class LinearRegressionTests
{
    [Fact]
    public void ExactLineIsRecovered()
    {
        var x = new double[,] { { 0 }, { 1 }, { 2 }, { 3 } };
        var m = LinearRegression.Fit(x, [1, 3, 5, 7]);
        Assert.Equal(2, m.Coefficients[0], 1e-14);
        Assert.Equal(1, m.Intercept, 1e-14);
        Assert.Equal([9.0, -1.0], m.Predict(new double[,] { { 4 }, { -1 } }).Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void WeightedHandComputedCase()
    {
        // Points (0,0), (1,1), (2,0) with weights 1, 2, 1: weighted means x = 1, y = 0.5; sum w (x-1)(y-0.5) = 0,
        // so the slope is 0 and the intercept 0.5. Unweighted, the slope is also 0 but the intercept is 1/3.
        var x = new double[,] { { 0 }, { 1 }, { 2 } };
        var weighted = LinearRegression.Fit(x, [0, 1, 0], sampleWeights: [1, 2, 1]);
        Assert.Equal(0, weighted.Coefficients[0], 1e-14);
        Assert.Equal(0.5, weighted.Intercept, 1e-14);
        Assert.Equal(1.0 / 3, LinearRegression.Fit(x, [0, 1, 0]).Intercept, 1e-14);
    }

    [Fact]
    public void OneFeatureRidgeMatchesClosedForm()
    {
        // b = Sxy / (Sxx + alpha) with weighted centred sums, c = mean(y) - b mean(x).
        var rng = new Random(7);
        const int n = 50;
        var x = new double[n, 1];
        var y = new double[n];
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i, 0] = rng.NextDouble() * 4 - 1;
            y[i] = 0.8 * x[i, 0] - 0.3 + rng.NextDouble() - 0.5;
            w[i] = 0.5 + rng.NextDouble();
        }
        const double alpha = 3.0;
        double sw = w.Sum(), mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += w[i] * x[i, 0] / sw; my += w[i] * y[i] / sw; }
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++) { sxx += w[i] * (x[i, 0] - mx) * (x[i, 0] - mx); sxy += w[i] * (x[i, 0] - mx) * (y[i] - my); }
        var slope = sxy / (sxx + alpha);
        var m = LinearRegression.Fit(x, y, alpha, w);
        Assert.Equal(slope, m.Coefficients[0], 1e-12);
        Assert.Equal(my - slope * mx, m.Intercept, 1e-12);
    }

    public static TheoryData<string> SklearnCases() => new() { "ols", "ols_weighted", "ridge1", "ridge10_weighted" };

    [Theory]
    [MemberData(nameof(SklearnCases))]
    public void MatchesSklearn(string name)
    {
        var data = ClassicalFixtures.Read("linear.json");
        var c = ClassicalFixtures.Read("linear_cases.json").GetProperty("cases").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == name);
        var m = LinearRegression.Fit(ClassicalFixtures.Matrix(data.GetProperty("x")), ClassicalFixtures.Doubles(data.GetProperty("y")),
            c.GetProperty("alpha").GetDouble(), c.GetProperty("weighted").GetBoolean() ? ClassicalFixtures.Doubles(data.GetProperty("weights")) : null);
        // Both are direct solves in double of a well-conditioned problem: agreement to rounding.
        var coef = ClassicalFixtures.Doubles(c.GetProperty("coef"));
        for (var j = 0; j < coef.Length; j++) Assert.True(Math.Abs(m.Coefficients[j] - coef[j]) <= 1e-10 * Math.Max(1, Math.Abs(coef[j])), $"{name} coef[{j}] {m.Coefficients[j]:R} vs {coef[j]:R}");
        var b = c.GetProperty("intercept").GetDouble();
        Assert.True(Math.Abs(m.Intercept - b) <= 1e-10 * Math.Max(1, Math.Abs(b)), $"{name} intercept {m.Intercept:R} vs {b:R}");
    }

    [Fact]
    public void NaNFeatureIsRefusedNamingItsColumn()
    {
        var x = new double[,] { { 1, 2, 3 }, { 4, 5, double.NaN }, { 7, 8, 10 }, { 1, 0, 0 } };
        var e = Assert.Throws<InputException>(() => LinearRegression.Fit(x, [1, 2, 3, 4]));
        Assert.Contains("feature column 2", e.Message);
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void CollinearOlsIsRefusedAndRidgeSolvesIt()
    {
        var x = new double[,] { { 1, 2 }, { 2, 4 }, { 3, 6 }, { 4, 8.0 } };
        double[] y = [1, 2, 2, 5];
        var e = Assert.Throws<InputException>(() => LinearRegression.Fit(x, y));
        Assert.Contains("alpha > 0", e.Message);
        // Ridge spreads the weight in proportion to the columns' scale: b2 = 2 b1.
        var ridge = LinearRegression.Fit(x, y, alpha: 0.5);
        Assert.Equal(2 * ridge.Coefficients[0], ridge.Coefficients[1], 1e-12);
    }

    [Fact]
    public void BadSettingsNameTheSetting()
    {
        var x = new double[,] { { 1 }, { 2 }, { 3 } };
        Assert.Equal("alpha", Assert.Throws<SettingException>(() => LinearRegression.Fit(x, [1, 2, 3], alpha: -1)).Setting);
        Assert.StartsWith("sample_weights:", Assert.Throws<InputException>(() => LinearRegression.Fit(x, [1, 2, 3], sampleWeights: [1, -1, 1])).Message);
        Assert.StartsWith("y:", Assert.Throws<InputException>(() => LinearRegression.Fit(x, [1, 2])).Message);
    }
}
