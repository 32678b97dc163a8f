namespace AlphaSharp.Factors.Operators;

/// <summary>
/// The valid values of a rolling window kept sorted: insert and remove by binary search and a block move, O(n) per
/// step with a tiny constant (n is a window, at most a few hundred days), which beats a tree for these sizes.
/// </summary>
internal sealed class SortedWindow(int capacity)
{
    private readonly float[] _v = new float[Math.Max(capacity, 1)];
    public int Count { get; private set; }

    public void Add(float v)
    {
        if (float.IsNaN(v)) return;
        var at = UpperBound(v);
        Array.Copy(_v, at, _v, at + 1, Count - at);
        _v[at] = v;
        Count++;
    }

    public void Remove(float v)
    {
        if (float.IsNaN(v)) return;
        var at = LowerBound(v);
        Array.Copy(_v, at + 1, _v, at, Count - at - 1);
        Count--;
    }

    /// <summary>pandas' linear-interpolation quantile of the window (q in [0, 1]).</summary>
    public double Quantile(double q)
    {
        if (Count == 0) return double.NaN;
        var pos = q * (Count - 1);
        var lo = (int)Math.Floor(pos);
        if (lo >= Count - 1) return _v[Count - 1];
        var frac = pos - lo;
        return frac == 0 ? _v[lo] : _v[lo] + (_v[lo + 1] - (double)_v[lo]) * frac;
    }

    /// <summary>Percentile rank of v among the window's values, ties averaged (pandas <c>rank(pct=True)</c>).</summary>
    public double PercentRank(float v)
    {
        if (Count == 0 || float.IsNaN(v)) return double.NaN;
        var less = LowerBound(v);
        var notGreater = UpperBound(v);
        return (less + (notGreater - less + 1) / 2.0) / Count;
    }

    private int LowerBound(float v)
    {
        int lo = 0, hi = Count;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (_v[mid] < v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private int UpperBound(float v)
    {
        int lo = 0, hi = Count;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (_v[mid] <= v) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
