using AlphaSharp.Common;

namespace AlphaSharp.Evaluation.Prediction;

/// <summary>
/// The prediction metrics the papers report, one function each. NaN rule: a pair where the prediction or the truth is
/// NaN is left out; with no pair left (or, for AUC, one class only) the result is NaN.
/// </summary>
public static class PredictionMetrics
{
    // numpy's float64 eps, the floor sklearn puts under |y| in MAPE.
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// AUC = P(score of a random positive &gt; score of a random negative) + 0.5 * P(tie), computed as the
    /// Mann-Whitney statistic with mid-ranks: (sum of positive ranks - n1(n1 + 1) / 2) / (n1 * n0). This equals
    /// sklearn's roc_auc_score, whose trapezoidal ROC counts tied scores as half. Labels: 1 positive, 0 negative.
    /// </summary>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels)
    {
        CheckLengths(scores.Length, labels.Length);
        var idx = new List<int>(scores.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            if (labels[i] != 0 && labels[i] != 1)
                throw new InputException($"AUC: label {labels[i]} at row {i} is not 0 or 1");
            if (!double.IsNaN(scores[i])) idx.Add(i);
        }
        var order = idx.ToArray();
        var keys = new double[order.Length];
        for (var k = 0; k < order.Length; k++) keys[k] = scores[order[k]];
        Array.Sort(keys, order);
        double positiveRanks = 0;
        long n1 = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && keys[end] == keys[start]) end++;
            var midRank = (start + 1 + end) / 2.0; // ranks start+1..end share their mean
            for (var k = start; k < end; k++)
            {
                if (labels[order[k]] != 1) continue;
                positiveRanks += midRank;
                n1++;
            }
            start = end;
        }
        long n0 = order.Length - n1;
        if (n1 == 0 || n0 == 0) return double.NaN;
        return (positiveRanks - n1 * (n1 + 1) / 2.0) / ((double)n1 * n0);
    }

    /// <summary>accuracy = share of rows where the predicted class equals the true class.</summary>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual)
    {
        CheckLengths(predicted.Length, actual.Length);
        if (predicted.Length == 0) return double.NaN;
        var hits = 0;
        for (var i = 0; i < predicted.Length; i++) if (predicted[i] == actual[i]) hits++;
        return (double)hits / predicted.Length;
    }

    /// <summary>accuracy of probabilities: class 1 when p &gt;= threshold, else 0; NaN probabilities left out.</summary>
    public static double Accuracy(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> actual, double threshold = 0.5)
    {
        CheckLengths(probabilities.Length, actual.Length);
        var n = 0;
        var hits = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (double.IsNaN(probabilities[i])) continue;
            n++;
            if ((probabilities[i] >= threshold ? 1 : 0) == actual[i]) hits++;
        }
        return n == 0 ? double.NaN : (double)hits / n;
    }

    /// <summary>
    /// MAPE = mean(|y - p| / max(|y|, eps)), eps = 2^-52 (sklearn's mean_absolute_percentage_error: a fraction, not
    /// per cent; a zero truth gives a huge but finite term, as there).
    /// </summary>
    public static double Mape(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual) =>
        MeanTerm(predicted, actual, (p, y) => Math.Abs(y - p) / Math.Max(Math.Abs(y), MachineEpsilon));

    /// <summary>
    /// The MAPE of the price a return forecast implies: with y = P_end / P_start - 1 and the forecast p, the implied end
    /// price P_start (1 + p) misses P_end by |p - y| / (1 + y) of it, whatever P_start is. The price-forecast error a
    /// paper that predicts prices reports, from return forecasts, where MAPE of the returns themselves divides by
    /// returns near zero. A fraction; y at or below -1 (no price) is rejected.
    /// </summary>
    public static double ImpliedPriceMape(ReadOnlySpan<double> predictedReturn, ReadOnlySpan<double> actualReturn)
    {
        CheckLengths(predictedReturn.Length, actualReturn.Length);
        for (var i = 0; i < actualReturn.Length; i++)
            if (actualReturn[i] <= -1 && !double.IsNaN(predictedReturn[i]))
                throw new ArgumentException($"implied price MAPE: return {actualReturn[i]} at sample {i} leaves no price (a simple return is above -1)");
        return MeanTerm(predictedReturn, actualReturn, (p, y) => Math.Abs(p - y) / (1 + y));
    }

    /// <summary>MAE = mean(|y - p|).</summary>
    public static double Mae(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual) =>
        MeanTerm(predicted, actual, (p, y) => Math.Abs(y - p));

    /// <summary>RMSE = sqrt(mean((y - p)^2)).</summary>
    public static double Rmse(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual) =>
        Math.Sqrt(MeanTerm(predicted, actual, (p, y) => (y - p) * (y - p)));

    /// <summary>The mean of term(p, y) over the pairs where neither is NaN (NaN when there is none), summed in row order.</summary>
    private static double MeanTerm(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual, Func<double, double, double> term)
    {
        CheckLengths(predicted.Length, actual.Length);
        double s = 0;
        var n = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            if (double.IsNaN(predicted[i]) || double.IsNaN(actual[i])) continue;
            s += term(predicted[i], actual[i]);
            n++;
        }
        return n == 0 ? double.NaN : s / n;
    }

    private static void CheckLengths(int a, int b)
    {
        if (a != b) throw new InputException($"prediction metrics: predictions have {a} rows but the truth has {b}");
    }
}
