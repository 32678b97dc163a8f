using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// Runs the parts of a loop in lockstep: every part does step s, then all parts wait for each other before any
/// starts step s + 1 (a recurrent step's parts each read the whole state the previous step wrote). The parts run
/// at once on <see cref="WorkerPool"/>'s threads and spin at the barrier: a step takes tens of microseconds, far
/// less than it costs to put a thread to sleep and wake it. While another caller holds the workers the same
/// parts run one after another on the caller, step by step: the same arithmetic, so the same bits.
/// </summary>
internal static class Lockstep
{
    [ThreadStatic] private static bool _forceSequential;

    /// <summary>Test hook: calls on this thread run their parts one after another.</summary>
    internal static bool ForceSequential { get => _forceSequential; set => _forceSequential = value; }

    /// <summary>Runs <paramref name="body"/>(part, step) for every part and step, step by step.</summary>
    public static void Run(int parts, int steps, Action<int, int> body)
    {
        if (parts < 1) throw new ArgumentException($"lockstep: parts must be at least 1, got {parts}");
        if (parts > 1 && !_forceSequential)
        {
            var job = new Job(parts, steps, body);
            if (WorkerPool.TryRunAtOnce(parts, job.RunPart))
            {
                job.ThrowIfFailed();
                return;
            }
        }
        // On the caller a failure ends the run as it does on the workers: one AggregateException with the part's error,
        // so the outcome does not depend on whether another caller held the pool.
        try
        {
            for (var s = 0; s < steps; s++)
                for (var p = 0; p < parts; p++) body(p, s);
        }
        catch (Exception e) { throw PartFailed(e); }
    }

    private static AggregateException PartFailed(Exception error) => new("lockstep: a part failed", error);

    private sealed class Job(int parts, int steps, Action<int, int> body)
    {
        private int _arrived, _generation;
        private volatile bool _faulted;
        private Exception? _error;

        public void RunPart(int p)
        {
            try
            {
                for (var s = 0; s < steps; s++)
                {
                    body(p, s);
                    Barrier();
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
                _faulted = true;
            }
        }

        /// <summary>A sense-counting barrier: the last part to arrive resets the count and opens the next generation.</summary>
        private void Barrier()
        {
            var generation = Volatile.Read(ref _generation);
            if (Interlocked.Increment(ref _arrived) == parts)
            {
                _arrived = 0;
                Volatile.Write(ref _generation, generation + 1);
                return;
            }
            var spin = new SpinWait();
            while (Volatile.Read(ref _generation) == generation)
            {
                // A part that threw never arrives: the others leave instead of waiting for it forever.
                if (_faulted) throw new OperationCanceledException("lockstep: another part failed");
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        /// <summary>The first part's error, not the cancellations it caused in the others.</summary>
        public void ThrowIfFailed()
        {
            if (_error is not null) throw PartFailed(_error);
        }
    }
}
