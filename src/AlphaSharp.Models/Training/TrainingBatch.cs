using AlphaSharp.Nn;

namespace AlphaSharp.Models.Training;

/// <summary>
/// The memory of one training batch size, made once per fit and refilled for every batch: the inputs, labels and
/// weights, and the tensors over them (a tensor takes an array of its exact size, so a fit's short last batch has
/// its own). A step reads them only as inputs, so refilling them for the next batch changes nothing already done.
/// </summary>
internal sealed class TrainingBatch
{
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float[]? _w;

    public TrainingBatch(ModelData data, int size)
    {
        Size = size;
        _x = new float[size * data.SampleSize];
        _y = new float[size];
        _w = data.Weights is null ? null : new float[size];
        Inputs = new Tensor(_x, data.Sampler.BatchShape(size));
        Targets = new Tensor(_y, size, 1);
        Classes = new Tensor(_y, size);
        Weights = _w is null ? null : new Tensor(_w, size, 1);
    }

    public int Size { get; }
    public Tensor Inputs { get; }
    /// <summary>The labels as a regression's [batch, 1] target.</summary>
    public Tensor Targets { get; }
    /// <summary>The same labels as a classifier's [batch] class indices.</summary>
    public Tensor Classes { get; }
    /// <summary>Each sample's weight as [batch, 1], or null when the data has none (all weigh 1).</summary>
    public Tensor? Weights { get; }

    /// <summary>Fills the batch with the samples at <paramref name="positions"/> of <paramref name="data"/> (exactly <see cref="Size"/> of them).</summary>
    public void Fill(ModelData data, ReadOnlySpan<int> positions)
    {
        if (positions.Length != Size) throw new ArgumentException($"training batch: {positions.Length} samples for a batch of {Size}");
        data.FillInputs(positions, _x);
        var labels = data.Labels!;
        for (var k = 0; k < positions.Length; k++) _y[k] = labels[positions[k]];
        if (_w is null) return;
        var weights = data.Weights!;
        for (var k = 0; k < positions.Length; k++) _w[k] = weights[positions[k]];
    }
}
