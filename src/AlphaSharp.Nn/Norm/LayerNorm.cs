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

    public Tensor Forward(Tensor x) => x.LayerNorm(NormalizedShape, Weight, Bias, Eps);
}
