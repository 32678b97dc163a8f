namespace AlphaSharp.Nn;

/// <summary>Functional forms of the convolution and pooling layers (PyTorch's F.conv1d, F.max_pool1d, F.avg_pool1d).</summary>
public static partial class Ops
{
    /// <summary>F.conv1d with symmetric zero padding; for causal or uneven padding use <see cref="Conv1dOp.Apply"/>.</summary>
    public static Tensor Conv1d(this Tensor x, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1)
    {
        if (weight.Rank != 3) throw new ArgumentException($"conv1d: weight must be (out_channels, in_channels/groups, kernel), got {weight.ShapeString}");
        return Conv1dOp.Apply(x, weight, bias, new Conv1dGeometry(weight.Shape[2], stride, padding, padding, dilation), groups);
    }

    /// <summary>F.max_pool1d (ceil_mode false): (N, C, L) or (C, L).</summary>
    public static Tensor MaxPool1d(this Tensor x, int kernelSize, int? stride = null, int padding = 0, int dilation = 1)
        => Pool1dOps.Max(x, Pool1dShape.Geometry("max_pool1d", kernelSize, stride, padding, dilation));

    /// <summary>F.avg_pool1d (ceil_mode false, count_include_pad true): (N, C, L) or (C, L).</summary>
    public static Tensor AvgPool1d(this Tensor x, int kernelSize, int? stride = null, int padding = 0)
        => Pool1dOps.Avg(x, Pool1dShape.Geometry("avg_pool1d", kernelSize, stride, padding, 1));
}
