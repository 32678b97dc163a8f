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
        => Pointwise(new SquaredTerm(), input, target, weight, reduction, "mse_loss");

    /// <summary>|input - target|, optionally times weight (subgradient 0 at equality, as PyTorch).</summary>
    public static Tensor L1(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
        => Pointwise(new AbsoluteTerm(), input, target, weight, reduction, "l1_loss");

    /// <summary>Huber (torch.nn.HuberLoss): 0.5 d^2 when |d| &lt; delta, else delta (|d| - 0.5 delta).</summary>
    public static Tensor Huber(Tensor input, Tensor target, float delta = 1f, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        if (!(delta > 0)) throw new ArgumentException($"huber_loss: delta must be positive, got {delta}");
        return Pointwise(new HuberTerm(delta), input, target, weight, reduction, "huber_loss");
    }

    /// <summary>
    /// loss_k = w_k f(input_k - target_k); gradient w_k f'(d_k) to the input and its negative to the target.
    /// </summary>
    private static Tensor Pointwise<T>(T term, Tensor input, Tensor target, Tensor? weight, Reduction reduction, string name)
        where T : struct, ILossTerm
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
            var v = term.F((double)x[k] - t[k]) * (w is null ? 1.0 : w[k]);
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
                var gk = (reduction == Reduction.None ? g[k] : g[0] * scale) * (w is null ? 1.0 : w[k]) * term.D((double)x[k] - t[k]);
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

/// <summary>One element's loss f(d) of the difference d = input - target, and its derivative.</summary>
internal interface ILossTerm
{
    double F(double d);
    double D(double d);
}

internal readonly struct SquaredTerm : ILossTerm
{
    public double F(double d) => d * d;
    public double D(double d) => 2 * d;
}

internal readonly struct AbsoluteTerm : ILossTerm
{
    public double F(double d) => Math.Abs(d);
    public double D(double d) => Math.Sign(d);
}

internal readonly struct HuberTerm(double delta) : ILossTerm
{
    public double F(double d) => Math.Abs(d) < delta ? 0.5 * d * d : delta * (Math.Abs(d) - 0.5 * delta);
    public double D(double d) => Math.Abs(d) < delta ? d : delta * Math.Sign(d);
}
