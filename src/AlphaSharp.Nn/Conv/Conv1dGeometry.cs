namespace AlphaSharp.Nn;

/// <summary>
/// The shape arithmetic of a 1-D convolution or pooling window, with separate left and right padding so causal
/// (left-only) padding is the same code as PyTorch's symmetric padding.
/// </summary>
public readonly record struct Conv1dGeometry(int Kernel, int Stride, int PadLeft, int PadRight, int Dilation)
{
    /// <summary>PyTorch's L_out = floor((L + pads - dilation*(k-1) - 1) / stride) + 1 (0 when the window does not fit).</summary>
    public int OutputLength(int length)
    {
        var span = length + PadLeft + PadRight - Dilation * (Kernel - 1) - 1;
        return span < 0 ? 0 : span / Stride + 1;
    }

    /// <summary>Left-only padding of (k-1)*dilation: output t sees inputs up to t and nothing later (TCN).</summary>
    public static Conv1dGeometry Causal(int kernel, int dilation = 1) => new(kernel, 1, (kernel - 1) * dilation, 0, dilation);

    internal void Validate(string who)
    {
        if (Kernel <= 0) throw new ArgumentException($"{who}: kernel_size must be positive, got {Kernel}");
        if (Stride <= 0) throw new ArgumentException($"{who}: stride must be positive, got {Stride}");
        if (Dilation <= 0) throw new ArgumentException($"{who}: dilation must be positive, got {Dilation}");
        if (PadLeft < 0 || PadRight < 0) throw new ArgumentException($"{who}: padding must be non-negative, got ({PadLeft}, {PadRight})");
    }
}
