namespace AlphaSharp.Nn.Recurrent;

/// <summary>Copies between the caller's sequence layouts (batch_first or time-major) and the kernels' time-major buffers.</summary>
internal static class SequenceLayout
{
    /// <summary>Copies h_t of every t from the tape into an output laid out with the given strides.</summary>
    internal static void ScatterOutputs(LayerTape tape, float[] dst, int column, int strideT, int strideB)
    {
        var sh = tape.Shape;
        for (var t = 0; t < sh.T; t++)
        {
            var src = tape.OutputOffset(t);
            for (var b = 0; b < sh.B; b++)
                tape.Hs.AsSpan(src + b * sh.H, sh.H).CopyTo(dst.AsSpan(t * strideT + b * strideB + column));
        }
    }

    /// <summary>[B, T, F] to [T, B, F].</summary>
    internal static float[] Transpose(float[] src, int B, int T, int F, RentedBuffers buffers)
    {
        var dst = buffers.Rent(src.Length);
        for (var b = 0; b < B; b++)
            for (var t = 0; t < T; t++)
                src.AsSpan((b * T + t) * F, F).CopyTo(dst.AsSpan((t * B + b) * F));
        return dst;
    }

    /// <summary>dst ([B, T, F]) += src ([T, B, F]) transposed.</summary>
    internal static void AddTransposed(float[] src, int T, int B, int F, float[] dst)
    {
        for (var t = 0; t < T; t++)
            for (var b = 0; b < B; b++)
                AddInto(dst, (b * T + t) * F, src.AsSpan((t * B + b) * F, F));
    }

    internal static void AddInto(float[] dst, int offset, ReadOnlySpan<float> src)
    {
        var d = dst.AsSpan(offset, src.Length);
        for (var i = 0; i < src.Length; i++) d[i] += src[i];
    }
}
