namespace AlphaSharp.Factors.Expressions;

/// <summary>What an operator evaluation sees besides its inputs: the panel shape, the universe mask and industry codes.</summary>
internal sealed class EvalContext(int T, int N, bool[]? mask, Func<int[]> industryCodes)
{
    private int[]? _groups;
    public int T { get; } = T;
    public int N { get; } = N;
    public int Cells => T * N;

    /// <summary>Universe membership, instrument-major; null = every instrument is a member every day.</summary>
    public bool[]? Mask { get; } = mask;

    /// <summary>Industry code per instrument (-1 = unknown), for neutralizing on industry dummies.</summary>
    public int[] Groups => _groups ??= industryCodes();

    private readonly Stack<float[]> _free = new();

    /// <summary>
    /// An output panel: one released by an earlier node when there is one, otherwise a new uninitialised array (every
    /// operator writes every cell). Reusing panels keeps a batch of hundreds of nodes from churning gigabytes through
    /// the large-object heap.
    /// </summary>
    public float[] Rent()
    {
        lock (_free) if (_free.Count > 0) return _free.Pop();
        return GC.AllocateUninitializedArray<float>(Cells);
    }

    /// <summary>Hands back a panel nobody reads any more.</summary>
    public void Return(float[] panel)
    {
        if (panel.Length != Cells) return;
        lock (_free)
        {
            foreach (var p in _free)
                if (ReferenceEquals(p, panel)) return; // handed back twice: keep one entry, or two nodes would share it
            _free.Push(panel);
        }
    }

    /// <summary>How many free panels the pool keeps from one batch to the next (8 MB each on the shipped store).</summary>
    public const int Retained = 8;

    /// <summary>
    /// End of a batch: keeps at most <see cref="Retained"/> free panels for the next one, so a caller evaluating one
    /// expression at a time writes into memory already mapped rather than faulting in a fresh large-object array each time.
    /// </summary>
    public void ClearPool()
    {
        lock (_free) while (_free.Count > Retained) _free.Pop();
    }

    /// <summary>A full panel for a constant input (length 1), so time-series and cross-section kernels see a panel.</summary>
    public float[] Broadcast(float[] x)
    {
        if (x.Length == Cells) return x;
        var full = new float[Cells];
        Array.Fill(full, x[0]);
        return full;
    }
}
