namespace AlphaSharp.Nn;

/// <summary>
/// PyTorch's nn.Conv1d (zero padding): weight (out, in/groups, kernel), bias (out), both initialised
/// U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in/groups * kernel, which is what PyTorch's
/// kaiming_uniform_(a=sqrt(5)) reduces to. <c>causal: true</c> pads (kernel-1)*dilation on the left only, so
/// output t depends on inputs up to t (TCN); it gives the same numbers as PyTorch's symmetric padding of that
/// amount followed by chopping the last (kernel-1)*dilation outputs.
/// </summary>
public sealed class Conv1d : Module, IUnaryModule
{
    public Conv1d(int inChannels, int outChannels, int kernelSize, Rng rng, int stride = 1, int padding = 0, int dilation = 1,
        int groups = 1, bool bias = true, bool causal = false)
    {
        if (inChannels <= 0 || outChannels <= 0)
            throw new ArgumentException($"Conv1d: channels must be positive, got in={inChannels} out={outChannels}");
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"Conv1d: in_channels {inChannels} and out_channels {outChannels} must both be divisible by groups {groups}");
        if (causal && padding != 0)
            throw new ArgumentException($"Conv1d: causal padding is (kernel-1)*dilation on the left; do not also pass padding={padding}");
        Geometry = causal
            ? new Conv1dGeometry(kernelSize, stride, (kernelSize - 1) * dilation, 0, dilation)
            : new Conv1dGeometry(kernelSize, stride, padding, padding, dilation);
        Geometry.Validate("Conv1d");
        InChannels = inChannels;
        OutChannels = outChannels;
        Groups = groups;
        var bound = (float)(1.0 / Math.Sqrt(inChannels / groups * kernelSize));
        Weight = RegisterParameter("weight", Tensor.Uniform(rng, -bound, bound, outChannels, inChannels / groups, kernelSize));
        if (bias) Bias = RegisterParameter("bias", Tensor.Uniform(rng, -bound, bound, outChannels));
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int Groups { get; }
    public Conv1dGeometry Geometry { get; }
    public Tensor Weight { get; }
    public Tensor? Bias { get; }

    /// <summary>(N, in, L) -> (N, out, L_out); unbatched (in, L) -> (out, L_out).</summary>
    public Tensor Forward(Tensor x) => Conv1dOp.Apply(x, Weight, Bias, Geometry, Groups);
}
