namespace AlphaSharp.Models.Datasets;

/// <summary>How one sample is laid out in a batch.</summary>
public enum SampleShape
{
    /// <summary>The features of the decision day: [batch, features].</summary>
    Rows,
    /// <summary>The last L days, oldest first: [batch, days, features] (batch-first sequences).</summary>
    Sequence,
    /// <summary>A feature x day "data image": [batch, features, days].</summary>
    Image,
}

/// <summary>
/// Turns samples into model inputs: each sample's window is copied out of the <see cref="FeatureCube"/> and
/// normalised on the way, so no window is ever stored. Rows are windows of one day.
/// </summary>
public sealed class WindowSampler
{
    public WindowSampler(FeatureCube cube, FeatureNormalizer normalizer, SampleShape shape, int window)
    {
        if (normalizer.Features != cube.F) throw new ArgumentException($"sampler: normalizer fitted on {normalizer.Features} features, cube has {cube.F}");
        if (shape == SampleShape.Rows) window = 1;
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), $"window must be at least 1 day, got {window}");
        Cube = cube;
        Normalizer = normalizer;
        Shape = shape;
        Window = window;
    }

    public FeatureCube Cube { get; }
    public FeatureNormalizer Normalizer { get; }
    public SampleShape Shape { get; }
    public int Window { get; }
    public int SampleSize => Window * Cube.F;

    /// <summary>The shape of a batch of <paramref name="batch"/> samples, as a tensor takes it.</summary>
    public int[] BatchShape(int batch) => Shape switch
    {
        SampleShape.Rows => [batch, Cube.F],
        SampleShape.Sequence => [batch, Window, Cube.F],
        _ => [batch, Cube.F, Window],
    };

    /// <summary>Writes the samples at <paramref name="positions"/> of <paramref name="samples"/> into <paramref name="x"/>, one after another.</summary>
    /// <remarks>Large batches are filled in fixed blocks of samples on both cores; every sample's floats are the same whoever writes them.</remarks>
    public void Fill(SampleIndex samples, ReadOnlySpan<int> positions, Span<float> x)
    {
        var size = SampleSize;
        if (x.Length < positions.Length * size) throw new ArgumentException($"sampler: {x.Length} floats for {positions.Length} samples of {size}");
        if (positions.Length < ParallelSamples)
        {
            FillRange(samples, positions, x);
            return;
        }
        var blocks = (positions.Length + BlockSamples - 1) / BlockSamples;
        var order = positions.ToArray();
        unsafe
        {
            fixed (float* target = x)
            {
                var p = (nint)target;
                Parallel.For(0, blocks, b =>
                {
                    var from = b * BlockSamples;
                    var n = Math.Min(BlockSamples, order.Length - from);
                    FillRange(samples, order.AsSpan(from, n), new Span<float>((float*)p + (long)from * size, n * size));
                });
            }
        }
    }

    private const int ParallelSamples = 256;
    private const int BlockSamples = 64;

    private void FillRange(SampleIndex samples, ReadOnlySpan<int> positions, Span<float> x)
    {
        var size = SampleSize;
        Span<float> scratch = Shape == SampleShape.Image ? new float[size] : default;
        for (var k = 0; k < positions.Length; k++)
        {
            var p = positions[k];
            var target = x.Slice(k * size, size);
            var window = Shape == SampleShape.Image ? scratch : target;
            Cube.CopyWindow(samples.Instruments[p], samples.Days[p], Window, window);
            Normalizer.Apply(window);
            if (Shape == SampleShape.Image) Transpose(window, target, Window, Cube.F);
        }
    }

    /// <summary>The labels of the samples at <paramref name="positions"/>, from an instrument-major label panel.</summary>
    public static void FillLabels(SampleIndex samples, ReadOnlySpan<int> positions, float[] label, int days, Span<float> y)
    {
        for (var k = 0; k < positions.Length; k++)
        {
            var p = positions[k];
            y[k] = label[samples.Instruments[p] * days + samples.Days[p]];
        }
    }

    private static void Transpose(ReadOnlySpan<float> daysByFeatures, Span<float> featuresByDays, int days, int features)
    {
        for (var d = 0; d < days; d++)
            for (var f = 0; f < features; f++)
                featuresByDays[f * days + d] = daysByFeatures[d * features + f];
    }
}
