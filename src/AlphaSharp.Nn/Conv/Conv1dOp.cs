using AlphaSharp.Nn.Conv;

namespace AlphaSharp.Nn;

/// <summary>The differentiable 1-D convolution (PyTorch's F.conv1d with separate left/right zero padding).</summary>
public static class Conv1dOp
{
    /// <summary>
    /// x (N, Cin, L) or unbatched (Cin, L); weight (Cout, Cin/groups, K); bias (Cout) or null.
    /// Returns (N, Cout, Lout) (or (Cout, Lout) for unbatched input).
    /// </summary>
    public static Tensor Apply(Tensor x, Tensor weight, Tensor? bias, Conv1dGeometry geometry, int groups = 1)
    {
        geometry.Validate("conv1d");
        if (weight.Rank != 3) throw new ArgumentException($"conv1d: weight must be (out_channels, in_channels/groups, kernel), got {weight.ShapeString}");
        int cout = weight.Shape[0], cinG = weight.Shape[1], k = weight.Shape[2];
        if (k != geometry.Kernel) throw new ArgumentException($"conv1d: weight kernel {k} does not match kernel_size {geometry.Kernel}");
        if (groups <= 0 || cout % groups != 0) throw new ArgumentException($"conv1d: out_channels {cout} is not divisible by groups {groups}");
        if (x.Rank is not (2 or 3)) throw new ArgumentException($"conv1d: expected input (N, C, L) or (C, L), got {x.ShapeString}");
        var batched = x.Rank == 3;
        int n = batched ? x.Shape[0] : 1, cin = x.Shape[^2], length = x.Shape[^1];
        if (cin != cinG * groups)
            throw new ArgumentException($"conv1d: input {x.ShapeString} has {cin} channels, weight {weight.ShapeString} with groups {groups} expects {cinG * groups}");
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != cout))
            throw new ArgumentException($"conv1d: bias must be ({cout}), got {bias.ShapeString}");
        var lout = geometry.OutputLength(length);
        if (lout <= 0)
            throw new ArgumentException($"conv1d: input length {length} is shorter than the dilated kernel {geometry.Dilation * (k - 1) + 1} after padding");

        var col = new float[cin * k * n * lout];
        var y = batched ? Tensor.Zeros(n, cout, lout) : Tensor.Zeros(cout, lout);
        Conv1dKernel.Forward(x.Data, n, cin, length, weight.Data, bias is null ? default : bias.Data, cout, groups, geometry, lout, col, y.Data);
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Autograd.Record(y, inputs, o =>
        {
            Span<float> dx = x.RequiresGrad ? Autograd.GradOf(x) : default;
            Span<float> dw = weight.RequiresGrad ? Autograd.GradOf(weight) : default;
            Span<float> db = bias is { RequiresGrad: true } ? Autograd.GradOf(bias) : default;
            Conv1dKernel.Backward(o.Grad!, col, weight.Data, n, cin, length, cout, groups, geometry, lout, dx, dw, db);
        }, "conv1d");
    }
}
