using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Prediction;
using AlphaSharp.Tests.Evaluation.Performance;
using P = AlphaSharp.Evaluation.Prediction.PredictionMetrics;

namespace AlphaSharp.Tests.Evaluation.Prediction;

public class PredictionMetricsTests
{
    [Fact]
    public void Every_metric_matches_the_numpy_reference()
    {
        var f = MetricsFixture.Instance.Root.GetProperty("prediction");
        var scores = MetricsFixture.ToDoubles(f.GetProperty("scores"));
        var labels = f.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var probs = MetricsFixture.ToDoubles(f.GetProperty("probabilities"));
        var yTrue = MetricsFixture.ToDoubles(f.GetProperty("y_true"));
        var yPred = MetricsFixture.ToDoubles(f.GetProperty("y_pred"));
        var e = f.GetProperty("expected");
        Assert.True(scores.Distinct().Count() < scores.Length / 5, "the fixture's scores must be heavily tied");
        Close.Equal(e.GetProperty("Auc").GetDouble(), P.Auc(scores, labels), "AUC");
        Close.Equal(e.GetProperty("Accuracy").GetDouble(), P.Accuracy(probs, labels), "accuracy");
        Close.Equal(e.GetProperty("Mape").GetDouble(), P.Mape(yPred, yTrue), "MAPE");
        Close.Equal(e.GetProperty("Mae").GetDouble(), P.Mae(yPred, yTrue), "MAE");
        Close.Equal(e.GetProperty("Rmse").GetDouble(), P.Rmse(yPred, yTrue), "RMSE");
    }

    [Fact]
    public void Auc_by_hand_with_ties()
    {
        // sklearn's documented example: 0.75.
        Assert.Equal(0.75, P.Auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 15);
        Assert.Equal(1.0, P.Auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]));
        Assert.Equal(0.0, P.Auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]));
        Assert.Equal(0.5, P.Auc([0.3, 0.3, 0.3, 0.3], [0, 1, 0, 1]));
        // One tie across the classes: pairs (p, n) = (0.5 vs 0.5 tie = 0.5) + (0.5 > 0.2) + (0.9 > 0.5) + (0.9 > 0.2) = 3.5 / 4.
        Assert.Equal(3.5 / 4, P.Auc([0.5, 0.2, 0.5, 0.9], [0, 0, 1, 1]), 15);
        Assert.True(double.IsNaN(P.Auc([0.1, 0.2], [1, 1])));
        // A NaN score drops its row: same as without it.
        Assert.Equal(P.Auc([0.1, 0.4, 0.8], [0, 1, 1]), P.Auc([0.1, double.NaN, 0.4, 0.8], [0, 0, 1, 1]));
        var e = Assert.Throws<InputException>(() => P.Auc([0.1, 0.2], [0, 2]));
        Assert.Equal("AUC: label 2 at row 1 is not 0 or 1", e.Message);
    }

    [Fact]
    public void Implied_price_mape_is_the_error_of_the_end_price_a_return_forecast_implies()
    {
        // Start at 10 and 40: forecasts +2 % and -1 % imply 10.2 and 39.6; the prices reached are 10.5 (+5 %) and 38 (-5 %).
        double[] p = [0.02, -0.01, double.NaN];
        double[] y = [0.05, -0.05, 0.3];
        Assert.Equal((Math.Abs(10.2 - 10.5) / 10.5 + Math.Abs(39.6 - 38) / 38) / 2, P.ImpliedPriceMape(p, y), 14);
        Assert.Throws<ArgumentException>(() => P.ImpliedPriceMape([0.0], [-1.0]));
    }

    [Fact]
    public void Accuracy_and_errors_by_hand()
    {
        Assert.Equal(0.75, P.Accuracy([1, 0, 1, 1], [1, 0, 0, 1]));
        Assert.Equal(2.0 / 3, P.Accuracy([0.5, 0.49, double.NaN, 0.2], [1, 1, 1, 0]), 15); // 0.5 counts as class 1
        double[] y = [1.0, 2.0, -4.0];
        double[] p = [1.5, 1.0, -3.0];
        Assert.Equal((0.5 + 1 + 1) / 3, P.Mae(p, y), 15);
        Assert.Equal(Math.Sqrt((0.25 + 1 + 1) / 3), P.Rmse(p, y), 15);
        Assert.Equal((0.5 + 0.5 + 0.25) / 3, P.Mape(p, y), 15);
        // A zero truth: sklearn divides by eps, a huge but finite term.
        Assert.Equal(0.1 / 2.220446049250313e-16, P.Mape([0.1], [0.0]), 0);
        Assert.True(double.IsNaN(P.Mae([double.NaN], [1.0])));
        Assert.Throws<InputException>(() => P.Rmse([1.0], [1.0, 2.0]));
    }
}
