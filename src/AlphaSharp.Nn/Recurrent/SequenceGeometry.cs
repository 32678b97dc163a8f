namespace AlphaSharp.Nn.Recurrent;

/// <summary>Sequence length, batch and layout of one call's input; unbatched input is a batch of one.</summary>
internal readonly record struct SequenceGeometry(int T, int B, bool Batched, bool BatchFirst)
{
    public static SequenceGeometry Of(RecurrentSpec spec, Tensor x)
    {
        if (x.Rank is not (2 or 3))
            throw new ArgumentException($"{spec.Name}: expected input of 2 (unbatched) or 3 (batched) dimensions, got shape {x.ShapeString}");
        if (x.Size(-1) != spec.InputSize)
            throw new ArgumentException($"{spec.Name}: input.size(-1) must be equal to input_size. Expected {spec.InputSize}, got {x.Size(-1)} (input shape {x.ShapeString})");
        var g = x.Rank == 2
            ? new SequenceGeometry(x.Shape[0], 1, false, false)
            : spec.BatchFirst
                ? new SequenceGeometry(x.Shape[1], x.Shape[0], true, true)
                : new SequenceGeometry(x.Shape[0], x.Shape[1], true, false);
        if (g.T == 0 || g.B == 0)
            throw new ArgumentException($"{spec.Name}: input of shape {x.ShapeString} has an empty sequence or batch");
        return g;
    }

    public int[] OutputShape(int features) => !Batched ? [T, features] : BatchFirst ? [B, T, features] : [T, B, features];

    public int[] StateShape(int layers, int hidden) => Batched ? [layers, B, hidden] : [layers, hidden];

    /// <summary>Element strides of (t, b) in the caller's output layout.</summary>
    public (int StrideT, int StrideB) OutputStrides(int features)
        => BatchFirst ? (features, T * features) : (B * features, features);
}
