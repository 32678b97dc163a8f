namespace AlphaSharp.Models.Training;

/// <summary>
/// One batch being filled on a pool thread while the trainer steps on the batch before it: the fill reads the cube
/// at random, so it waits on memory most of the time, and the step leaves a core for it. The fill writes only its
/// own batch memory, which no step reads until <see cref="Take"/> hands it over, so the values are the same as a
/// fill on the trainer's own thread. Whoever starts first fills: when the pool has not got to it by the time the
/// trainer needs it (a busy machine), the trainer fills it itself rather than wait.
/// </summary>
internal sealed class FillAhead
{
    private readonly ModelData _data;
    private readonly TrainingBatch _batch;
    private readonly int[] _order;
    private readonly int _from;
    private readonly Task _task;
    private int _claimed;

    private FillAhead(ModelData data, TrainingBatch batch, int[] order, int from)
    {
        _data = data;
        _batch = batch;
        _order = order;
        _from = from;
        _task = Task.Run(TryFill);
    }

    /// <summary>Starts filling <paramref name="batch"/> with the samples at order[from ..] (as many as it holds).</summary>
    public static FillAhead Start(ModelData data, TrainingBatch batch, int[] order, int from) => new(data, batch, order, from);

    /// <summary>The filled batch: filled here if the pool never started it, else once the pool's fill is done (its error rethrown).</summary>
    public TrainingBatch Take()
    {
        if (Claim()) Fill();
        else _task.GetAwaiter().GetResult();
        return _batch;
    }

    private void TryFill()
    {
        if (Claim()) Fill();
    }

    private bool Claim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    private void Fill() => _batch.Fill(_data, _order.AsSpan(_from, _batch.Size));
}
