using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical.Svm;

/// <summary>Binary C-SVC: min 0.5 |w|^2 + sum_i C_i xi_i, solved in the dual by <see cref="SmoSolver"/>.</summary>
public static class SupportVectorClassifier
{
    /// <summary>
    /// Fits two classes given as any two integer labels. The larger label is the positive class: a decision value
    /// above 0 predicts it, as sklearn's decision_function does for classes_[1].
    /// </summary>
    public static SvmModel Fit(double[,] x, int[] labels, SvmOptions? options = null)
    {
        options ??= new SvmOptions();
        options.Validate(regression: false);
        FeatureChecks.Matrix(x, "x");
        int n = x.GetLength(0), d = x.GetLength(1);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != n) throw new InputException($"labels: {labels.Length} labels for {n} rows");
        var classes = labels.Distinct().Order().ToArray();
        if (classes.Length != 2)
            throw new InputException($"labels: C-SVC needs exactly two classes, got {classes.Length} ({string.Join(", ", classes.Take(5))})");
        if (options.ClassWeights != null)
            foreach (var label in options.ClassWeights.Keys)
                if (!classes.Contains(label)) throw new SettingException($"{new SettingName("class_weights")}: class {label} is not among the labels ({classes[0]}, {classes[1]})");

        var xFlat = FeatureChecks.Flatten(x);
        var kernel = options.ResolveKernel(xFlat, d);

        // libsvm (as sklearn calls it) groups the rows by class, smaller label first, and gives that class y = +1;
        // solving in the same order follows its path, and flipping the sign at the end gives sklearn's convention.
        var order = Enumerable.Range(0, n).Where(i => labels[i] == classes[0])
            .Concat(Enumerable.Range(0, n).Where(i => labels[i] == classes[1])).ToArray();
        var grouped = new double[n * d];
        for (var k = 0; k < n; k++) Array.Copy(xFlat, order[k] * d, grouped, k * d, d);
        var y = new sbyte[n];
        var c = new double[n];
        var real = new int[n];
        var p = new double[n];
        double Weight(int label) => options.ClassWeights != null && options.ClassWeights.TryGetValue(label, out var w) ? w : 1.0;
        for (var k = 0; k < n; k++)
        {
            var first = labels[order[k]] == classes[0];
            y[k] = first ? (sbyte)1 : (sbyte)-1;
            c[k] = options.C * Weight(labels[order[k]]);
            real[k] = k;
            p[k] = -1;
        }

        var cache = new KernelCache(grouped, n, d, kernel, options.CacheMb, options.Float32KernelValues);
        var result = SmoSolver.Solve(cache, real, y, p, c, options.Tolerance, options.Shrinking, options.ResolveMaxIterations(n));

        var sv = new List<int>();
        var perClass = new int[2];
        for (var k = 0; k < n; k++)
        {
            if (!(result.Alpha[k] > 0)) continue;
            sv.Add(k);
            perClass[y[k] == 1 ? 0 : 1]++;
        }
        var vectors = new double[sv.Count * d];
        var coef = new double[sv.Count];
        var indices = new int[sv.Count];
        for (var s = 0; s < sv.Count; s++)
        {
            var k = sv[s];
            Array.Copy(grouped, k * d, vectors, s * d, d);
            coef[s] = -y[k] * result.Alpha[k];
            indices[s] = order[k];
        }
        return new SvmModel(SvmTask.Classification, kernel, d, vectors, coef, result.Rho, classes, perClass, indices,
            result.Iterations, result.Converged);
    }
}
