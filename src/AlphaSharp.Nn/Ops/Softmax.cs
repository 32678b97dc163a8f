using System.Numerics.Tensors;

namespace AlphaSharp.Nn;

/// <summary>Softmax and log-softmax along a dim, stabilised by subtracting the maximum.</summary>
public static partial class Ops
{
    public static Tensor Softmax(this Tensor x, int dim)
    {
        var d = Shapes.Dim(dim, x.Rank, "softmax");
        var (outer, n, inner) = Shapes.Around(x.Shape, d);
        var xd = x.Data;
        var y = TensorArena.Output(x.Numel);
        for (var o = 0; o < outer; o++)
        {
            if (inner == 1 && n > 0)
            {
                // Contiguous rows: vector max, subtract, exp, scale.
                var src = xd.AsSpan(o * n, n);
                var dst = y.AsSpan(o * n, n);
                TensorPrimitives.Subtract(src, TensorPrimitives.Max(src), dst);
                TensorPrimitives.Exp(dst, dst);
                TensorPrimitives.Multiply(dst, (float)(1.0 / Simd.SumDouble(dst)), dst);
                continue;
            }
            for (var i = 0; i < inner; i++)
            {
                var b = o * n * inner + i;
                var max = float.NegativeInfinity;
                for (var j = 0; j < n; j++) max = Math.Max(max, xd[b + j * inner]);
                double s = 0;
                for (var j = 0; j < n; j++) { var e = MathF.Exp(xd[b + j * inner] - max); y[b + j * inner] = e; s += e; }
                var inv = (float)(1.0 / s);
                for (var j = 0; j < n; j++) y[b + j * inner] *= inv;
            }
        }
        var output = new Tensor(y, x.Shape);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            // dx = y * (g - sum_j g_j y_j)
            var g = t.Grad!;
            var gx = Autograd.GradOf(x);
            for (var o = 0; o < outer; o++)
                for (var i = 0; i < inner; i++)
                {
                    var b = o * n * inner + i;
                    double dot = 0;
                    for (var j = 0; j < n; j++) dot += g[b + j * inner] * y[b + j * inner];
                    var df = (float)dot;
                    for (var j = 0; j < n; j++) gx[b + j * inner] += y[b + j * inner] * (g[b + j * inner] - df);
                }
        }, "softmax");
    }

    public static Tensor LogSoftmax(this Tensor x, int dim)
    {
        var d = Shapes.Dim(dim, x.Rank, "log_softmax");
        var (outer, n, inner) = Shapes.Around(x.Shape, d);
        var xd = x.Data;
        var y = TensorArena.Output(x.Numel);
        for (var o = 0; o < outer; o++)
            for (var i = 0; i < inner; i++)
            {
                var b = o * n * inner + i;
                var max = float.NegativeInfinity;
                for (var j = 0; j < n; j++) max = Math.Max(max, xd[b + j * inner]);
                double s = 0;
                for (var j = 0; j < n; j++) s += Math.Exp(xd[b + j * inner] - max);
                var lse = max + (float)Math.Log(s);
                for (var j = 0; j < n; j++) y[b + j * inner] = xd[b + j * inner] - lse;
            }
        var output = new Tensor(y, x.Shape);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], t =>
        {
            // dx = g - softmax * sum_j g_j
            var g = t.Grad!;
            var gx = Autograd.GradOf(x);
            for (var o = 0; o < outer; o++)
                for (var i = 0; i < inner; i++)
                {
                    var b = o * n * inner + i;
                    double s = 0;
                    for (var j = 0; j < n; j++) s += g[b + j * inner];
                    var sf = (float)s;
                    for (var j = 0; j < n; j++) gx[b + j * inner] += g[b + j * inner] - MathF.Exp(y[b + j * inner]) * sf;
                }
        }, "log_softmax");
    }
}
