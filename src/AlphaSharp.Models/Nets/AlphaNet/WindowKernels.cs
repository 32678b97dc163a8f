namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>
/// One window of a data image, per input series: its d values, their mean, deviations from it and sum of squared
/// deviations, all in double (the factor engine accumulates in double too), and a gradient buffer of the same shape.
/// Each operator's forward reads these; its backward adds d(output)/d(value) x the output's gradient into
/// <see cref="Grad"/>. The derivatives use that deviations sum to zero, so a pair's gradient has no mean terms.
/// </summary>
internal sealed class WindowKernels(int inputs, int window)
{
    /// <summary>Below this window standard deviation a correlation or z-score is 0 (the engine's NaN): Qlib's guard against dividing noise by noise.</summary>
    public const double FlatStd = 2e-5;

    private readonly double[] _values = new double[inputs * window];
    private readonly double[] _dev = new double[inputs * window];
    private readonly double[] _mean = new double[inputs];
    private readonly double[] _ss = new double[inputs];
    public readonly double[] Grad = new double[inputs * window];

    public int Inputs => inputs;
    public int Window => window;

    /// <summary>Reads days [start, start + d) of one sample's series, laid out [days, inputs].</summary>
    public void Load(ReadOnlySpan<float> sample, int start)
    {
        for (var k = 0; k < window; k++)
        {
            var day = sample.Slice((start + k) * inputs, inputs);
            for (var f = 0; f < inputs; f++) _values[f * window + k] = day[f];
        }
        for (var f = 0; f < inputs; f++)
        {
            var v = _values.AsSpan(f * window, window);
            double s = 0;
            foreach (var x in v) s += x;
            var m = s / window;
            double ss = 0;
            var dv = _dev.AsSpan(f * window, window);
            for (var k = 0; k < window; k++) { dv[k] = v[k] - m; ss += dv[k] * dv[k]; }
            _mean[f] = m;
            _ss[f] = ss;
        }
    }

    /// <summary>Adds the window's gradient into the sample's input gradient (laid out [days, inputs]) and clears it.</summary>
    public void Scatter(Span<float> sampleGrad, int start)
    {
        for (var k = 0; k < window; k++)
        {
            var day = sampleGrad.Slice((start + k) * inputs, inputs);
            for (var f = 0; f < inputs; f++) day[f] += (float)Grad[f * window + k];
        }
        Array.Clear(Grad);
    }

    /// <summary>Writes the operator's channels; returns how many.</summary>
    public int Forward(ImageOperator op, Span<float> y)
    {
        var n = 0;
        if (op.IsPair())
        {
            for (var i = 0; i < inputs; i++)
                for (var j = i + 1; j < inputs; j++)
                    y[n++] = (float)(op == ImageOperator.Corr ? Corr(i, j, out _) : Dot(i, j) / (window - 1));
            return n;
        }
        for (var f = 0; f < inputs; f++) y[n++] = (float)Single(op, f);
        return n;
    }

    /// <summary>Adds the operator's channels' gradients <paramref name="gy"/> into <see cref="Grad"/>; returns how many channels it read.</summary>
    public int Backward(ImageOperator op, ReadOnlySpan<float> gy)
    {
        var n = 0;
        if (op.IsPair())
        {
            for (var i = 0; i < inputs; i++)
                for (var j = i + 1; j < inputs; j++)
                {
                    double g = gy[n++];
                    if (g == 0) continue;
                    var di = _dev.AsSpan(i * window, window);
                    var dj = _dev.AsSpan(j * window, window);
                    var gi = Grad.AsSpan(i * window, window);
                    var gj = Grad.AsSpan(j * window, window);
                    if (op == ImageOperator.Cov)
                    {
                        var s = g / (window - 1);
                        for (var k = 0; k < window; k++) { gi[k] += s * dj[k]; gj[k] += s * di[k]; }
                        continue;
                    }
                    var rho = Corr(i, j, out var denom);
                    if (denom == 0) continue; // a flat series: the output is the constant 0
                    double a = g / denom, bi = g * rho / _ss[i], bj = g * rho / _ss[j];
                    for (var k = 0; k < window; k++) { gi[k] += a * dj[k] - bi * di[k]; gj[k] += a * di[k] - bj * dj[k]; }
                }
            return n;
        }
        for (var f = 0; f < inputs; f++) SingleBackward(op, f, gy[n++]);
        return n;
    }

