using System.Diagnostics;

namespace AlphaSharp.Nn.Kernels;

/// <summary>
/// Fork-join for the engine's parallel loops: part 0 runs on the caller and the others on dedicated background
/// threads that, after a part, spin for a while before going to sleep. A training step forks hundreds of times
/// for pieces of work that take tens of microseconds to a few milliseconds; the runtime's pool parks its threads
/// between them and every fork paid a wake-up (a context switch, tens of microseconds) that a spinning worker
/// does not. While another caller holds the workers (a nested call, or a second thread), the parts run one after
/// another on the caller: callers split their work by part, never by thread, so the bits are the same.
/// </summary>
internal static class WorkerPool
{
    /// <summary>How long a worker spins for the next job before sleeping: longer than the gap between the small ops of a step.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    private static int _busy;
    private static Worker[] _workers = [];

    /// <summary>Runs <paramref name="body"/>(part) for every part in [0, parts) and returns when all are done.</summary>
    public static void Run(int parts, Action<int> body)
    {
        if (parts < 1) throw new ArgumentException($"worker pool: parts must be at least 1, got {parts}");
        if (parts == 1 || !TryRunAtOnce(parts, body)) RunOnCaller(parts, body);
    }

    /// <summary>
    /// The parts one after another on the caller. A failure surfaces exactly as on the workers (every part still runs,
    /// then one <see cref="AggregateException"/> carries the first error), so a caller's outcome never depends on
    /// whether someone else held the pool at the time.
    /// </summary>
    private static void RunOnCaller(int parts, Action<int> body)
    {
        Exception? error = null;
        for (var p = 0; p < parts; p++)
        {
            try { body(p); }
            catch (Exception e) { error ??= e; }
        }
        if (error is not null) throw PartFailed(error);
    }

    private static AggregateException PartFailed(Exception error) => new("worker pool: a part failed", error);

    /// <summary>
    /// Runs every part at the same time, one per thread, when the workers are free; false (nothing run) when another
    /// caller holds them. For parts that wait for each other, which cannot run one after another.
    /// </summary>
    public static bool TryRunAtOnce(int parts, Action<int> body)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            var workers = WorkersFor(parts - 1);
            var job = new Job(parts, body);
            for (var p = 1; p < parts; p++) workers[p - 1].Start(job, p);
            job.RunPart(0);
            job.WaitForAll();
            return true;
        }
        finally { Volatile.Write(ref _busy, 0); }
    }

    /// <summary>
    /// Runs <paramref name="body"/>(item) for every item in [0, items) on up to <paramref name="parts"/> threads, which
    /// take items in turn from a shared counter (for items whose arithmetic does not depend on who runs them).
    /// </summary>
    public static void ForEach(int items, int parts, Action<int> body)
    {
        parts = Math.Min(parts, items);
        if (parts <= 1)
        {
            RunOnCaller(1, _ =>
            {
                for (var i = 0; i < items; i++) body(i);
            });
            return;
        }
        var next = -1;
        Run(parts, _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items) body(i);
        });
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

    private sealed class Job(int parts, Action<int> body)
    {
        private int _finished;
        private Exception? _error;

        public void RunPart(int p)
        {
            try { body(p); }
            catch (Exception e) { Interlocked.CompareExchange(ref _error, e, null); }
            finally { Interlocked.Increment(ref _finished); }
        }

        public void WaitForAll()
        {
            // Pause first (parts are usually near done); then yield, in case the scheduler took a worker's core.
            for (var spins = 0; Volatile.Read(ref _finished) < parts; spins++)
            {
                if (spins < 2000) Thread.SpinWait(8);
                else Thread.Yield();
            }
            if (_error is not null) throw PartFailed(_error);
        }
    }

    /// <summary>A background thread that runs one part of each job it is handed.</summary>
    private sealed class Worker
    {
        private readonly SemaphoreSlim _wake = new(0);
        private Job? _job;
        private int _part;
        private int _sleeping;

        public Worker(int index)
        {
            new Thread(Loop) { IsBackground = true, Name = $"AlphaSharp worker {index}" }.Start();
        }

        public void Start(Job job, int part)
        {
            _part = part;
            Volatile.Write(ref _job, job);
            // The compare-exchange is a full fence: either the worker sees the job before it sleeps, or this sees it asleep.
            if (Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1) _wake.Release();
        }

        private void Loop()
        {
            while (true)
            {
                // A wake that finds no job (a paper 003 run once died here on a null job, 9 minutes in, with a
                // second process loading the machine) goes back to waiting rather than taking the process down:
                // a job is only ever handed over by Start, which writes it before it wakes anyone.
                if ((SpinForJob() ?? SleepForJob()) is not { } job) continue;
                _job = null;
                job.RunPart(_part);
            }
        }

        private Job? SpinForJob()
        {
            var deadline = Stopwatch.GetTimestamp() + SpinTicks;
            do
            {
                for (var i = 0; i < 64; i++)
                {
                    var job = Volatile.Read(ref _job);
                    if (job is not null) return job;
                    Thread.SpinWait(8);
                }
            } while (Stopwatch.GetTimestamp() < deadline);
            return null;
        }

        private Job? SleepForJob()
        {
            Interlocked.Exchange(ref _sleeping, 1);
            if (Volatile.Read(ref _job) is not null && Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1)
                return _job!;
            // Either no job yet, or the starter saw this asleep and released the semaphore: wait for that release.
            _wake.Wait();
            return Volatile.Read(ref _job);
        }
    }
}
