using AlphaSharp.Evaluation.Performance;

namespace AlphaSharp.Tests.Evaluation.Performance;

public class ExcessAnalysisTests
{
    // Reference values from pandas (Debian's python3-pandas), as Qlib's risk_analysis computes them:
    //   r = pd.Series([0.01, -0.02, 0.005, -0.01, 0.03])
    //   r.mean() * 252, r.mean() / r.std() * np.sqrt(252), (r.cumsum() - r.cumsum().cummax()).min()
    //   w = (1 + r).cumprod(); w.iloc[-1] ** (252 / 5) - 1, (w / np.maximum(1, w.cummax()) - 1).min()
    private static readonly double[] Excess = [0.01, -0.02, 0.005, -0.01, 0.03];

    [Fact]
    public void TheArithmeticWayIsQlibsRiskAnalysis()
    {
        var a = PerformanceMetrics.ExcessArithmetic(Excess);
        Assert.Equal(0.756, a.AnnualReturn, 12);
        Assert.Equal(2.475829099459357, a.InformationRatio, 12);
        Assert.Equal(-0.025, a.MaxDrawdown, 12);
    }

    [Fact]
    public void TheCompoundedWayGrowsWealthAndMeasuresItsDrawdownAsAFraction()
    {
        var c = PerformanceMetrics.ExcessCompounded(Excess);
        Assert.Equal(1.050080425455786, c.AnnualReturn, 10);
        Assert.Equal(2.475829099459357, c.InformationRatio, 12);
        Assert.Equal(-0.024949, c.MaxDrawdown, 12);
    }

    [Fact]
    public void NaNDaysAreLeftOutAndAnEmptySeriesIsNaN()
    {
        var a = PerformanceMetrics.ExcessArithmetic([0.01, double.NaN, -0.02, 0.005, -0.01, 0.03]);
        Assert.Equal(0.756, a.AnnualReturn, 12);
        Assert.True(double.IsNaN(PerformanceMetrics.ExcessArithmetic([double.NaN]).AnnualReturn));
    }
}
