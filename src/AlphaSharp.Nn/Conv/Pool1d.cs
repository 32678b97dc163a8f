using AlphaSharp.Nn.Conv;

namespace AlphaSharp.Nn;

/// <summary>Shared argument checks and shapes of the 1-D pools: (N, C, L) or (C, L) in, same leading dims out.</summary>
internal static class Pool1dShape
{
    public static Conv1dGeometry Geometry(string who, int kernelSize, int? stride, int padding, int dilation)
    {
        var g = new Conv1dGeometry(kernelSize, stride ?? kernelSize, padding, padding, dilation);
        g.Validate(who);
        if (padding * 2 > kernelSize)
            throw new ArgumentException($"{who}: padding {padding} must be at most half the kernel size {kernelSize}");
        return g;
    }

    public static (int Rows, int Length, int[] OutShape) Check(string who, Tensor x, Conv1dGeometry g)
    {
        if (x.Rank is not (2 or 3)) throw new ArgumentException($"{who}: expected input (N, C, L) or (C, L), got {x.ShapeString}");
        var length = x.Shape[^1];
        var lout = g.OutputLength(length);
        if (lout <= 0) throw new ArgumentException($"{who}: input {x.ShapeString} is too short for kernel {g.Kernel} with padding {g.PadLeft}");
        var outShape = (int[])x.Shape.Clone();
        outShape[^1] = lout;
        return (x.Numel / length, length, outShape);
    }
}

/// <summary>The pooling ops behind the modules and Ops.MaxPool1d / Ops.AvgPool1d.</summary>
internal static class Pool1dOps
{
    public static Tensor Max(Tensor x, Conv1dGeometry g)
    {
        var (rows, length, outShape) = Pool1dShape.Check("max_pool1d", x, g);
        var lout = outShape[^1];
        var y = Tensor.Zeros(outShape);
        var argmax = new int[y.Numel];
        Pool1dKernel.MaxForward(x.Data, rows, length, g, lout, y.Data, argmax);
        return Autograd.Record(y, [x], o => Pool1dKernel.MaxBackward(o.Grad!, argmax, rows, length, lout, Autograd.GradOf(x)), "max_pool1d");
    }

    public static Tensor Avg(Tensor x, Conv1dGeometry g)
    {
        var (rows, length, outShape) = Pool1dShape.Check("avg_pool1d", x, g);
        var lout = outShape[^1];
        var y = Tensor.Zeros(outShape);
        Pool1dKernel.AvgForward(x.Data, rows, length, g, lout, y.Data);
        return Autograd.Record(y, [x], o => Pool1dKernel.AvgBackward(o.Grad!, rows, length, g, lout, Autograd.GradOf(x)), "avg_pool1d");
    }
}

/// <summary>PyTorch's nn.MaxPool1d (ceil_mode false): kernel, stride (default kernel), padding (-inf), dilation.</summary>
public sealed class MaxPool1d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1) : Module, IUnaryModule
{
    public Conv1dGeometry Geometry { get; } = Pool1dShape.Geometry("MaxPool1d", kernelSize, stride, padding, dilation);

    public Tensor Forward(Tensor x) => Pool1dOps.Max(x, Geometry);
}

/// <summary>PyTorch's nn.AvgPool1d (ceil_mode false, count_include_pad true): padded zeros count in the average.</summary>
public sealed class AvgPool1d(int kernelSize, int? stride = null, int padding = 0) : Module, IUnaryModule
{
    public Conv1dGeometry Geometry { get; } = Pool1dShape.Geometry("AvgPool1d", kernelSize, stride, padding, 1);

    public Tensor Forward(Tensor x) => Pool1dOps.Avg(x, Geometry);
}
