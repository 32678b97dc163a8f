using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical.Svm;

public enum SvmKernelType
{
    Linear,
    Rbf,
}

/// <summary>K(u, v) = u.v (linear) or exp(-gamma |u - v|^2) (RBF), on row-major feature arrays.</summary>
public readonly record struct SvmKernel(SvmKernelType Type, double Gamma)
{
    public static SvmKernel Linear => new(SvmKernelType.Linear, 0);

    public static SvmKernel Rbf(double gamma)
    {
        if (!double.IsFinite(gamma) || gamma <= 0) throw new InputException($"gamma: {gamma} is not a finite number > 0");
        return new SvmKernel(SvmKernelType.Rbf, gamma);
    }

    /// <summary>sklearn's gamma='scale': 1 / (n_features * X.var()), the population variance of all entries.</summary>
    public static double ScaleGamma(double[] xFlat, int features)
    {
        double mean = 0;
        for (var i = 0; i < xFlat.Length; i++) mean += xFlat[i];
        mean /= xFlat.Length;
        double ss = 0;
        for (var i = 0; i < xFlat.Length; i++)
        {
            var t = xFlat[i] - mean;
            ss += t * t;
        }
        var variance = ss / xFlat.Length;
        if (!(variance > 0)) throw new InputException("gamma: 'scale' needs features with non-zero variance; every entry of x is the same");
        return 1.0 / (features * variance);
    }

    /// <summary>K between row <paramref name="i"/> of <paramref name="a"/> and row <paramref name="j"/> of <paramref name="b"/>, both with <paramref name="d"/> columns.</summary>
    public double Evaluate(ReadOnlySpan<double> a, int i, ReadOnlySpan<double> b, int j, int d)
    {
        var u = a.Slice(i * d, d);
        var v = b.Slice(j * d, d);
        double s = 0;
        if (Type == SvmKernelType.Linear)
        {
            for (var k = 0; k < d; k++) s += u[k] * v[k];
            return s;
        }
        // The squared distance directly, not |u|^2 + |v|^2 - 2 u.v: no cancellation for close points.
        for (var k = 0; k < d; k++)
        {
            var t = u[k] - v[k];
            s += t * t;
        }
        return Math.Exp(-Gamma * s);
    }
}
