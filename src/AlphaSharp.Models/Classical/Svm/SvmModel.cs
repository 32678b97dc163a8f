using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical.Svm;

public enum SvmTask
{
    Classification,
    Regression,
}

/// <summary>
/// A fitted SVM: f(x) = sum_s coef_s K(sv_s, x) + intercept, with coef_s = y_s alpha_s (SVC) or a_s - a*_s (SVR),
/// the layout of sklearn's dual_coef_ and intercept_. For SVC, f &gt; 0 predicts <c>Classes[1]</c>.
/// </summary>
public sealed class SvmModel
{
    private readonly double[] _vectors;
    private readonly double[] _coef;

    internal SvmModel(SvmTask task, SvmKernel kernel, int features, double[] vectors, double[] coef, double intercept,
        int[]? classes, int[] supportPerClass, int[] supportIndices, long iterations, bool converged)
    {
        Task = task;
        Kernel = kernel;
        Features = features;
        _vectors = vectors;
        _coef = coef;
        Intercept = intercept;
        Classes = classes;
        SupportPerClass = supportPerClass;
        SupportIndices = supportIndices;
        Iterations = iterations;
        Converged = converged;
    }

    public SvmTask Task { get; }
    public SvmKernel Kernel { get; }
    public int Features { get; }
    public double Intercept { get; }

    /// <summary>SVC: the two labels, negative class first. Null for SVR.</summary>
    public int[]? Classes { get; }

    /// <summary>SVC: support vectors of Classes[0] then Classes[1] (sklearn's n_support_); SVR: one count.</summary>
    public int[] SupportPerClass { get; }

    /// <summary>Training row of each support vector (empty after Load: the rows are not saved).</summary>
    public int[] SupportIndices { get; }

    public long Iterations { get; }
    public bool Converged { get; }
    public int SupportVectorCount => _coef.Length;
    public ReadOnlySpan<double> DualCoefficients => _coef;

    /// <summary>Support vectors, row-major, <see cref="SupportVectorCount"/> x <see cref="Features"/>.</summary>
    public ReadOnlySpan<double> SupportVectors => _vectors;

    /// <summary>f(x) for each row; summed over the support vectors in their stored order, so the bits are fixed.</summary>
    public double[] DecisionFunction(double[,] x)
    {
        FeatureChecks.Matrix(x, "x", Features);
        var xFlat = FeatureChecks.Flatten(x);
        var result = new double[x.GetLength(0)];
        for (var i = 0; i < result.Length; i++)
        {
            double s = 0;
            for (var k = 0; k < _coef.Length; k++) s += _coef[k] * Kernel.Evaluate(_vectors, k, xFlat, i, Features);
            result[i] = s + Intercept;
        }
        return result;
    }

    /// <summary>SVR: the decision values. SVC: use <see cref="PredictLabels"/>.</summary>
    public double[] Predict(double[,] x)
    {
        if (Task != SvmTask.Regression) throw new InputException("task: Predict gives regression values; a classifier predicts with PredictLabels (or DecisionFunction)");
        return DecisionFunction(x);
    }

    /// <summary>SVC: Classes[1] where f(x) &gt; 0, else Classes[0] (sklearn's tie goes to classes_[0] too).</summary>
    public int[] PredictLabels(double[,] x)
    {
        if (Classes == null) throw new InputException("task: PredictLabels needs a classifier; a regressor predicts with Predict");
        return DecisionFunction(x).Select(f => f > 0 ? Classes[1] : Classes[0]).ToArray();
    }

    public void Save(string path) => SvmModelJson.Save(this, path);

    public static SvmModel Load(string path) => SvmModelJson.Load(path);
}
