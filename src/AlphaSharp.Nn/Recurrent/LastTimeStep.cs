namespace AlphaSharp.Nn.Recurrent;

/// <summary>The "take the last time step" head most sequence models in the papers end with.</summary>
public static class Sequence
{
    /// <summary>
    /// output[:, -1, :] (batch_first) or output[-1] (time-major) of a (.., features) sequence: a (B, features) tensor,
    /// or (features) for an unbatched (T, features) input. The gradient flows back into the last step only.
    /// </summary>
    public static Tensor LastTimeStep(Tensor output, bool batchFirst)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Rank is not (2 or 3))
            throw new ArgumentException($"last time step: expected a (T, F), (T, B, F) or (B, T, F) sequence, got shape {output.ShapeString}");
        if (output.Rank == 2)
        {
            int T2 = output.Shape[0], F2 = output.Shape[1];
            if (T2 == 0) throw new ArgumentException($"last time step: the sequence of shape {output.ShapeString} is empty");
            return Take(output, [F2], (T2 - 1) * F2, 1, 0, F2);
        }
        var (T, B, F) = batchFirst ? (output.Shape[1], output.Shape[0], output.Shape[2]) : (output.Shape[0], output.Shape[1], output.Shape[2]);
        if (T == 0) throw new ArgumentException($"last time step: the sequence of shape {output.ShapeString} is empty");
        return batchFirst
            ? Take(output, [B, F], (T - 1) * F, B, T * F, F)
            : Take(output, [B, F], (T - 1) * B * F, B, F, F);
    }

    /// <summary>Gathers <paramref name="rows"/> rows of <paramref name="width"/> values from start + r * stride.</summary>
    private static Tensor Take(Tensor src, int[] shape, int start, int rows, int stride, int width)
    {
        var data = TensorArena.Output(rows * width);
        for (var r = 0; r < rows; r++) src.Data.AsSpan(start + r * stride, width).CopyTo(data.AsSpan(r * width));
        return Autograd.Record(new Tensor(data, shape), [src], o =>
        {
            var g = Autograd.GradOf(src);
            var go = o.Grad!;
            for (var r = 0; r < rows; r++)
            {
                var dst = g.AsSpan(start + r * stride, width);
                var from = go.AsSpan(r * width, width);
                for (var j = 0; j < width; j++) dst[j] += from[j];
            }
        }, "last_time_step");
    }
}
