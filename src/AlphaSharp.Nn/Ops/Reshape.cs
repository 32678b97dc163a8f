namespace AlphaSharp.Nn;

/// <summary>Shape changes that keep the row-major order: they share the data array (no copy).</summary>
public static partial class Ops
{
    /// <summary>Same values in a new shape; one dim may be -1 (inferred). Shares the data, as a PyTorch view does.</summary>
    public static Tensor Reshape(this Tensor x, params int[] shape)
    {
        var target = (int[])shape.Clone();
        var infer = -1;
        var known = 1;
        for (var k = 0; k < target.Length; k++)
        {
            if (target[k] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"reshape: only one dim may be -1, got {Shapes.Str(shape)}");
                infer = k;
            }
            else if (target[k] < 0) throw new ArgumentException($"reshape: invalid size {target[k]} in {Shapes.Str(shape)}");
            else known *= target[k];
        }
        if (infer >= 0)
        {
            if (known == 0 || x.Numel % known != 0)
                throw new ArgumentException($"reshape: shape {Shapes.Str(shape)} is invalid for a tensor of {x.Numel} values {x.ShapeString}");
            target[infer] = x.Numel / known;
        }
        else if (known != x.Numel)
            throw new ArgumentException($"reshape: shape {Shapes.Str(shape)} is invalid for a tensor of {x.Numel} values {x.ShapeString}");
        var output = new Tensor(x.Data, target);
        if (!Autograd.Needs(x)) return output;
        return Autograd.Record(output, [x], o =>
        {
            var g = o.Grad!;
            var gx = Autograd.GradOf(x);
            System.Numerics.Tensors.TensorPrimitives.Add(gx, g, gx);
        }, "reshape");
    }

    /// <summary>Alias of <see cref="Reshape"/> (every tensor here is contiguous, so a view always exists).</summary>
    public static Tensor View(this Tensor x, params int[] shape) => x.Reshape(shape);

    /// <summary>Inserts a size-1 dim at <paramref name="dim"/> (in [-rank-1, rank]).</summary>
    public static Tensor Unsqueeze(this Tensor x, int dim)
    {
        var d = Shapes.Dim(dim, x.Rank + 1, "unsqueeze");
        return x.Reshape([.. x.Shape[..d], 1, .. x.Shape[d..]]);
    }

    /// <summary>Removes dim <paramref name="dim"/>, which must have size 1.</summary>
    public static Tensor Squeeze(this Tensor x, int dim)
    {
        var d = Shapes.Dim(dim, x.Rank, "squeeze");
        if (x.Shape[d] != 1) throw new ArgumentException($"squeeze: dim {dim} of {x.ShapeString} has size {x.Shape[d]}, not 1");
        return x.Reshape(Shapes.Without(x.Shape, d, keepDim: false));
    }

    /// <summary>Merges dims [startDim, endDim] into one, as torch.flatten.</summary>
    public static Tensor Flatten(this Tensor x, int startDim = 0, int endDim = -1)
    {
        if (x.Rank == 0) return x.Reshape(1);
        var s = Shapes.Dim(startDim, x.Rank, "flatten");
        var e = Shapes.Dim(endDim, x.Rank, "flatten");
        if (s > e) throw new ArgumentException($"flatten: start dim {startDim} comes after end dim {endDim}");
        var merged = 1;
        for (var k = s; k <= e; k++) merged *= x.Shape[k];
        return x.Reshape([.. x.Shape[..s], merged, .. x.Shape[(e + 1)..]]);
    }
}
