using System.Text;

namespace AlphaSharp.Nn.Tests.Support;

/// <summary>
/// Finite-difference gradient check: compares the autograd gradient of a function with central differences.
/// The output is reduced to a scalar by a fixed random projection L = sum_k r_k y_k, so every output element
/// contributes. Float32 matters: the step actually taken is the float difference (x + eps) - (x - eps), L is summed
/// in double, and the default tolerances allow for the ~1e-7 relative rounding of each output divided by 2 eps.
/// The function must be deterministic (re-create any Rng inside it) and must not change its inputs.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Checks every input with RequiresGrad (at most <paramref name="maxPerInput"/> randomly chosen elements each).
    /// Fails with the worst mismatches listed.
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-3, double rtol = 1e-2,
        double atol = 1e-3, int maxPerInput = 48, ulong seed = 12345)
    {
        var rng = new Rng(seed);
        foreach (var t in inputs) t.Grad = null;
        var y = f(inputs);
        Assert.True(y.RequiresGrad, "gradcheck: the output does not require grad (no input was recorded on the tape)");
        var r = new float[y.Numel];
        for (var k = 0; k < r.Length; k++) r[k] = (0.5f + rng.NextFloat()) * (rng.NextFloat() < 0.5f ? -1f : 1f);
        y.Backward(r);

        var failures = new List<string>();
        var checkedCount = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i];
            if (!x.RequiresGrad) continue;
            var analytic = x.Grad is null ? new float[x.Numel] : (float[])x.Grad.Clone();
            foreach (var j in Pick(x.Numel, maxPerInput, rng))
            {
                var numeric = Numeric(f, inputs, x, j, r, eps);
                var a = (double)analytic[j];
                var err = Math.Abs(numeric - a);
                checkedCount++;
                if (!(err <= atol + rtol * Math.Max(Math.Abs(numeric), Math.Abs(a))))
                    failures.Add($"input {i} {x.ShapeString} [{j}]: autograd {a:G6}, finite difference {numeric:G6}, |diff| {err:G3}");
            }
        }
        Assert.True(checkedCount > 0, "gradcheck: no input requires grad, nothing was checked");
        if (failures.Count > 0)
        {
            var sb = new StringBuilder($"gradcheck: {failures.Count} of {checkedCount} gradients differ:\n");
            foreach (var line in failures.Take(12)) sb.AppendLine(line);
            Assert.Fail(sb.ToString());
        }
    }

    private static double Numeric(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor x, int j, float[] r, double eps)
    {
        var v = x.Data[j];
        var plus = (float)(v + eps);
        var minus = (float)(v - eps);
        double lp, lm;
        using (Autograd.NoGrad())
        {
            x.Data[j] = plus;
            lp = Project(f(inputs), r);
            x.Data[j] = minus;
            lm = Project(f(inputs), r);
        }
        x.Data[j] = v;
        return (lp - lm) / ((double)plus - minus);
    }

    private static double Project(Tensor y, float[] r)
    {
        double s = 0;
        for (var k = 0; k < r.Length; k++) s += (double)r[k] * y.Data[k];
        return s;
    }

    private static IEnumerable<int> Pick(int n, int max, Rng rng)
    {
        if (n <= max) return Enumerable.Range(0, n);
        var idx = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(idx.AsSpan());
        return idx.Take(max).OrderBy(v => v);
    }
}
