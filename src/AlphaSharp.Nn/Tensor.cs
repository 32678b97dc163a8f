using System.Text;

namespace AlphaSharp.Nn;

/// <summary>
/// A float32 tensor: a shape and a contiguous row-major buffer. It records how it was made on the autograd tape
/// when any input requires a gradient and gradients are enabled (see <see cref="Autograd"/>).
/// Views are not a thing here: every op writes a fresh contiguous result, which keeps kernels simple and fast.
/// </summary>
public sealed class Tensor
{
    public Tensor(float[] data, params int[] shape)
    {
        var n = NumelOf(shape);
        if (data.Length != n)
            throw new ArgumentException($"tensor: {data.Length} values do not fill shape [{string.Join(", ", shape)}] ({n})");
        Data = data;
        Shape = (int[])shape.Clone();
    }

    /// <summary>The values, row-major. Writable: optimizers and in-place initialisers update it.</summary>
    public float[] Data { get; }
    public int[] Shape { get; }
    public int Rank => Shape.Length;
    public int Numel => Data.Length;
    public int Size(int dim) => Shape[dim < 0 ? dim + Shape.Length : dim];

    /// <summary>Accumulated gradient (same layout as <see cref="Data"/>), allocated on first use.</summary>
    public float[]? Grad { get; set; }
    public bool RequiresGrad { get; set; }

    /// <summary>Optional name (parameters carry their state_dict key).</summary>
    public string? Name { get; set; }

    /// <summary>The tape entry that produced this tensor; null for leaves and for tensors made without grad.</summary>
    internal BackwardNode? Node { get; set; }
    public bool IsLeaf => Node is null;

    public static int NumelOf(ReadOnlySpan<int> shape)
    {
        var n = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"tensor: negative dimension {d}");
            n *= d;
        }
        return n;
    }

    public static Tensor Zeros(params int[] shape) => new(new float[NumelOf(shape)], shape);
    public static Tensor Full(float value, params int[] shape)
    {
        var d = new float[NumelOf(shape)];
        Array.Fill(d, value);
        return new Tensor(d, shape);
    }
    public static Tensor Ones(params int[] shape) => Full(1f, shape);
    public static Tensor Scalar(float value) => new([value]);
    public static Tensor From(float[] data, params int[] shape) => new(data, shape.Length == 0 ? [data.Length] : shape);

    /// <summary>Uniform [low, high) from an explicit generator.</summary>
    public static Tensor Uniform(Rng rng, float low, float high, params int[] shape)
    {
        var t = Zeros(shape);
        for (var k = 0; k < t.Data.Length; k++) t.Data[k] = low + (high - low) * rng.NextFloat();
        return t;
    }

    /// <summary>Standard normal (times <paramref name="std"/>, plus <paramref name="mean"/>) from an explicit generator.</summary>
    public static Tensor Normal(Rng rng, float mean, float std, params int[] shape)
    {
        var t = Zeros(shape);
        for (var k = 0; k < t.Data.Length; k++) t.Data[k] = mean + std * rng.NextNormal();
        return t;
    }

    public float Item() => Numel == 1 ? Data[0] : throw new InvalidOperationException($"Item() on a tensor of {Numel} values");

    /// <summary>A detached copy: same values, no tape, no grad.</summary>
    public Tensor Detach() => new((float[])Data.Clone(), Shape);

    /// <summary>Makes this a leaf that accumulates a gradient (returns itself, for chaining).</summary>
    public Tensor RequireGrad(bool on = true) { RequiresGrad = on; return this; }

    public void ZeroGrad() { if (Grad is not null) Array.Clear(Grad); }

    /// <summary>Back-propagates from this tensor. Without <paramref name="gradient"/> it must hold one value (a loss).</summary>
    public void Backward(float[]? gradient = null) => Autograd.Backward(this, gradient);

    public bool SameShape(Tensor other) => Shape.AsSpan().SequenceEqual(other.Shape);

    public string ShapeString => "[" + string.Join(", ", Shape) + "]";

    public override string ToString()
    {
        var sb = new StringBuilder("tensor(");
        sb.Append(ShapeString);
        sb.Append(", [");
        for (var k = 0; k < Math.Min(8, Numel); k++) sb.Append(k == 0 ? "" : ", ").Append(Data[k].ToString("G6"));
        if (Numel > 8) sb.Append(", ...");
        sb.Append("])");
        return sb.ToString();
    }
}
