using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models;

/// <summary>
/// What a model sees of one segment: its samples, their inputs (drawn through the sampler on demand, never stored)
/// and, for fitting, one label and one weight per sample.
/// </summary>
public sealed class ModelData
{
    public ModelData(WindowSampler sampler, SampleIndex samples, float[]? labels = null, float[]? weights = null, float[]? returns = null)
    {
        if (returns is not null && returns.Length != samples.Count)
            throw new ArgumentException($"model data: {returns.Length} returns for {samples.Count} samples");
        if (labels is not null && labels.Length != samples.Count)
            throw new ArgumentException($"model data: {labels.Length} labels for {samples.Count} samples");
        if (weights is not null && weights.Length != samples.Count)
            throw new ArgumentException($"model data: {weights.Length} weights for {samples.Count} samples");
        Sampler = sampler;
        Samples = samples;
        Labels = labels;
        Weights = weights;
        Returns = returns;
    }

    public WindowSampler Sampler { get; }
    public SampleIndex Samples { get; }
    public float[]? Labels { get; }
    public float[]? Weights { get; }
    /// <summary>
    /// Each sample's raw label (the return it would earn), beside a fitting label that may be ranked or classed: what a
    /// validation backtest earns. Null where the data was not built from a dataset's label panel.
    /// </summary>
    public float[]? Returns { get; }
    public int Count => Samples.Count;
    public int SampleSize => Sampler.SampleSize;

    /// <summary>
    /// The samples of a span with their labels, and optionally their weights and raw returns, read from instrument-major
    /// panels.
    /// </summary>
    public static ModelData WithLabels(WindowSampler sampler, SampleIndex samples, float[] labelPanel, float[]? weightPanel = null, float[]? returnPanel = null)
    {
        float[]? Read(float[]? panel)
        {
            if (panel is null) return null;
            var values = new float[samples.Count];
            WindowSampler.FillLabels(samples, Enumerable.Range(0, samples.Count).ToArray(), panel, sampler.Cube.T, values);
            return values;
        }
        return new ModelData(sampler, samples, Read(labelPanel), Read(weightPanel), Read(returnPanel));
    }

    public void FillInputs(ReadOnlySpan<int> positions, Span<float> x) => Sampler.Fill(Samples, positions, x);

    /// <summary>Every sample's inputs as one row-major matrix (Count x SampleSize), for the classical models.</summary>
    public float[] Matrix()
    {
        var x = new float[(long)Count * SampleSize];
        const int Block = 4096;
        Parallel.For(0, (Count + Block - 1) / Block, b =>
        {
            var from = b * Block;
            var to = Math.Min(Count, from + Block);
            var positions = Enumerable.Range(from, to - from).ToArray();
            Sampler.Fill(Samples, positions, x.AsSpan(from * SampleSize, (to - from) * SampleSize));
        });
        return x;
    }

    /// <summary><see cref="Matrix"/> in double, as the classical solvers take it.</summary>
    public double[,] MatrixAsDouble()
    {
        var m = Matrix();
        var d = new double[Count, SampleSize];
        for (var r = 0; r < Count; r++)
            for (var c = 0; c < SampleSize; c++) d[r, c] = m[(long)r * SampleSize + c];
        return d;
    }
}
