using AlphaSharp.Common;
using System.Runtime.Intrinsics.X86;

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
    /// <summary>
    /// The decision day's row read as fields x days (field-major, each field's days oldest first, as Alpha360's
    /// CLOSE59 ... CLOSE0, OPEN59 ...), laid out as a sequence [batch, days, fields]: Qlib's reshape of Alpha360 for its
    /// sequence models. The window is the days per field; the features must be a whole number of fields.
    /// </summary>
    FieldSequence,
}

/// <summary>
/// Turns samples into model inputs: each sample's window is copied out of the <see cref="FeatureCube"/> and
/// normalised on the way, so no window is ever stored. Rows are windows of one day. A sequence or image may step
/// through its days (<paramref name="step"/> 5: every 5th trading day back from the decision day, paper 000's weekly
/// data read off daily features).
/// </summary>
public sealed class WindowSampler
{
    public WindowSampler(FeatureCube cube, FeatureNormalizer normalizer, SampleShape shape, int window, int step = 1)
    {
        if (normalizer.Features != cube.F) throw new ArgumentException($"sampler: normalizer fitted on {normalizer.Features} features, cube has {cube.F}");
        if (shape == SampleShape.Rows) window = 1;
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), $"window must be at least 1 day, got {window}");
        if (step < 1) throw new SettingException($"{new SettingName("window_step")}: {step} is not a step of 1 trading day or more");
        if (step > 1 && shape is not (SampleShape.Sequence or SampleShape.Image))
            throw new SettingException($"{new SettingName("window_step")}: {step} steps through a sequence's days; a {shape} sample has none to step through");
        if (shape == SampleShape.FieldSequence && cube.F % window != 0)
            throw new SettingException($"{new SettingName("window")} {window}: a row of {cube.F} features is not a whole number of fields of {window} days");
        _days = shape == SampleShape.FieldSequence ? 1 : window;
        _span = (_days - 1) * step + 1;
        Cube = cube;
        Normalizer = normalizer;
        Shape = shape;
        Window = window;
        Step = step;
    }

    public FeatureCube Cube { get; }
    public FeatureNormalizer Normalizer { get; }
    public SampleShape Shape { get; }
    public int Window { get; }
    /// <summary>Trading days between two steps of a sequence (1: every day).</summary>
    public int Step { get; }
    /// <summary>Days a sample holds: the window, or the one decision day for a field sequence.</summary>
    private readonly int _days;
    /// <summary>Days read from the cube per sample: the held days and those stepped over between them.</summary>
    private readonly int _span;
    public int SampleSize => _days * Cube.F;

    /// <summary>The shape of a batch of <paramref name="batch"/> samples, as a tensor takes it.</summary>
    public int[] BatchShape(int batch) => Shape switch
    {
        SampleShape.Rows => [batch, Cube.F],
        SampleShape.Sequence => [batch, Window, Cube.F],
        SampleShape.FieldSequence => [batch, Window, Cube.F / Window],
        _ => [batch, Cube.F, Window],
    };

    /// <summary>Writes the samples at <paramref name="positions"/> of <paramref name="samples"/> into <paramref name="x"/>, one after another.</summary>
    /// <remarks>
    /// Batches of more than <see cref="ParallelFloats"/> floats are filled in fixed blocks of samples on both cores;
    /// every sample's floats are the same whoever writes them. Smaller ones, a training batch among them, are filled
    /// on the calling thread: waking the pool costs more than it saves there, and on a busy machine a preempted
    /// worker holds the whole batch up (on the shared 2-core machine an 800-row Alpha158 batch took 0.5 ms in parallel against 0.07 ms serially).
    /// </remarks>
    public void Fill(SampleIndex samples, ReadOnlySpan<int> positions, Span<float> x)
    {
        var size = SampleSize;
        if (x.Length < positions.Length * size) throw new ArgumentException($"sampler: {x.Length} floats for {positions.Length} samples of {size}");
        if ((long)positions.Length * size < ParallelFloats)
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

    private const long ParallelFloats = 1 << 20;
    private const int BlockSamples = 64;

    /// <summary>How many samples ahead <see cref="FillRange"/> asks for a window's memory: enough to cover a DRAM miss
    /// and its page walk behind the work of a few windows, few enough that the lines are still cached when used.</summary>
    private const int PrefetchAhead = 4;

    /// <remarks>
    /// The cube is far larger than the caches and a batch's windows lie at random in it, so each window is a cache
    /// and TLB miss: the window a few samples ahead is prefetched (a hint, which changes no value) while this one is
    /// normalised straight from the cube into the batch in one pass.
    /// </remarks>
    private void FillRange(SampleIndex samples, ReadOnlySpan<int> positions, Span<float> x)
    {
        var size = SampleSize;
        var transposed = Shape is SampleShape.Image or SampleShape.FieldSequence;
        Span<float> scratch = transposed ? new float[size] : default;
        float[]? spanScratch = null;
        for (var k = 0; k < positions.Length; k++)
        {
            if (k + PrefetchAhead < positions.Length) Prefetch(samples, positions[k + PrefetchAhead]);
            var p = positions[k];
            var target = x.Slice(k * size, size);
            var window = transposed ? scratch : target;
            if (Step > 1) FillStepped(samples.Instruments[p], samples.Days[p], window, ref spanScratch);
            else if (Cube.TryWindow(samples.Instruments[p], samples.Days[p], _span, out var source)) Normalizer.Apply(source, window);
            else
            {
                Cube.CopyWindow(samples.Instruments[p], samples.Days[p], _span, window);
                Normalizer.Apply(window);
            }
            if (Shape == SampleShape.Image) Transpose(window, target, Window, Cube.F);
            // fields x days -> days x fields: the same transpose with the row's fields as its "days".
            else if (Shape == SampleShape.FieldSequence) Transpose(window, target, Cube.F / Window, Window);
        }
    }

    /// <summary>Every Step-th day of the span ending on day t, oldest first, normalised into <paramref name="window"/>.</summary>
    private void FillStepped(int i, int t, Span<float> window, ref float[]? scratch)
    {
        var f = Cube.F;
        if (!Cube.TryWindow(i, t, _span, out var span))
        {
            scratch ??= new float[_span * f];
            Cube.CopyWindow(i, t, _span, scratch);
            span = scratch;
        }
        for (var d = 0; d < _days; d++) Normalizer.Apply(span.Slice(d * Step * f, f), window.Slice(d * f, f));
    }

    /// <summary>Asks for every cache line of a sample's window, where the CPU takes prefetch hints.</summary>
    private unsafe void Prefetch(SampleIndex samples, int position)
    {
        if (!Sse.IsSupported || !Cube.TryWindow(samples.Instruments[position], samples.Days[position], _span, out var window)) return;
        const int FloatsPerLine = 64 / sizeof(float);
        fixed (float* start = window)
        {
            for (var at = 0; at < window.Length; at += FloatsPerLine) Sse.Prefetch0(start + at);
            Sse.Prefetch0(start + window.Length - 1); // the window need not start on a line: its last line too
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
