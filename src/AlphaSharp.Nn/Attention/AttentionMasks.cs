namespace AlphaSharp.Nn;

/// <summary>
/// Attention masks are additive float tensors: 0 lets a position through, -inf blocks it, any other value is
/// added to the score (PyTorch's float masks). PyTorch's bool masks (true = blocked) convert with
/// <see cref="FromBool"/>; a row blocked everywhere yields NaN, as in PyTorch.
/// </summary>
public static class AttentionMasks
{
    /// <summary>-inf where <paramref name="blocked"/> is true, 0 elsewhere.</summary>
    public static Tensor FromBool(ReadOnlySpan<bool> blocked, params int[] shape)
    {
        var t = Tensor.Zeros(shape);
        if (blocked.Length != t.Numel)
            throw new ArgumentException($"attention mask: {blocked.Length} flags do not fill shape [{string.Join(", ", shape)}]");
        for (var k = 0; k < blocked.Length; k++) if (blocked[k]) t.Data[k] = float.NegativeInfinity;
        return t;
    }

    /// <summary>[L, L] mask that lets position i attend to positions 0..i only.</summary>
    public static Tensor Causal(int length)
    {
        var t = Tensor.Zeros(length, length);
        for (var i = 0; i < length; i++)
            for (var j = i + 1; j < length; j++) t.Data[i * length + j] = float.NegativeInfinity;
        return t;
    }

    /// <summary>[N, S] key padding mask blocking, in sample n, every key at or after <paramref name="lengths"/>[n].</summary>
    public static Tensor KeyPadding(ReadOnlySpan<int> lengths, int maxLength)
    {
        var t = Tensor.Zeros(lengths.Length, maxLength);
        for (var n = 0; n < lengths.Length; n++)
        {
            if (lengths[n] < 0 || lengths[n] > maxLength)
                throw new ArgumentException($"key padding mask: length {lengths[n]} of sample {n} is outside [0, {maxLength}]");
            for (var s = lengths[n]; s < maxLength; s++) t.Data[n * maxLength + s] = float.NegativeInfinity;
        }
        return t;
    }
}