    private double Dot(int i, int j)
    {
        var di = _dev.AsSpan(i * window, window);
        var dj = _dev.AsSpan(j * window, window);
        double s = 0;
        for (var k = 0; k < window; k++) s += di[k] * dj[k];
        return s;
    }

    private double Std(int f) => Math.Sqrt(_ss[f] / (window - 1));

    private double Corr(int i, int j, out double denom)
    {
        denom = Std(i) <= FlatStd || Std(j) <= FlatStd ? 0 : Math.Sqrt(_ss[i] * _ss[j]);
        return denom == 0 ? 0 : Dot(i, j) / denom;
    }

    private double Single(ImageOperator op, int f)
    {
        var v = _values.AsSpan(f * window, window);
        switch (op)
        {
            case ImageOperator.Stddev: return Std(f);
            case ImageOperator.Zscore: { var s = Std(f); return s <= FlatStd ? 0 : _mean[f] / s; }
            case ImageOperator.Return: return v[0] == 0 ? 0 : v[^1] / v[0] - 1;
            case ImageOperator.DecayLinear:
            {
                double ws = 0;
                for (var k = 0; k < window; k++) ws += (k + 1) * v[k];
                return ws / (window * (window + 1) / 2.0);
            }
            case ImageOperator.Mean: return _mean[f];
            case ImageOperator.Min: return v[ArgExtreme(v, max: false)];
            case ImageOperator.Max: return v[ArgExtreme(v, max: true)];
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "a pair operator");
        }
    }

    private void SingleBackward(ImageOperator op, int f, double g)
    {
        if (g == 0) return;
        var v = _values.AsSpan(f * window, window);
        var dv = _dev.AsSpan(f * window, window);
        var gr = Grad.AsSpan(f * window, window);
        switch (op)
        {
            case ImageOperator.Stddev:
            {
                var s = Std(f);
                if (s == 0) return;
                var c = g / ((window - 1) * s);
                for (var k = 0; k < window; k++) gr[k] += c * dv[k];
                return;
            }
            case ImageOperator.Zscore:
            {
                var s = Std(f);
                if (s <= FlatStd) return;
                double a = g / (window * s), b = g * (_mean[f] / s) / _ss[f];
                for (var k = 0; k < window; k++) gr[k] += a - b * dv[k];
                return;
            }
            case ImageOperator.Return:
                if (v[0] == 0) return;
                gr[^1] += g / v[0];
                gr[0] -= g * v[^1] / (v[0] * v[0]);
                return;
            case ImageOperator.DecayLinear:
            {
                var w = window * (window + 1) / 2.0;
                for (var k = 0; k < window; k++) gr[k] += g * (k + 1) / w;
                return;
            }
            case ImageOperator.Mean:
                for (var k = 0; k < window; k++) gr[k] += g / window;
                return;
            case ImageOperator.Min: gr[ArgExtreme(v, max: false)] += g; return;
            case ImageOperator.Max: gr[ArgExtreme(v, max: true)] += g; return;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "a pair operator");
        }
    }

    /// <summary>The first day holding the window's maximum (or minimum): the one the gradient flows to, as PyTorch's max.</summary>
    private static int ArgExtreme(ReadOnlySpan<double> v, bool max)
    {
        var best = 0;
        for (var k = 1; k < v.Length; k++)
            if (max ? v[k] > v[best] : v[k] < v[best]) best = k;
        return best;
    }
}
