namespace AlphaSharp.Models.Classical.Svm;

/// <summary>
/// Rows of the training kernel matrix K[r, 0..n), computed on first use and kept in a least-recently-used list bounded
/// by a byte budget (libsvm's cache, by whole rows). At least two rows are always held, since an SMO step needs two.
/// Eviction order depends only on the access sequence, so fits are deterministic.
/// </summary>
internal sealed class KernelCache
{
    private readonly double[] _x;
    private readonly int _n, _d;
    private readonly SvmKernel _kernel;
    private readonly bool _float32;
    private readonly double[]?[] _rows;
    private readonly int[] _prev, _next; // LRU list through the row ids; _head is the most recent
    private readonly int _capacity;
    private int _head = -1, _tail = -1, _held;

    /// <param name="float32">round off-diagonal rows to float32 (libsvm's Qfloat); the diagonal stays double, as libsvm's QD.</param>
    public KernelCache(double[] x, int n, int d, SvmKernel kernel, double cacheMb, bool float32 = false)
    {
        _float32 = float32;
        _x = x;
        _n = n;
        _d = d;
        _kernel = kernel;
        _rows = new double[]?[n];
        _prev = new int[n];
        _next = new int[n];
        var rowBytes = (double)n * sizeof(double);
        _capacity = (int)Math.Clamp(Math.Floor(cacheMb * 1024 * 1024 / rowBytes), 2, n);
        Diagonal = new double[n];
        for (var i = 0; i < n; i++) Diagonal[i] = kernel.Evaluate(x, i, x, i, d);
    }

    public double[] Diagonal { get; }
    public int Capacity => _capacity;
    public long Misses { get; private set; }

    /// <summary>The row K[r, *]. Valid until the next call (which may evict and reuse it).</summary>
    public double[] Row(int r)
    {
        var row = _rows[r];
        if (row != null)
        {
            Unlink(r);
            PushFront(r);
            return row;
        }
        Misses++;
        if (_held == _capacity)
        {
            var victim = _tail;
            Unlink(victim);
            row = _rows[victim];
            _rows[victim] = null;
            _held--;
        }
        row ??= new double[_n];
        _kernel.Row(_x, r, _x, _d, row);
        if (_float32)
            for (var j = 0; j < _n; j++) row[j] = (float)row[j];
        _rows[r] = row;
        _held++;
        PushFront(r);
        return row;
    }

    private void Unlink(int r)
    {
        var p = _prev[r];
        var q = _next[r];
        if (p >= 0) _next[p] = q; else _head = q;
        if (q >= 0) _prev[q] = p; else _tail = p;
    }

    private void PushFront(int r)
    {
        _prev[r] = -1;
        _next[r] = _head;
        if (_head >= 0) _prev[_head] = r;
        _head = r;
        if (_tail < 0) _tail = r;
    }
}
