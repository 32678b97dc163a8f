using System.Runtime.CompilerServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Running count and power sums (1..4) of the valid values in a window, centred on an anchor near the window mean so
/// the sums do not cancel catastrophically for series whose level is large next to their spread (prices, volumes).
/// The anchor is reset by <see cref="Rebuild"/>. Also tracks how many equal values end the window, so a constant
/// window gives exactly zero variance (pandas does the same).
/// </summary>
internal struct MomentWindow(bool higher)
{
    /// <summary>Whether the third and fourth power sums are kept (skewness, kurtosis); the others need two.</summary>
    private readonly bool _higher = higher;
    public int Count;
    private double _anchor, _s1, _s2, _s3, _s4;
    private float _last;
    private int _run;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(float v)
    {
        if (float.IsNaN(v)) return;
        if (Count == 0) _anchor = v;
        Count++;
        var d = v - _anchor;
        var d2 = d * d;
        _s1 += d; _s2 += d2;
        if (_higher) { _s3 += d2 * d; _s4 += d2 * d2; }
        _run = _run > 0 && v == _last ? _run + 1 : 1;
        _last = v;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Remove(float v)
    {
        if (float.IsNaN(v)) return;
        Count--;
        if (Count == 0) { Reset(); return; }
        var d = v - _anchor;
        var d2 = d * d;
        _s1 -= d; _s2 -= d2;
        if (_higher) { _s3 -= d2 * d; _s4 -= d2 * d2; }
    }

    /// <summary>Recomputes the sums over x[from..to] with the anchor at their first valid value's neighbourhood (their mean).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Rebuild(ReadOnlySpan<float> x, int from, int to)
    {
        var last = _last;
        var run = _run;
        Reset();
        double sum = 0;
        var k = 0;
        for (var j = from; j <= to; j++)
            if (!float.IsNaN(x[j])) { sum += x[j]; k++; }
        if (k == 0) return;
        _anchor = sum / k;
        for (var j = from; j <= to; j++)
        {
            var v = x[j];
            if (float.IsNaN(v)) continue;
            var d = v - _anchor;
            var d2 = d * d;
            _s1 += d; _s2 += d2;
            if (_higher) { _s3 += d2 * d; _s4 += d2 * d2; }
        }
        Count = k;
        _last = last;
        _run = run;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Reset()
    {
        Count = 0; _anchor = 0; _s1 = _s2 = _s3 = _s4 = 0;
    }

    /// <summary>True when every valid value in the window equals the last one.</summary>
    public readonly bool Uniform => Count > 0 && _run >= Count;

    public readonly double Sum => Count == 0 ? double.NaN : _anchor * Count + _s1;
    public readonly double Mean => Count == 0 ? double.NaN : _anchor + _s1 / Count;

    /// <summary>Sum of squared deviations from the window mean.</summary>
    public readonly double M2 => Uniform ? 0 : Math.Max(0, _s2 - _s1 * _s1 / Count);

    /// <summary>Sample variance (ddof 1); NaN below two values.</summary>
    public readonly double Variance => Count < 2 ? double.NaN : M2 / (Count - 1);

    /// <summary>Bias-corrected sample skewness (pandas' <c>rolling.skew</c>); NaN below three values or for a flat window.</summary>
    public readonly double Skewness
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            if (Count < 3) return double.NaN;
            if (Uniform) return 0;
            // One reciprocal for the raw moments instead of a division each.
            double n = Count, inv = 1 / n, m1 = _s1 * inv, e2 = _s2 * inv;
            var b = e2 - m1 * m1;
            if (b <= 1e-14) return double.NaN;
            var c = _s3 * inv - 3 * m1 * e2 + 2 * m1 * m1 * m1;
            return Math.Sqrt(n * (n - 1)) * c / ((n - 2) * b * Math.Sqrt(b));
        }
    }

    /// <summary>Bias-corrected excess kurtosis (pandas' <c>rolling.kurt</c>); NaN below four values.</summary>
    public readonly double Kurtosis
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            if (Count < 4) return double.NaN;
            if (Uniform) return -3;
            // One reciprocal for the raw moments and one division at the end.
            double n = Count, inv = 1 / n, m1 = _s1 * inv, e2 = _s2 * inv, e3 = _s3 * inv, e4 = _s4 * inv;
            var b = e2 - m1 * m1;
            if (b <= 1e-14) return double.NaN;
            var d = e4 - 4 * m1 * e3 + 6 * m1 * m1 * e2 - 3 * m1 * m1 * m1 * m1;
            var bb = b * b;
            // ((n^2 - 1) d / b^2 - 3 (n - 1)^2) / ((n - 2)(n - 3))
            return ((n * n - 1) * d - 3 * (n - 1) * (n - 1) * bb) / (bb * (n - 2) * (n - 3));
        }
    }
}
