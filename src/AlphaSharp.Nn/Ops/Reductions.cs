using System.Numerics.Tensors;

namespace AlphaSharp.Nn;

/// <summary>Sums, means, maxima and variances, over one dim or the whole tensor. Accumulation is in double.</summary>
public static partial class Ops
{
    /// <summary>Sum of all values, a 0-d tensor.</summary>
    public static Tensor Sum(this Tensor x) => Reduce(x, 1, x.Numel, 1, [], "sum", mean: false);

    public static Tensor Sum(this Tensor x, int dim, bool keepDim = false)
    {
        var d = Shapes.Dim(dim, x.Rank, "sum");
        var (outer, n, inner) = Shapes.Around(x.Shape, d);
        return Reduce(x, outer, n, inner, Shapes.Without(x.Shape, d, keepDim), "sum", mean: false);
    }

    /// <summary>Mean of all values, a 0-d tensor (NaN for an empty tensor, as PyTorch).</summary>
    public static Tensor Mean(this Tensor x) => Reduce(x, 1, x.Numel, 1, [], "mean", mean: true);

    public static Tensor Mean(this Tensor x, int dim, bool keepDim = false)
    {
        var d = Shapes.Dim(dim, x.Rank, "mean");
        var (outer, n, inner) = Shapes.Around(x.Shape, d);
        return Reduce(x, outer, n, inner, Shapes.Without(x.Shape, d, keepDim), "mean", mean: true);
    }

    private static Tensor Reduce(Tensor x, int outer, int n, int inner, int[] shape, string name, bool mean)
    {
        var xd = x.Data;
        var y = TensorArena.Output(outer * inner);
        if (inner == 1)
        {
            for (var o = 0; o < outer; o++)
            {
                var s = Simd.SumDouble(xd.AsSpan(o * n, n));
                y[o] = (float)(mean ? s / n : s);
            }
        }
        else
        {
            var acc = new double[inner];
            for (var o = 0; o < outer; o++)
            {
                Array.Clear(acc);
                for (var j = 0; j < n; j++) Simd.AccumulateDouble(xd.AsSpan((o * n + j) * inner, inner), acc);
                for (var i = 0; i < inner; i++) y[o * inner + i] = (float)(mean ? acc[i] / n : acc[i]);
            }
        }
        var output = new Tensor(y, shape);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            var g = t.Grad!;
            var gx = Autograd.GradOf(x);
            var scale = mean ? 1f / n : 1f;
            for (var o = 0; o < outer; o++)
            {
                if (inner == 1)
                {
                    var row = gx.AsSpan(o * n, n);
                    TensorPrimitives.Add(row, g[o] * scale, row);
                    continue;
                }
                var src = g.AsSpan(o * inner, inner);
                for (var j = 0; j < n; j++)
                {
                    var row = gx.AsSpan((o * n + j) * inner, inner);
                    TensorPrimitives.MultiplyAdd(src, scale, row, row);
                }
            }
        }, name);
    }

    /// <summary>Largest value, a 0-d tensor. Ties share the gradient equally, as PyTorch's max() does.</summary>
    public static Tensor Max(this Tensor x)
    {
        if (x.Numel == 0) throw new ArgumentException("max: the tensor is empty");
        var xd = x.Data;
        var best = xd[0];
        foreach (var v in xd) if (v > best || float.IsNaN(v)) { best = v; if (float.IsNaN(v)) break; }
        var output = new Tensor([best]);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            var gx = Autograd.GradOf(x);
            var ties = 0;
            foreach (var v in xd) if (v == best) ties++;
            if (ties == 0) return;
            var share = t.Grad![0] / ties;
            for (var k = 0; k < xd.Length; k++) if (xd[k] == best) gx[k] += share;
        }, "max");
    }

    /// <summary>Largest value along <paramref name="dim"/>; the gradient goes to the first maximum, as PyTorch's max(dim).</summary>
    public static Tensor Max(this Tensor x, int dim, bool keepDim = false) => Max(x, dim, out _, keepDim);

    /// <summary>Largest value along <paramref name="dim"/> and its index (first occurrence; NaN counts as largest).</summary>
    public static Tensor Max(this Tensor x, int dim, out int[] indices, bool keepDim = false)
    {
        var d = Shapes.Dim(dim, x.Rank, "max");
        var (outer, n, inner) = Shapes.Around(x.Shape, d);
        if (n == 0) throw new ArgumentException($"max: dim {dim} of shape {x.ShapeString} is empty");
        var xd = x.Data;
        var y = TensorArena.Output(outer * inner);
        var idx = new int[outer * inner];
        for (var o = 0; o < outer; o++)
            for (var i = 0; i < inner; i++)
            {
                var best = xd[o * n * inner + i];
                var at = 0;
                for (var j = 1; j < n && !float.IsNaN(best); j++)
                {
                    var v = xd[(o * n + j) * inner + i];
                    if (v > best || float.IsNaN(v)) { best = v; at = j; }
                }
                y[o * inner + i] = best;
                idx[o * inner + i] = at;
            }
        indices = idx;
        var output = new Tensor(y, Shapes.Without(x.Shape, d, keepDim));
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            var g = t.Grad!;
            var gx = Autograd.GradOf(x);
            for (var o = 0; o < outer; o++)
                for (var i = 0; i < inner; i++)
                    gx[(o * n + idx[o * inner + i]) * inner + i] += g[o * inner + i];
        }, "max_dim");
    }

    /// <summary>Variance of all values (unbiased: divide by N - 1, PyTorch's default), a 0-d tensor.</summary>
    public static Tensor Var(this Tensor x, bool unbiased = true) => Variance(x, 1, x.Numel, 1, [], unbiased);

    public static Tensor Var(this Tensor x, int dim, bool unbiased = true, bool keepDim = false)
    {
        var d = Shapes.Dim(dim, x.Rank, "var");
        var (outer, n, inner) = Shapes.Around(x.Shape, d);
        return Variance(x, outer, n, inner, Shapes.Without(x.Shape, d, keepDim), unbiased);
    }

    private static Tensor Variance(Tensor x, int outer, int n, int inner, int[] shape, bool unbiased)
    {
        var xd = x.Data;
        var y = TensorArena.Output(outer * inner);
        var means = new double[outer * inner];
        var denom = unbiased ? n - 1 : n;
        for (var o = 0; o < outer; o++)
            for (var i = 0; i < inner; i++)
            {
                // Two passes in double: the mean first, then squared deviations (no cancellation).
                double m, ss = 0;
                if (inner == 1)
                {
                    var row = xd.AsSpan(o * n, n);
                    m = Simd.SumDouble(row) / n;
                    ss = Simd.SumSquaredDeviations(row, m);
                }
                else
                {
                    double s = 0;
                    for (var j = 0; j < n; j++) s += xd[(o * n + j) * inner + i];
                    m = s / n;
                    for (var j = 0; j < n; j++) { var dv = xd[(o * n + j) * inner + i] - m; ss += dv * dv; }
                }
                means[o * inner + i] = m;
                y[o * inner + i] = (float)(ss / denom);
            }
        var output = new Tensor(y, shape);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            var g = t.Grad!;
            var gx = Autograd.GradOf(x);
            for (var o = 0; o < outer; o++)
                for (var i = 0; i < inner; i++)
                {
                    var scale = 2.0 * g[o * inner + i] / denom;
                    var m = means[o * inner + i];
                    for (var j = 0; j < n; j++)
                    {
                        var at = (o * n + j) * inner + i;
                        gx[at] += (float)(scale * (xd[at] - m));
                    }
                }
        }, "var");
    }
}
