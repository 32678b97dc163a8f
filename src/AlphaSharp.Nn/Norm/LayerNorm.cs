using AlphaSharp.Nn.Norm;

namespace AlphaSharp.Nn;

/// <summary>
/// PyTorch's nn.LayerNorm: normalises over the trailing dimensions given by <c>normalized_shape</c> with the biased
/// variance, then an elementwise affine (weight ones, bias zeros, shaped like normalized_shape).
/// </summary>
public sealed class LayerNorm : Module, IUnaryModule
{
    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        if (normalizedShape.Length == 0 || normalizedShape.Any(s => s <= 0))
            throw new ArgumentException($"LayerNorm: normalized_shape must be non-empty and positive, got [{string.Join(", ", normalizedShape)}]");
        if (eps <= 0) throw new ArgumentException($"LayerNorm: eps must be positive, got {eps}");
        NormalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(NormalizedShape));
            Bias = RegisterParameter("bias", Tensor.Zeros(NormalizedShape));
        }
    }

    public LayerNorm(int normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
        : this([normalizedShape], eps, elementwiseAffine) { }

    public int[] NormalizedShape { get; }
    public double Eps { get; }
    public Tensor? Weight { get; }
    public Tensor? Bias { get; }

    public Tensor Forward(Tensor x)
    {
        var k = NormalizedShape.Length;
        if (x.Rank < k || !x.Shape.AsSpan(x.Rank - k).SequenceEqual(NormalizedShape))
            throw new ArgumentException($"LayerNorm: input {x.ShapeString} does not end with normalized_shape [{string.Join(", ", NormalizedShape)}]");
        var d = Tensor.NumelOf(NormalizedShape);
        var rows = x.Numel / d;
        var y = Tensor.Zeros(x.Shape);
        var mean = new float[rows];
        var rstd = new float[rows];
        ReadOnlySpan<float> w = Weight is null ? default : Weight.Data;
        ReadOnlySpan<float> b = Bias is null ? default : Bias.Data;
        LayerNormKernel.Forward(x.Data, rows, d, w, b, Eps, y.Data, mean, rstd);

        var weight = Weight;
        var bias = Bias;
        Tensor[] inputs = weight is null ? [x] : [x, weight, bias!];
        return Autograd.Record(y, inputs, o =>
        {
            Span<float> dx = x.RequiresGrad ? Autograd.GradOf(x) : default;
            Span<float> dw = weight is { RequiresGrad: true } ? Autograd.GradOf(weight) : default;
            Span<float> db = bias is { RequiresGrad: true } ? Autograd.GradOf(bias) : default;
            LayerNormKernel.Backward(x.Data, o.Grad!, rows, d, mean, rstd, weight is null ? default : weight.Data, dx, dw, db);
        }, "layer_norm");
    }
}
