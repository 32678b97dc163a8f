namespace AlphaSharp.Models.Classical.Svm;

/// <summary>
/// libsvm's Solver (Chang &amp; Lin; Fan, Chen &amp; Lin 2005): minimises 0.5 a'Qa + p'a subject to y'a = const and
/// 0 &lt;= a_i &lt;= C_i, with Q_ij = y_i y_j K(r_i, r_j) (r_i the kernel row of variable i, which lets SVR's 2l
/// variables share l kernel rows). Each step takes the maximal violating i and the j of the second-order gain (WSS3),
/// solves the two-variable problem exactly, and stops when m(a) - M(a) &lt; eps. The state is kept by position and
/// swapped on shrinking exactly as libsvm does, so the sequence of working sets, and hence the answer, follows
/// libsvm's as far as rounding allows. Sums are in double.
/// </summary>
internal sealed class SmoSolver
{
    private const double Tau = 1e-12;
    private const byte Lower = 0, Upper = 1, Free = 2;

    private readonly KernelCache _cache;
    private readonly int _l;
    private readonly sbyte[] _y;
    private readonly double[] _g, _gBar, _alpha, _p, _c, _qd;
    private readonly byte[] _status;
    private readonly int[] _activeSet, _real;
    private readonly double[] _qi, _qj, _qRow;
    private readonly double _eps;
    private int _activeSize;
    private bool _unshrink;

    private SmoSolver(KernelCache cache, int[] real, sbyte[] y, double[] p, double[] c, double eps)
    {
        _cache = cache;
        _l = y.Length;
        _y = (sbyte[])y.Clone();
        _p = (double[])p.Clone();
        _c = (double[])c.Clone();
        _real = (int[])real.Clone();
        _eps = eps;
        _alpha = new double[_l];
        _g = new double[_l];
        _gBar = new double[_l];
        _status = new byte[_l];
        _qd = new double[_l];
        _activeSet = new int[_l];
        _qi = new double[_l];
        _qj = new double[_l];
        _qRow = new double[_l];
        for (var i = 0; i < _l; i++)
        {
            _activeSet[i] = i;
            _qd[i] = cache.Diagonal[real[i]];
            UpdateStatus(i);
        }
        _activeSize = _l;
    }

    /// <summary>The solution by variable (input order), rho, and the number of steps taken.</summary>
    public readonly record struct Result(double[] Alpha, double Rho, long Iterations, bool Converged);

    /// <summary>Starts from a = 0, so the gradient is p.</summary>
    public static Result Solve(KernelCache cache, int[] real, sbyte[] y, double[] p, double[] c, double eps, bool shrinking, long maxIterations)
        => new SmoSolver(cache, real, y, p, c, eps).Run(shrinking, maxIterations);

    private Result Run(bool shrinking, long maxIterations)
    {
        for (var i = 0; i < _l; i++)
        {
            _g[i] = _p[i];
            _gBar[i] = 0;
        }
        long iter = 0;
        var counter = Math.Min(_l, 1000) + 1;
        var converged = false;
        while (iter < maxIterations)
        {
            if (--counter == 0)
            {
                counter = Math.Min(_l, 1000);
                if (shrinking) Shrink();
            }
            if (!SelectWorkingSet(out var i, out var j))
            {
                ReconstructGradient();
                _activeSize = _l;
                if (!SelectWorkingSet(out i, out j))
                {
                    converged = true;
                    break;
                }
                counter = 1; // shrink again at the next step
            }
            ++iter;
            Step(i, j);
        }
        if (!converged && _activeSize < _l)
        {
            ReconstructGradient();
            _activeSize = _l;
        }
        var rho = CalculateRho();
        var alpha = new double[_l];
        for (var k = 0; k < _l; k++) alpha[_activeSet[k]] = _alpha[k];
        return new Result(alpha, rho, iter, converged);
    }

