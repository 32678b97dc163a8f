namespace AlphaSharp.Nn;

/// <summary>Reordering dims: transpose and permute write a fresh contiguous result.</summary>
public static partial class Ops
{
    public static Tensor Transpose(this Tensor x, int dim0, int dim1)
    {
        var d0 = Shapes.Dim(dim0, x.Rank, "transpose");
        var d1 = Shapes.Dim(dim1, x.Rank, "transpose");
        var perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[d0], perm[d1]) = (perm[d1], perm[d0]);
        return x.Permute(perm);
    }

    /// <summary>Output dim k is input dim <paramref name="dims"/>[k], as torch.permute.</summary>
    public static Tensor Permute(this Tensor x, params int[] dims)
    {
        if (dims.Length != x.Rank)
            throw new ArgumentException($"permute: {dims.Length} dims given for a tensor of rank {x.Rank} {x.ShapeString}");
        var perm = new int[dims.Length];
        var seen = new bool[dims.Length];
        for (var k = 0; k < dims.Length; k++)
        {
            perm[k] = Shapes.Dim(dims[k], x.Rank, "permute");
            if (seen[perm[k]]) throw new ArgumentException($"permute: dim {dims[k]} appears twice in {Shapes.Str(dims)}");
            seen[perm[k]] = true;
        }
        var outShape = new int[perm.Length];
        for (var k = 0; k < perm.Length; k++) outShape[k] = x.Shape[perm[k]];
        var y = TensorArena.Output(x.Numel);
        PermuteInto(x.Data, x.Shape, perm, y);
        var output = new Tensor(y, outShape);
        if (!Autograd.Needs(x)) return output;
        var inverse = new int[perm.Length];
        for (var k = 0; k < perm.Length; k++) inverse[perm[k]] = k;
        return Autograd.Record(output, [x], o =>
        {
            var back = new float[x.Numel];
            PermuteInto(o.Grad!, outShape, inverse, back);
            var gx = Autograd.GradOf(x);
            System.Numerics.Tensors.TensorPrimitives.Add(gx, back, gx);
        }, "permute");
    }

    /// <summary>dst = src with dims reordered; walks the output in order with the matching input strides.</summary>
    internal static void PermuteInto(float[] src, int[] shape, int[] perm, float[] dst)
    {
        var rank = shape.Length;
        if (src.Length == 0) return;
        if (SwapsLastTwo(perm))
        {
            int rows = shape[rank - 2], cols = shape[rank - 1];
            for (var at = 0; at < src.Length; at += rows * cols) Transpose2D(src.AsSpan(at, rows * cols), rows, cols, dst.AsSpan(at, rows * cols));
            return;
        }
        var inStrides = new int[rank];
        for (int k = rank - 1, s = 1; k >= 0; k--) { inStrides[k] = s; s *= shape[k]; }
        var outShape = new int[rank];
        var strides = new int[rank];
        for (var k = 0; k < rank; k++) { outShape[k] = shape[perm[k]]; strides[k] = inStrides[perm[k]]; }
        if (rank == 0) { dst[0] = src[0]; return; }
        var len = outShape[rank - 1];
        var step = strides[rank - 1];
        var idx = new int[rank];
        var off = 0;
        for (var o = 0; o < dst.Length; o += len)
        {
            if (step == 1) Array.Copy(src, off, dst, o, len);
            else for (int j = 0, s = off; j < len; j++, s += step) dst[o + j] = src[s];
            for (var d = rank - 2; d >= 0; d--)
            {
                off += strides[d];
                if (++idx[d] < outShape[d]) break;
                off -= strides[d] * outShape[d];
                idx[d] = 0;
            }
        }
    }

    private static bool SwapsLastTwo(int[] perm)
    {
        var r = perm.Length;
        if (r < 2 || perm[r - 1] != r - 2 || perm[r - 2] != r - 1) return false;
        for (var k = 0; k < r - 2; k++) if (perm[k] != k) return false;
        return true;
    }

    /// <summary>dst (cols x rows) = src (rows x cols) transposed, in 8 x 8 register blocks where they fit.</summary>
    private static unsafe void Transpose2D(ReadOnlySpan<float> src, int rows, int cols, Span<float> dst)
    {
        fixed (float* s = src, d = dst)
        {
            var r8 = Kernels.Transpose8.Supported ? rows / 8 * 8 : 0;
            var c8 = Kernels.Transpose8.Supported ? cols / 8 * 8 : 0;
            for (var i = 0; i < r8; i += 8)
                for (var j = 0; j < c8; j += 8)
                    Kernels.Transpose8.Block(s + i * cols + j, cols, d + j * rows + i, rows);
            // The ragged right and bottom borders, one value at a time.
            for (var i = 0; i < rows; i++)
                for (var j = i < r8 ? c8 : 0; j < cols; j++)
                    d[j * rows + i] = s[i * cols + j];
        }
    }
}
