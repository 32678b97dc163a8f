using System.Runtime.Intrinsics;
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
        if (!double.IsFinite(gamma) || gamma <= 0) throw new SettingException($"{new SettingName("gamma")}: {gamma} is not a finite number > 0");
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
        if (!(variance > 0)) throw new SettingException($"{new SettingName("gamma")}: 'scale' needs features with non-zero variance; every entry of x is the same");
        return 1.0 / (features * variance);
    }

    /// <summary>K between row <paramref name="i"/> of <paramref name="a"/> and row <paramref name="j"/> of <paramref name="b"/>, both with <paramref name="d"/> columns.</summary>
    public double Evaluate(ReadOnlySpan<double> a, int i, ReadOnlySpan<double> b, int j, int d)
    {
        var u = a.Slice(i * d, d);
        var v = b.Slice(j * d, d);
        return Type == SvmKernelType.Linear ? Dot(u, v) : Math.Exp(-Gamma * SquaredDistance(u, v));
    }

    /// <summary>K between row <paramref name="i"/> of <paramref name="a"/> and every row of <paramref name="b"/>; the same bits as <see cref="Evaluate"/>.</summary>
    public void Row(ReadOnlySpan<double> a, int i, ReadOnlySpan<double> b, int d, Span<double> destination)
    {
        var u = a.Slice(i * d, d);
        if (Type == SvmKernelType.Linear)
            for (var j = 0; j < destination.Length; j++) destination[j] = Dot(u, b.Slice(j * d, d));
        else
            for (var j = 0; j < destination.Length; j++) destination[j] = Math.Exp(-Gamma * SquaredDistance(u, b.Slice(j * d, d)));
    }

    // Four lanes summed in a fixed order, then the tail: Vector256 has this meaning on every machine (in hardware or
    // not), so a kernel value has the same bits everywhere, in training and in prediction alike.
    private static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var acc = Vector256<double>.Zero;
        var k = 0;
        for (; k + 4 <= u.Length; k += 4) acc += Vector256.Create(u.Slice(k, 4)) * Vector256.Create(v.Slice(k, 4));
        var s = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (; k < u.Length; k++) s += u[k] * v[k];
        return s;
    }

    // The squared distance directly, not |u|^2 + |v|^2 - 2 u.v: no cancellation for close points.
    private static double SquaredDistance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var acc = Vector256<double>.Zero;
        var k = 0;
        for (; k + 4 <= u.Length; k += 4)
        {
            var t = Vector256.Create(u.Slice(k, 4)) - Vector256.Create(v.Slice(k, 4));
            acc += t * t;
        }
        var s = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (; k < u.Length; k++)
        {
            var t = u[k] - v[k];
            s += t * t;
        }
        return s;
    }
}