    private void Step(int i, int j)
    {
        // _qi already holds Q_i over the active set (filled by SelectWorkingSet).
        FillQ(j, _activeSize, _qj);
        var qi = _qi;
        var qj = _qj;
        double ci = _c[i], cj = _c[j];
        double oldAi = _alpha[i], oldAj = _alpha[j];
        if (_y[i] != _y[j])
        {
            var quad = _qd[i] + _qd[j] + 2 * qi[j];
            if (quad <= 0) quad = Tau;
            var delta = (-_g[i] - _g[j]) / quad;
            var diff = _alpha[i] - _alpha[j];
            _alpha[i] += delta;
            _alpha[j] += delta;
            if (diff > 0)
            {
                if (_alpha[j] < 0) { _alpha[j] = 0; _alpha[i] = diff; }
            }
            else if (_alpha[i] < 0) { _alpha[i] = 0; _alpha[j] = -diff; }
            if (diff > ci - cj)
            {
                if (_alpha[i] > ci) { _alpha[i] = ci; _alpha[j] = ci - diff; }
            }
            else if (_alpha[j] > cj) { _alpha[j] = cj; _alpha[i] = cj + diff; }
        }
        else
        {
            var quad = _qd[i] + _qd[j] - 2 * qi[j];
            if (quad <= 0) quad = Tau;
            var delta = (_g[i] - _g[j]) / quad;
            var sum = _alpha[i] + _alpha[j];
            _alpha[i] -= delta;
            _alpha[j] += delta;
            if (sum > ci)
            {
                if (_alpha[i] > ci) { _alpha[i] = ci; _alpha[j] = sum - ci; }
            }
            else if (_alpha[j] < 0) { _alpha[j] = 0; _alpha[i] = sum; }
            if (sum > cj)
            {
                if (_alpha[j] > cj) { _alpha[j] = cj; _alpha[i] = sum - cj; }
            }
            else if (_alpha[i] < 0) { _alpha[i] = 0; _alpha[j] = sum; }
        }

        var dai = _alpha[i] - oldAi;
        var daj = _alpha[j] - oldAj;
        var g = _g.AsSpan(0, _activeSize);
        var qiSpan = qi.AsSpan(0, g.Length);
        var qjSpan = qj.AsSpan(0, g.Length);
        for (var k = 0; k < g.Length; k++) g[k] += qiSpan[k] * dai + qjSpan[k] * daj;

        var wasUpperI = _status[i] == Upper;
        var wasUpperJ = _status[j] == Upper;
        UpdateStatus(i);
        UpdateStatus(j);
        if (wasUpperI != (_status[i] == Upper)) UpdateGBar(i, wasUpperI ? -ci : ci);
        if (wasUpperJ != (_status[j] == Upper)) UpdateGBar(j, wasUpperJ ? -cj : cj);
    }

    // G_bar_k = sum over upper-bounded m of C_m Q_mk: the part of the gradient a shrunk variable needs back.
    private void UpdateGBar(int i, double factor)
    {
        FillQ(i, _l, _qRow);
        for (var k = 0; k < _l; k++) _gBar[k] += factor * _qRow[k];
    }

    private void FillQ(int pos, int len, double[] buffer)
    {
        var row = _cache.Row(_real[pos]);
        var y = _y.AsSpan(0, len);
        var real = _real.AsSpan(0, len);
        var dest = buffer.AsSpan(0, len);
        if (_y[pos] > 0)
            for (var k = 0; k < dest.Length; k++) dest[k] = y[k] > 0 ? row[real[k]] : -row[real[k]];
        else
            for (var k = 0; k < dest.Length; k++) dest[k] = y[k] > 0 ? -row[real[k]] : row[real[k]];
    }

    private bool SelectWorkingSet(out int outI, out int outJ)
    {
        double gMax = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        int gMaxIdx = -1, gMinIdx = -1;
        var objDiffMin = double.PositiveInfinity;
        for (var t = 0; t < _activeSize; t++)
        {
            if (_y[t] == +1)
            {
                if (_status[t] != Upper && -_g[t] >= gMax) { gMax = -_g[t]; gMaxIdx = t; }
            }
            else if (_status[t] != Lower && _g[t] >= gMax) { gMax = _g[t]; gMaxIdx = t; }
        }
        var i = gMaxIdx;
        if (i != -1)
        {
            FillQ(i, _activeSize, _qi);
            var yi = _y[i];
            for (var j = 0; j < _activeSize; j++)
            {
                double gradDiff, quad;
                if (_y[j] == +1)
                {
                    if (_status[j] == Lower) continue;
                    gradDiff = gMax + _g[j];
                    if (_g[j] >= gMax2) gMax2 = _g[j];
                    if (!(gradDiff > 0)) continue;
                    quad = _qd[i] + _qd[j] - 2.0 * yi * _qi[j];
                }
                else
                {
                    if (_status[j] == Upper) continue;
                    gradDiff = gMax - _g[j];
                    if (-_g[j] >= gMax2) gMax2 = -_g[j];
                    if (!(gradDiff > 0)) continue;
                    quad = _qd[i] + _qd[j] + 2.0 * yi * _qi[j];
                }
                var objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / Tau;
                if (objDiff <= objDiffMin) { gMinIdx = j; objDiffMin = objDiff; }
            }
        }
        outI = gMaxIdx;
        outJ = gMinIdx;
        return !(gMax + gMax2 < _eps || gMinIdx == -1);
    }

