using System.Runtime.CompilerServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// The valid values of a rolling window kept sorted: insert and remove by binary search and a block move, O(n) per
/// step with a tiny constant (n is a window, at most a few hundred days), which beats a tree for these sizes.
/// </summary>
internal sealed class SortedWindow(int capacity)
{
    private readonly float[] _v = new float[Math.Max(capacity, 1)];
    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(float v)
    {
        if (float.IsNaN(v)) return;
        var at = UpperBound(v);
        Array.Copy(_v, at, _v, at + 1, Count - at);
        _v[at] = v;
        Count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Remove(float v)
    {
        if (float.IsNaN(v)) return;
        var at = LowerBound(v);
        Array.Copy(_v, at + 1, _v, at, Count - at - 1);
        Count--;
    }

    /// <summary>
    /// Removes <paramref name="old"/> and adds <paramref name="v"/> with one block move between their positions (a
    /// rolling window's usual step), instead of two moves of half the window each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Replace(float old, float v)
    {
        if (float.IsNaN(old)) { Add(v); return; }
        if (float.IsNaN(v)) { Remove(old); return; }
        var from = LowerBound(old);
        var to = UpperBound(v);
        if (to > from)
        {
            // v goes after old's slot: shift (from, to) one left, v lands at to - 1.
            Array.Copy(_v, from + 1, _v, from, to - 1 - from);
            _v[to - 1] = v;
        }
        else
        {
            Array.Copy(_v, to, _v, to + 1, from - to);
            _v[to] = v;
        }
    }

    /// <summary>pandas' linear-interpolation quantile of the window (q in [0, 1]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Quantile(double q)
    {
        if (Count == 0) return double.NaN;
        var pos = q * (Count - 1);
        var lo = (int)Math.Floor(pos);
        if (lo >= Count - 1) return _v[Count - 1];
        var frac = pos - lo;
        return frac == 0 ? _v[lo] : _v[lo] + (_v[lo + 1] - (double)_v[lo]) * frac;
    }

    /// <summary>
    /// Number of values below v (strictly, or not above v for <see cref="UpperBound"/>): counted in SIMD registers for
    /// the short windows factors use, where a branchy binary search loses to its own mispredictions.
    /// </summary>
    private int LowerBound(float v) => Count <= 128 ? CountBelow(v, orEqual: false) : BinaryLowerBound(v);

    private int UpperBound(float v) => Count <= 128 ? CountBelow(v, orEqual: true) : BinaryUpperBound(v);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountBelow(float v, bool orEqual)
    {
        var values = _v.AsSpan(0, Count);
        var width = System.Numerics.Vector<float>.Count;
        var target = new System.Numerics.Vector<float>(v);
        var below = System.Numerics.Vector<int>.Zero;
        var k = 0;
        for (; k + width <= values.Length; k += width)
        {
            var u = new System.Numerics.Vector<float>(values[k..]);
            below -= orEqual ? System.Numerics.Vector.LessThanOrEqual(u, target) : System.Numerics.Vector.LessThan(u, target);
        }
        var n = System.Numerics.Vector.Sum(below);
        for (; k < values.Length; k++) if (orEqual ? values[k] <= v : values[k] < v) n++;
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BinaryLowerBound(float v)
    {
        int lo = 0, hi = Count;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (_v[mid] < v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BinaryUpperBound(float v)
    {
        int lo = 0, hi = Count;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (_v[mid] <= v) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
