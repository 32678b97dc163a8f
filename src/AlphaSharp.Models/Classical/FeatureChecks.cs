using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// Input checks shared by the classical models. A missing feature is the caller's decision (fill, drop or mask), so a
/// NaN is refused with its row and column rather than silently skipped or imputed here.
/// </summary>
internal static class FeatureChecks
{
    public static void Matrix(double[,] x, string setting, int expectedColumns = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), d = x.GetLength(1);
        if (n == 0) throw new InputException($"{setting}: no rows");
        if (d == 0) throw new InputException($"{setting}: no feature columns");
        if (expectedColumns >= 0 && d != expectedColumns)
            throw new InputException($"{setting}: {d} feature columns, but the model was fitted on {expectedColumns}");
        for (var i = 0; i < n; i++)
        for (var j = 0; j < d; j++)
        {
            var v = x[i, j];
            if (double.IsNaN(v))
                throw new InputException($"{setting}: feature column {j} is NaN at row {i}; fill missing features before fitting or predicting");
            if (double.IsInfinity(v))
                throw new InputException($"{setting}: feature column {j} is infinite at row {i}");
        }
    }

    public static void Targets(double[] y, int rows, string setting)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length != rows) throw new InputException($"{setting}: {y.Length} values for {rows} rows");
        for (var i = 0; i < y.Length; i++)
            if (!double.IsFinite(y[i])) throw new InputException($"{setting}: value at row {i} is {y[i]}; targets must be finite");
    }

    /// <summary>Null means every weight is 1.</summary>
    public static double[] Weights(double[]? w, int rows, string setting)
    {
        if (w == null) return Enumerable.Repeat(1.0, rows).ToArray();
        if (w.Length != rows) throw new InputException($"{setting}: {w.Length} weights for {rows} rows");
        double sum = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (!double.IsFinite(w[i]) || w[i] < 0) throw new InputException($"{setting}: weight at row {i} is {w[i]}; weights must be finite and >= 0");
            sum += w[i];
        }
        if (!(sum > 0)) throw new InputException($"{setting}: all weights are 0");
        return (double[])w.Clone();
    }

    /// <summary>Row-major copy, which the kernels read contiguously.</summary>
    public static double[] Flatten(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var flat = new double[n * d];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < d; j++)
            flat[i * d + j] = x[i, j];
        return flat;
    }
}