    private void ReconstructGradient()
    {
        if (_activeSize == _l) return;
        for (var j = _activeSize; j < _l; j++) _g[j] = _gBar[j] + _p[j];
        var nFree = 0;
        for (var j = 0; j < _activeSize; j++) if (_status[j] == Free) nFree++;
        // Whichever loop touches fewer kernel entries (libsvm's choice).
        if ((double)nFree * _l > 2.0 * _activeSize * (_l - _activeSize))
        {
            for (var i = _activeSize; i < _l; i++)
            {
                FillQ(i, _activeSize, _qRow);
                for (var j = 0; j < _activeSize; j++)
                    if (_status[j] == Free) _g[i] += _alpha[j] * _qRow[j];
            }
        }
        else
        {
            for (var i = 0; i < _activeSize; i++)
            {
                if (_status[i] != Free) continue;
                FillQ(i, _l, _qRow);
                var ai = _alpha[i];
                for (var j = _activeSize; j < _l; j++) _g[j] += ai * _qRow[j];
            }
        }
    }

    private void Shrink()
    {
        double gMax1 = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        for (var i = 0; i < _activeSize; i++)
        {
            if (_y[i] == +1)
            {
                if (_status[i] != Upper) gMax1 = Math.Max(gMax1, -_g[i]);
                if (_status[i] != Lower) gMax2 = Math.Max(gMax2, _g[i]);
            }
            else
            {
                if (_status[i] != Upper) gMax2 = Math.Max(gMax2, -_g[i]);
                if (_status[i] != Lower) gMax1 = Math.Max(gMax1, _g[i]);
            }
        }
        if (!_unshrink && gMax1 + gMax2 <= _eps * 10)
        {
            _unshrink = true;
            ReconstructGradient();
            _activeSize = _l;
        }
        for (var i = 0; i < _activeSize; i++)
        {
            if (!BeShrunk(i, gMax1, gMax2)) continue;
            _activeSize--;
            while (_activeSize > i)
            {
                if (!BeShrunk(_activeSize, gMax1, gMax2))
                {
                    Swap(i, _activeSize);
                    break;
                }
                _activeSize--;
            }
        }
    }

    private bool BeShrunk(int i, double gMax1, double gMax2)
    {
        if (_status[i] == Upper) return _y[i] == +1 ? -_g[i] > gMax1 : -_g[i] > gMax2;
        if (_status[i] == Lower) return _y[i] == +1 ? _g[i] > gMax2 : _g[i] > gMax1;
        return false;
    }

    private double CalculateRho()
    {
        var nFree = 0;
        double ub = double.PositiveInfinity, lb = double.NegativeInfinity, sumFree = 0;
        for (var i = 0; i < _activeSize; i++)
        {
            var yG = _y[i] * _g[i];
            if (_status[i] == Upper)
            {
                if (_y[i] == -1) ub = Math.Min(ub, yG); else lb = Math.Max(lb, yG);
            }
            else if (_status[i] == Lower)
            {
                if (_y[i] == +1) ub = Math.Min(ub, yG); else lb = Math.Max(lb, yG);
            }
            else
            {
                nFree++;
                sumFree += yG;
            }
        }
        return nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
    }

    private void UpdateStatus(int i) =>
        _status[i] = _alpha[i] >= _c[i] ? Upper : _alpha[i] <= 0 ? Lower : Free;

    private void Swap(int i, int j)
    {
        (_y[i], _y[j]) = (_y[j], _y[i]);
        (_g[i], _g[j]) = (_g[j], _g[i]);
        (_status[i], _status[j]) = (_status[j], _status[i]);
        (_alpha[i], _alpha[j]) = (_alpha[j], _alpha[i]);
        (_p[i], _p[j]) = (_p[j], _p[i]);
        (_c[i], _c[j]) = (_c[j], _c[i]);
        (_qd[i], _qd[j]) = (_qd[j], _qd[i]);
        (_activeSet[i], _activeSet[j]) = (_activeSet[j], _activeSet[i]);
        (_gBar[i], _gBar[j]) = (_gBar[j], _gBar[i]);
        (_real[i], _real[j]) = (_real[j], _real[i]);
    }
}
