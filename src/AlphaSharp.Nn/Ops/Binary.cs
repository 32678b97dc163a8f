using System.Numerics.Tensors;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn;

/// <summary>Element-wise arithmetic between two tensors with NumPy broadcasting.</summary>
public static partial class Ops
{
    private enum BinaryKind { Add, Sub, Mul, Div }

    /// <summary>a + b, broadcasting.</summary>
    public static Tensor Add(this Tensor a, Tensor b) => Binary(a, b, BinaryKind.Add);
    /// <summary>a - b, broadcasting.</summary>
    public static Tensor Sub(this Tensor a, Tensor b) => Binary(a, b, BinaryKind.Sub);
    /// <summary>a * b element-wise, broadcasting.</summary>
    public static Tensor Mul(this Tensor a, Tensor b) => Binary(a, b, BinaryKind.Mul);
    /// <summary>a / b element-wise, broadcasting.</summary>
    public static Tensor Div(this Tensor a, Tensor b) => Binary(a, b, BinaryKind.Div);

    private static Tensor Binary(Tensor a, Tensor b, BinaryKind kind)
    {
        var name = kind.ToString().ToLowerInvariant();
        var shape = Shapes.Broadcast(a.Shape, b.Shape, name);
        var y = TensorArena.OutputToOverwrite(Tensor.NumelOf(shape));
        BinaryForward(kind, a.Data, a.Shape, b.Data, b.Shape, y, shape);
        var output = new Tensor(y, shape);
        if (!Autograd.Needs(a, b)) return output;
        return Autograd.Record(output, [a, b], o => BinaryBackward(kind, a, b, o), name);
    }

    private static void BinaryForward(BinaryKind kind, float[] a, int[] aShape, float[] b, int[] bShape, float[] y, int[] shape)
    {
        if (aShape.AsSpan().SequenceEqual(bShape) && aShape.AsSpan().SequenceEqual(shape))
        {
            Elementwise.For(y.Length, (from, to) => SameShape(kind, a.AsSpan(from, to - from), b.AsSpan(from, to - from), y.AsSpan(from, to - from)));
            return;
        }
        BroadcastLoop.Run(shape, aShape, bShape, (o, ao, aStep, bo, bStep, len) =>
        {
            var dst = y.AsSpan(o, len);
            if (aStep == 1 && bStep == 1) SameShape(kind, a.AsSpan(ao, len), b.AsSpan(bo, len), dst);
            else if (bStep == 0)
            {
                ReadOnlySpan<float> x = a.AsSpan(ao, len);
                var s = b[bo];
                switch (kind)
                {
                    case BinaryKind.Add: TensorPrimitives.Add(x, s, dst); break;
                    case BinaryKind.Sub: TensorPrimitives.Subtract(x, s, dst); break;
                    case BinaryKind.Mul: TensorPrimitives.Multiply(x, s, dst); break;
                    default: TensorPrimitives.Divide(x, s, dst); break;
                }
            }
            else
            {
                var s = a[ao];
                ReadOnlySpan<float> z = b.AsSpan(bo, len);
                switch (kind)
                {
                    case BinaryKind.Add: TensorPrimitives.Add(z, s, dst); break;
                    case BinaryKind.Sub: TensorPrimitives.Subtract(s, z, dst); break;
                    case BinaryKind.Mul: TensorPrimitives.Multiply(z, s, dst); break;
                    default: TensorPrimitives.Divide(s, z, dst); break;
                }
            }
        });
    }

    private static void SameShape(BinaryKind kind, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> dst)
    {
        switch (kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(x, z, dst); break;
            case BinaryKind.Sub: TensorPrimitives.Subtract(x, z, dst); break;
            case BinaryKind.Mul: TensorPrimitives.Multiply(x, z, dst); break;
            default: TensorPrimitives.Divide(x, z, dst); break;
        }
    }

    private static void BinaryBackward(BinaryKind kind, Tensor a, Tensor b, Tensor o)
    {
        var g = o.Grad!;
        var shape = o.Shape;
        switch (kind)
        {
            case BinaryKind.Add:
            case BinaryKind.Sub:
                if (a.RequiresGrad) BroadcastLoop.AccumulateReduced(g, shape, Autograd.GradOf(a), a.Shape);
                if (b.RequiresGrad)
                {
                    var gb = g;
                    if (kind == BinaryKind.Sub) { gb = TensorArena.Output(g.Length); TensorPrimitives.Negate(g, gb); }
                    BroadcastLoop.AccumulateReduced(gb, shape, Autograd.GradOf(b), b.Shape);
                }
                break;
            case BinaryKind.Mul:
                if (a.RequiresGrad) ReduceProduct(BinaryKind.Mul, g, shape, b, a);
                if (b.RequiresGrad) ReduceProduct(BinaryKind.Mul, g, shape, a, b);
                break;
            default:
                // d(a/b)/da = 1/b; d(a/b)/db = -(a/b)/b = -y/b.
                var gOverB = TensorArena.Output(g.Length);
                BinaryForward(BinaryKind.Div, g, shape, b.Data, b.Shape, gOverB, shape);
                if (b.RequiresGrad)
                {
                    var t = TensorArena.Output(g.Length);
                    TensorPrimitives.Multiply(gOverB, o.Data, t);
                    TensorPrimitives.Negate(t, t);
                    BroadcastLoop.AccumulateReduced(t, shape, Autograd.GradOf(b), b.Shape);
                }
                if (a.RequiresGrad) BroadcastLoop.AccumulateReduced(gOverB, shape, Autograd.GradOf(a), a.Shape);
                break;
        }
    }

    /// <summary>target.grad += reduce(g op other) over the dims target was broadcast along.</summary>
    private static void ReduceProduct(BinaryKind kind, float[] g, int[] shape, Tensor other, Tensor target)
    {
        var t = TensorArena.Output(g.Length);
        BinaryForward(kind, g, shape, other.Data, other.Shape, t, shape);
        BroadcastLoop.AccumulateReduced(t, shape, Autograd.GradOf(target), target.Shape);
    }
}
