namespace AlphaSharp.Nn;

/// <summary>
/// y = x W^T + b (torch.nn.Linear): weight [out, in], bias [out]. PyTorch's default initialisation:
/// kaiming_uniform(a = sqrt 5) for the weight, which is U(-1/sqrt(in), 1/sqrt(in)), and the same bound for the bias.
/// </summary>
public sealed class Linear : Module, IUnaryModule
{
    public Linear(int inFeatures, int outFeatures, Rng rng, bool bias = true)
    {
        if (inFeatures < 0 || outFeatures < 0)
            throw new ArgumentException($"Linear: sizes must be non-negative, got in={inFeatures} out={outFeatures}");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Init.KaimingUniform(Tensor.Zeros(outFeatures, inFeatures), rng, a: Math.Sqrt(5)));
        if (bias)
        {
            var bound = inFeatures > 0 ? 1.0 / Math.Sqrt(inFeatures) : 0;
            Bias = RegisterParameter("bias", Init.Uniform(Tensor.Zeros(outFeatures), rng, -bound, bound));
        }
    }

    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Tensor Weight { get; }
    public Tensor? Bias { get; }

    public Tensor Forward(Tensor input) => input.Linear(Weight, Bias);
}
