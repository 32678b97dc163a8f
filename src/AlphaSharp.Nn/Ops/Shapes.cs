namespace AlphaSharp.Nn;

/// <summary>Shape arithmetic shared by the ops: dimension normalisation, NumPy broadcasting, strides.</summary>
internal static class Shapes
{
    public static string Str(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>A possibly negative dim as an index in [0, rank).</summary>
    public static int Dim(int dim, int rank, string op)
    {
        var d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) throw new ArgumentException($"{op}: dim {dim} is out of range for a tensor of rank {rank}");
        return d;
    }

    /// <summary>The broadcast shape of a and b (NumPy rules: align right; each pair equal or one of them 1).</summary>
    public static int[] Broadcast(int[] a, int[] b, string op)
    {
        if (a.AsSpan().SequenceEqual(b)) return a;
        var rank = Math.Max(a.Length, b.Length);
        var r = new int[rank];
        for (var k = 0; k < rank; k++)
        {
            var da = k - (rank - a.Length) >= 0 ? a[k - (rank - a.Length)] : 1;
            var db = k - (rank - b.Length) >= 0 ? b[k - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {Str(a)} and {Str(b)} do not broadcast (dim {k}: {da} vs {db})");
            r[k] = da == 1 ? db : da;
        }
        return r;
    }

    /// <summary>Element strides of <paramref name="shape"/> laid out to <paramref name="outShape"/>'s rank, 0 where broadcast.</summary>
    public static int[] BroadcastStrides(int[] shape, int[] outShape)
    {
        var r = new int[outShape.Length];
        var stride = 1;
        for (var k = shape.Length - 1; k >= 0; k--)
        {
            var ok = k + outShape.Length - shape.Length;
            r[ok] = shape[k] == 1 && outShape[ok] != 1 ? 0 : stride;
            stride *= shape[k];
        }
        return r;
    }

    /// <summary>(outer, n, inner) of a shape viewed around one dim: sizes before it, of it, and after it.</summary>
    public static (int Outer, int N, int Inner) Around(int[] shape, int dim)
    {
        var outer = 1;
        for (var k = 0; k < dim; k++) outer *= shape[k];
        var inner = 1;
        for (var k = dim + 1; k < shape.Length; k++) inner *= shape[k];
        return (outer, shape[dim], inner);
    }

    public static int[] Without(int[] shape, int dim, bool keepDim)
    {
        if (keepDim)
        {
            var k = (int[])shape.Clone();
            k[dim] = 1;
            return k;
        }
        var r = new int[shape.Length - 1];
        for (int i = 0, j = 0; i < shape.Length; i++) if (i != dim) r[j++] = shape[i];
        return r;
    }
}
