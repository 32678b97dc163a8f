namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// Runs the parts of a loop in lockstep: every part does step s, then all parts wait for each other before any
/// starts step s + 1 (a recurrent step's parts each read the whole state the previous step wrote). Part 0 runs on
/// the caller and the others on dedicated threads, which spin at the barrier: a step takes tens of microseconds,
/// far less than it costs to put a thread to sleep and wake it. Pool threads are not used because a barrier
/// needs every part running at once, which the pool does not promise. While another caller holds the threads the
/// same parts run one after another on the caller: the same arithmetic, so the same bits.
/// </summary>
internal static class Lockstep
{
    private static int _busy;
    private static Worker[] _workers = [];

    [ThreadStatic] private static bool _forceSequential;

    /// <summary>Test hook: calls on this thread run their parts one after another.</summary>
    internal static bool ForceSequential { get => _forceSequential; set => _forceSequential = value; }

    /// <summary>Runs <paramref name="body"/>(part, step) for every part and step, step by step.</summary>
    public static void Run(int parts, int steps, Action<int, int> body)
    {
        if (parts < 1) throw new ArgumentException($"lockstep: parts must be at least 1, got {parts}");
        if (parts == 1 || _forceSequential || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (var s = 0; s < steps; s++)
                for (var p = 0; p < parts; p++) body(p, s);
            return;
        }
        try
        {
            var workers = WorkersFor(parts - 1);
            var job = new Job(parts, steps, body);
            for (var p = 1; p < parts; p++) workers[p - 1].Start(job, p);
            job.RunPart(0);
            job.WaitForAll();
        }
        finally { Volatile.Write(ref _busy, 0); }
    }

    /// <summary>Called only while holding <see cref="_busy"/>, so workers are created by one caller at a time.</summary>
    private static Worker[] WorkersFor(int count)
    {
        if (_workers.Length < count)
        {
            var grown = new Worker[count];
            _workers.CopyTo(grown, 0);
            for (var i = _workers.Length; i < count; i++) grown[i] = new Worker(i + 1);
            _workers = grown;
        }
        return _workers;
    }

    private sealed class Job(int parts, int steps, Action<int, int> body)
    {
        private int _arrived, _generation, _finished;
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
            finally { Interlocked.Increment(ref _finished); }
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

        public void WaitForAll()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _finished) < parts) spin.SpinOnce(sleep1Threshold: -1);
            if (_error is not null) throw new AggregateException("lockstep: a part failed", _error);
        }
    }

    /// <summary>A background thread that runs one part of each job it is handed.</summary>
    private sealed class Worker
    {
        private readonly SemaphoreSlim _wake = new(0);
        private Job? _job;
        private int _part;

        public Worker(int index)
        {
            new Thread(Loop) { IsBackground = true, Name = $"AlphaSharp lockstep {index}" }.Start();
        }

        public void Start(Job job, int part)
        {
            _job = job;
            _part = part;
            _wake.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _wake.Wait();
                var job = _job!;
                _job = null;
                job.RunPart(_part);
            }
        }
    }
}
