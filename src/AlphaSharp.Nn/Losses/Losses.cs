namespace AlphaSharp.Nn;

/// <summary>
/// Loss functions as single fused ops (loss and gradient in one pass each), with PyTorch's definitions.
/// Per-sample weights (MSE, L1, Huber) multiply each element's loss and broadcast to the input's shape; the mean
/// is then over all elements, Qlib's weighted loss <c>mean(w * (pred - label)^2)</c>.
/// </summary>
public static partial class Losses
{
    /// <summary>(input - target)^2, optionally times weight.</summary>
    public static Tensor Mse(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
        => Pointwise(input, target, weight, reduction, "mse_loss",
            d => d * d,
            d => 2 * d);

    /// <summary>|input - target|, optionally times weight (subgradient 0 at equality, as PyTorch).</summary>
    public static Tensor L1(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
        => Pointwise(input, target, weight, reduction, "l1_loss",
            Math.Abs,
            d => Math.Sign(d));

    /// <summary>Huber (torch.nn.HuberLoss): 0.5 d^2 when |d| &lt; delta, else delta (|d| - 0.5 delta).</summary>
    public static Tensor Huber(Tensor input, Tensor target, float delta = 1f, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        if (!(delta > 0)) throw new ArgumentException($"huber_loss: delta must be positive, got {delta}");
        return Pointwise(input, target, weight, reduction, "huber_loss",
            d => Math.Abs(d) < delta ? 0.5 * d * d : delta * (Math.Abs(d) - 0.5 * delta),
            d => Math.Abs(d) < delta ? d : delta * Math.Sign(d));
    }

    /// <summary>
    /// loss_k = w_k f(input_k - target_k); gradient w_k f'(d_k) to the input and its negative to the target.
    /// </summary>
    private static Tensor Pointwise(Tensor input, Tensor target, Tensor? weight, Reduction reduction, string name,
        Func<double, double> f, Func<double, double> df)
    {
        if (!input.SameShape(target))
            throw new ArgumentException($"{name}: input {input.ShapeString} and target {target.ShapeString} differ in shape");
        var w = weight is null ? null : Expand(weight, input.Shape, name);
        var n = input.Numel;
        var x = input.Data;
        var t = target.Data;
        var per = new float[n];
        double total = 0;
        for (var k = 0; k < n; k++)
        {
            var v = f((double)x[k] - t[k]) * (w is null ? 1.0 : w[k]);
            per[k] = (float)v;
            total += v;
        }
        var output = Reduce(per, total, input.Shape, reduction);
        // Weights are data here (no gradient flows to them), as in Qlib's weighted losses.
        if (!Autograd.Needs(input, target)) return output;
        return Autograd.Record(output, [input, target], o =>
        {
            var g = o.Grad!;
            var scale = reduction == Reduction.Mean ? 1.0 / n : 1.0;
            var gx = input.RequiresGrad ? Autograd.GradOf(input) : null;
            var gt = target.RequiresGrad ? Autograd.GradOf(target) : null;
            for (var k = 0; k < n; k++)
            {
                var gk = (reduction == Reduction.None ? g[k] : g[0] * scale) * (w is null ? 1.0 : w[k]) * df((double)x[k] - t[k]);
                if (gx is not null) gx[k] += (float)gk;
                if (gt is not null) gt[k] -= (float)gk;
            }
        }, name);
    }

    /// <summary>The per-element losses folded by <paramref name="reduction"/> (mean divides by the element count).</summary>
    private static Tensor Reduce(float[] per, double total, int[] shape, Reduction reduction) => reduction switch
    {
        Reduction.None => new Tensor(per, shape),
        Reduction.Sum => Tensor.Scalar((float)total),
        _ => Tensor.Scalar((float)(total / per.Length)),
    };

    /// <summary>A weight tensor broadcast to <paramref name="shape"/>, as a flat array.</summary>
    private static float[] Expand(Tensor weight, int[] shape, string name)
    {
        var full = Shapes.Broadcast(shape, weight.Shape, name + " (weight)");
        if (!full.AsSpan().SequenceEqual(shape))
            throw new ArgumentException($"{name}: weight {weight.ShapeString} does not broadcast to the input's shape {Shapes.Str(shape)}");
        var result = new float[Tensor.NumelOf(shape)];
        var wd = weight.Data;
        BroadcastLoop.Run(shape, shape, weight.Shape, (o, _, _, wo, step, len) =>
        {
            for (var j = 0; j < len; j++) result[o + j] = wd[wo + j * step];
        });
        return result;
    }
}
