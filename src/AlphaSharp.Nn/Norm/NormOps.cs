using AlphaSharp.Nn.Norm;

namespace AlphaSharp.Nn;

/// <summary>Functional layer norm (PyTorch's F.layer_norm).</summary>
public static partial class Ops
{
    /// <summary>
    /// Normalises over the trailing <paramref name="normalizedShape"/> dimensions with the biased variance, then
    /// multiplies by <paramref name="weight"/> and adds <paramref name="bias"/> (both shaped like normalizedShape,
    /// both given or both null).
    /// </summary>
    public static Tensor LayerNorm(this Tensor x, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        var k = normalizedShape.Length;
        if (k == 0 || x.Rank < k || !x.Shape.AsSpan(x.Rank - k).SequenceEqual(normalizedShape))
            throw new ArgumentException($"layer_norm: input {x.ShapeString} does not end with normalized_shape [{string.Join(", ", normalizedShape)}]");
        if ((weight is null) != (bias is null))
            throw new ArgumentException("layer_norm: give both weight and bias, or neither");
        if (weight is not null && (!weight.Shape.AsSpan().SequenceEqual(normalizedShape) || !bias!.Shape.AsSpan().SequenceEqual(normalizedShape)))
            throw new ArgumentException($"layer_norm: weight {weight.ShapeString} and bias {bias!.ShapeString} must be [{string.Join(", ", normalizedShape)}]");
        var d = Tensor.NumelOf(normalizedShape);
        var rows = d == 0 ? 0 : x.Numel / d;
        var y = new Tensor(TensorArena.OutputToOverwrite(x.Numel), x.Shape);
        var mean = new float[rows];
        var rstd = new float[rows];
        LayerNormKernel.Forward(x.Data, rows, d, weight?.Data, bias?.Data, eps, y.Data, mean, rstd);
        Tensor[] inputs = weight is null ? [x] : [x, weight, bias!];
        return Autograd.Record(y, inputs, o =>
        {
            var dx = x.RequiresGrad ? Autograd.GradOf(x) : null;
            var dw = weight is { RequiresGrad: true } ? Autograd.GradOf(weight) : null;
            var db = bias is { RequiresGrad: true } ? Autograd.GradOf(bias) : null;
            LayerNormKernel.Backward(x.Data, o.Grad!, rows, d, mean, rstd, weight?.Data, dx, dw, db);
        }, "layer_norm");
    }
}
