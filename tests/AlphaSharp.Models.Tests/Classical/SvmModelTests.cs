using AlphaSharp.Common;
using AlphaSharp.Models.Classical.Svm;

namespace AlphaSharp.Models.Tests.Classical;

/// <summary>Save/load, determinism, the cache and shrinking (which must not change the answer), and bad settings.</summary>
public sealed class SvmModelTests
{
    private static (double[,] X, int[] Labels, double[] Targets, double[,] XTest) Data()
    {
        var cls = ClassicalFixtures.Read("classification.json");
        var reg = ClassicalFixtures.Read("regression.json");
        return (ClassicalFixtures.Matrix(cls.GetProperty("x_train")), ClassicalFixtures.Ints(cls.GetProperty("y_train")),
            ClassicalFixtures.Doubles(reg.GetProperty("y_train")), ClassicalFixtures.Matrix(cls.GetProperty("x_test")));
    }

    private static long[] Bits(double[] v) => v.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Theory]
    [InlineData(false, SvmKernelType.Rbf)]
    [InlineData(false, SvmKernelType.Linear)]
    [InlineData(true, SvmKernelType.Rbf)]
    public void SaveLoadGivesTheSameBits(bool regression, SvmKernelType kernel)
    {
        var (x, labels, targets, xTest) = Data();
        var options = new SvmOptions { Kernel = kernel, C = 3 };
        var model = regression ? SupportVectorRegressor.Fit(x, targets, options) : SupportVectorClassifier.Fit(x, labels, options);
        var path = Path.Combine(Path.GetTempPath(), $"alphasharp-svm-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = SvmModel.Load(path);
            Assert.Equal(model.Task, loaded.Task);
            Assert.Equal(model.Kernel, loaded.Kernel);
            Assert.Equal(BitConverter.DoubleToInt64Bits(model.Intercept), BitConverter.DoubleToInt64Bits(loaded.Intercept));
            Assert.Equal(model.SupportPerClass, loaded.SupportPerClass);
            Assert.Equal(model.Classes, loaded.Classes);
            Assert.Equal(Bits(model.DualCoefficients.ToArray()), Bits(loaded.DualCoefficients.ToArray()));
            Assert.Equal(Bits(model.SupportVectors.ToArray()), Bits(loaded.SupportVectors.ToArray()));
            Assert.Equal(Bits(model.DecisionFunction(xTest)), Bits(loaded.DecisionFunction(xTest)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadRefusesAMalformedFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"alphasharp-svm-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "{\"format\":\"alphasharp-svm\",\"version\":1,\"task\":\"svc\",\"kernel\":\"rbf\",\"gamma\":0.5}");
            var e = Assert.Throws<InputException>(() => SvmModel.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FitIsDeterministicAndTheCacheSizeDoesNotChangeTheBits()
    {
        // A cache of two rows recomputes nearly every row, a large one none: the kernel values, hence the path,
        // are the same.
        var (x, labels, targets, xTest) = Data();
        var big = SupportVectorClassifier.Fit(x, labels, new SvmOptions { C = 10 });
        var again = SupportVectorClassifier.Fit(x, labels, new SvmOptions { C = 10 });
        var tiny = SupportVectorClassifier.Fit(x, labels, new SvmOptions { C = 10, CacheMb = 1e-6 });
        Assert.Equal(Bits(big.DecisionFunction(xTest)), Bits(again.DecisionFunction(xTest)));
        Assert.Equal(Bits(big.DecisionFunction(xTest)), Bits(tiny.DecisionFunction(xTest)));
        var svrBig = SupportVectorRegressor.Fit(x, targets, new SvmOptions { C = 10 });
        var svrTiny = SupportVectorRegressor.Fit(x, targets, new SvmOptions { C = 10, CacheMb = 1e-6 });
        Assert.Equal(Bits(svrBig.DecisionFunction(xTest)), Bits(svrTiny.DecisionFunction(xTest)));
    }

    [Fact]
    public void ShrinkingChangesTheAnswerOnlyWithinTolerance()
    {
        var (x, labels, targets, xTest) = Data();
        foreach (var regression in new[] { false, true })
        {
            var on = new SvmOptions { C = 10, Shrinking = true };
            var off = on with { Shrinking = false };
            var a = regression ? SupportVectorRegressor.Fit(x, targets, on) : SupportVectorClassifier.Fit(x, labels, on);
            var b = regression ? SupportVectorRegressor.Fit(x, targets, off) : SupportVectorClassifier.Fit(x, labels, off);
            var fa = a.DecisionFunction(xTest);
            var fb = b.DecisionFunction(xTest);
            for (var i = 0; i < fa.Length; i++) Assert.True(Math.Abs(fa[i] - fb[i]) <= 2e-3 * Math.Max(1, Math.Abs(fa[i])), $"row {i}: {fa[i]} vs {fb[i]}");
        }
    }

    [Fact]
    public void BadSettingsAndDataNameTheSetting()
    {
        var (x, labels, targets, _) = Data();
        string Message(Action fit) => Assert.ThrowsAny<InputException>(fit).Message;
        Assert.StartsWith("C:", Message(() => SupportVectorClassifier.Fit(x, labels, new SvmOptions { C = 0 })));
        // Settings are SettingExceptions, so a front end can name them in its own words.
        Assert.Equal("gamma", Assert.Throws<SettingException>(() => SupportVectorRegressor.Fit(x, targets, new SvmOptions { Gamma = 0 })).Setting);
        Assert.StartsWith("tolerance:", Message(() => SupportVectorClassifier.Fit(x, labels, new SvmOptions { Tolerance = 0 })));
        Assert.StartsWith("cache_mb:", Message(() => SupportVectorClassifier.Fit(x, labels, new SvmOptions { CacheMb = -1 })));
        Assert.StartsWith("gamma:", Message(() => SupportVectorClassifier.Fit(x, labels, new SvmOptions { Gamma = -1 })));
        Assert.StartsWith("epsilon:", Message(() => SupportVectorRegressor.Fit(x, targets, new SvmOptions { Epsilon = -0.1 })));
        Assert.StartsWith("class_weights:", Message(() => SupportVectorClassifier.Fit(x, labels, new SvmOptions { ClassWeights = new Dictionary<int, double> { [7] = 2 } })));
        Assert.StartsWith("labels:", Message(() => SupportVectorClassifier.Fit(x, labels.Select(_ => 1).ToArray())));
        var withNaN = (double[,])x.Clone();
        withNaN[5, 3] = double.NaN;
        var nan = Message(() => SupportVectorClassifier.Fit(withNaN, labels));
        Assert.Contains("feature column 3", nan);
        Assert.Contains("row 5", nan);
        var model = SupportVectorClassifier.Fit(x, labels);
        Assert.StartsWith("x:", Message(() => model.DecisionFunction(new double[2, 3])));
        Assert.StartsWith("task:", Message(() => model.Predict(x)));
    }
}
