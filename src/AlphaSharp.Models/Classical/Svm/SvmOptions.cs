using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical.Svm;

/// <summary>Settings of C-SVC and epsilon-SVR; the defaults are sklearn's SVC() / SVR() (RBF, gamma 'scale').</summary>
public sealed record SvmOptions
{
    public double C { get; init; } = 1.0;
    public SvmKernelType Kernel { get; init; } = SvmKernelType.Rbf;

    /// <summary>RBF width; null is sklearn's 'scale', 1 / (n_features * X.var()) of the training matrix.</summary>
    public double? Gamma { get; init; }

    /// <summary>SVR only: half-width of the tube inside which errors cost nothing.</summary>
    public double Epsilon { get; init; } = 0.1;

    /// <summary>Stop when the maximal KKT violation m(a) - M(a) is below this (libsvm's eps).</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Budget of the kernel-row cache in MB (sklearn's cache_size).</summary>
    public double CacheMb { get; init; } = 200;

    public bool Shrinking { get; init; } = true;

    /// <summary>
    /// Round each cached kernel value to float32, as libsvm's cache (Qfloat) does; the solver's sums stay in double.
    /// It reproduces sklearn's fit to rounding (the same working sets, the same intercept), which is what the
    /// agreement tests use. The default keeps kernel values in double, whose answer differs from libsvm's by O(tol).
    /// </summary>
    public bool Float32KernelValues { get; init; }

    /// <summary>Upper bound on SMO steps; 0 is libsvm's max(10^7, 100 n). A fit that reaches it is marked not converged.</summary>
    public long MaxIterations { get; init; }

    /// <summary>SVC only: C of a class is C * weight (sklearn's class_weight); a class not named has weight 1.</summary>
    public IReadOnlyDictionary<int, double>? ClassWeights { get; init; }

    internal void Validate(bool regression)
    {
        if (!double.IsFinite(C) || C <= 0) throw new SettingException($"{new SettingName("C")}: {C} is not a finite number > 0");
        if (Gamma is { } g && (!double.IsFinite(g) || g <= 0)) throw new SettingException($"{new SettingName("gamma")}: {g} is not a finite number > 0 (leave it unset for 'scale')");
        if (regression && (!double.IsFinite(Epsilon) || Epsilon < 0)) throw new SettingException($"{new SettingName("epsilon")}: {Epsilon} is not a finite number >= 0");
        if (!double.IsFinite(Tolerance) || Tolerance <= 0) throw new SettingException($"{new SettingName("tolerance")}: {Tolerance} is not a finite number > 0");
        if (!double.IsFinite(CacheMb) || CacheMb <= 0) throw new SettingException($"{new SettingName("cache_mb")}: {CacheMb} is not a finite number > 0");
        if (MaxIterations < 0) throw new SettingException($"{new SettingName("max_iterations")}: {MaxIterations} is negative (0 means libsvm's default)");
        if (regression && ClassWeights != null) throw new SettingException($"{new SettingName("class_weights")}: only classification has classes; leave it unset for SVR");
        if (ClassWeights != null)
            foreach (var (label, w) in ClassWeights)
                if (!double.IsFinite(w) || w <= 0) throw new SettingException($"{new SettingName("class_weights")}: weight {w} of class {label} is not a finite number > 0");
    }

    internal SvmKernel ResolveKernel(double[] xFlat, int features) => Kernel switch
    {
        SvmKernelType.Linear => SvmKernel.Linear,
        SvmKernelType.Rbf => SvmKernel.Rbf(Gamma ?? SvmKernel.ScaleGamma(xFlat, features)),
        _ => throw new SettingException($"{new SettingName("kernel")}: {Kernel} is not linear or rbf"),
    };

    internal long ResolveMaxIterations(int variables) =>
        MaxIterations > 0 ? MaxIterations : Math.Max(10_000_000L, 100L * variables);
}
