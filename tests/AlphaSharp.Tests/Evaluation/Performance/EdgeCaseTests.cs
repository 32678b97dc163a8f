using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Performance;
using M = AlphaSharp.Evaluation.Performance.PerformanceMetrics;

namespace AlphaSharp.Tests.Evaluation.Performance;

/// <summary>Hand-checked cases: flat, single-day, NaN, empty, and a drawdown small enough to follow on paper.</summary>
public class EdgeCaseTests
{
    [Fact]
    public void All_zero_returns_have_no_risk_and_undefined_ratios()
    {
        var r = new double[10];
        Assert.Equal(0, M.TotalReturn(r));
        Assert.Equal(0, M.AnnualReturn(r));
        Assert.Equal(0, M.Volatility(r));
        Assert.Equal(0, M.DownsideRisk(r));
        Assert.True(double.IsNaN(M.Sharpe(r)));
        Assert.True(double.IsNaN(M.Sortino(r)));
        Assert.True(double.IsNaN(M.Calmar(r)));
        Assert.True(double.IsNaN(M.InformationRatio(r, r)));
        Assert.True(double.IsNaN(M.Beta(r, r))); // constant benchmark
        Assert.Equal(0, M.MaxDrawdown(r));
        Assert.Equal(new Drawdown(0, -1, -1, -1, 0), M.MaxDrawdownInfo(r));
        Assert.Equal(0, M.WinRate(r));
    }

    [Fact]
    public void A_single_day()
    {
        double[] up = [0.01];
        Assert.Equal(0.01, M.TotalReturn(up), 15);
        Assert.Equal(Math.Pow(1.01, 252) - 1, M.AnnualReturn(up), 12);
        Assert.True(double.IsNaN(M.Volatility(up))); // ddof 1 needs two days
        Assert.True(double.IsNaN(M.Sharpe(up)));
        Assert.True(double.IsNaN(M.Sortino(up))); // no downside: the ratio is undefined
        Assert.Equal(1.0, M.WinRate(up));

        double[] down = [-0.02];
        var dd = M.MaxDrawdownInfo(down);
        Assert.Equal(-0.02, dd.MaxDrawdown, 15);
        // The peak is the starting capital (-1), the trough the only day, never recovered: one day under water.
        Assert.Equal((-1, 0, -1, 1), (dd.PeakIndex, dd.TroughIndex, dd.RecoveryIndex, dd.Duration));
        Assert.Equal(0.02 * Math.Sqrt(252), M.DownsideRisk(down), 12);
        Assert.Equal(-0.02 * 252 / (0.02 * Math.Sqrt(252)), M.Sortino(down), 12);
    }

    [Fact]
    public void Empty_series_give_NaN()
    {
        double[] e = [];
        Assert.True(double.IsNaN(M.TotalReturn(e)));
        Assert.True(double.IsNaN(M.AnnualReturn(e)));
        Assert.True(double.IsNaN(M.Sharpe(e)));
        Assert.True(double.IsNaN(M.MaxDrawdown(e)));
        Assert.True(double.IsNaN(M.WinRate(e)));
        Assert.Throws<InputException>(() => PerformanceSummary.Compute(BacktestSeries.FromReturns([], [], [])));
    }

    [Fact]
    public void NaN_days_are_left_out_and_pairs_need_both_sides()
    {
        double[] withNan = [0.01, double.NaN, -0.02, 0.03, double.NaN];
        double[] clean = [0.01, -0.02, 0.03];
        Assert.Equal(M.TotalReturn(clean), M.TotalReturn(withNan));
        Assert.Equal(M.AnnualReturn(clean), M.AnnualReturn(withNan));
        Assert.Equal(M.Sharpe(clean), M.Sharpe(withNan));
        Assert.Equal(M.Sortino(clean), M.Sortino(withNan));
        Assert.Equal(M.Volatility(clean), M.Volatility(withNan));
        Assert.Equal(M.MaxDrawdown(clean), M.MaxDrawdown(withNan));
        Assert.Equal(2.0 / 3, M.WinRate(withNan), 15);
        // A NaN day keeps the wealth: the underwater value repeats the day before.
        var uw = M.Underwater(withNan);
        Assert.Equal(uw[0], uw[1]);
        Assert.Equal(uw[3], uw[4]);

        double[] r = [0.01, 0.02, double.NaN, -0.01, 0.015];
        double[] b = [0.005, double.NaN, 0.01, -0.02, 0.01];
        // Paired days: 0, 3, 4.
        double[] rp = [0.01, -0.01, 0.015], bp = [0.005, -0.02, 0.01];
        Assert.Equal(M.Beta(rp, bp), M.Beta(r, b));
        Assert.Equal(M.TrackingError(rp, bp), M.TrackingError(r, b));
        Assert.Equal(M.InformationRatio(rp, bp), M.InformationRatio(r, b));
        Assert.Equal(M.TotalReturn(rp) - M.TotalReturn(bp), M.ExcessTotalReturn(r, b), 15);
    }

    [Fact]
    public void Drawdown_by_hand()
    {
        // Wealth 1.1, 0.55, 0.66, 1.32, 1.188: peak row 0, trough row 1 (-50 %), back above 1.1 on row 3.
        double[] r = [0.1, -0.5, 0.2, 1.0, -0.1];
        var dd = M.MaxDrawdownInfo(r);
        Assert.Equal(-0.5, dd.MaxDrawdown, 15);
        Assert.Equal((0, 1, 3, 3), (dd.PeakIndex, dd.TroughIndex, dd.RecoveryIndex, dd.Duration));
        var uw = M.Underwater(r);
        double[] expected = [0, -0.5, -0.4, 0, -0.1];
        for (var i = 0; i < r.Length; i++) Assert.Equal(expected[i], uw[i], 12);
        // Never recovered: duration runs to the last row.
        double[] slide = [0.05, -0.1, -0.1, 0.02];
        var d2 = M.MaxDrawdownInfo(slide);
        Assert.Equal((0, 2, -1, 3), (d2.PeakIndex, d2.TroughIndex, d2.RecoveryIndex, d2.Duration));
        Assert.False(d2.Recovered);
        Assert.Equal(0.9 * 0.9 - 1, d2.MaxDrawdown, 15);
    }

    [Fact]
    public void Ratios_by_hand()
    {
        double[] r = [0.01, 0.03];
        // mean 0.02, std (ddof 1) = sqrt(2 * 0.01^2) = 0.01 sqrt 2
        Assert.Equal(0.02 / (0.01 * Math.Sqrt(2)) * Math.Sqrt(252), M.Sharpe(r), 12);
        Assert.Equal(0.01 * Math.Sqrt(2) * Math.Sqrt(252), M.Volatility(r), 12);
        // rf 0.01 a day: excess 0, 0.02 -> mean 0.01, std 0.01 sqrt 2
        Assert.Equal(0.01 / (0.01 * Math.Sqrt(2)) * Math.Sqrt(252), M.Sharpe(r, 0.01), 12);

        double[] s = [0.02, -0.01, 0.03, -0.02];
        double[] b = [0.01, -0.02, 0.01, 0.0];
        // Active 0.01, 0.01, 0.02, -0.02: mean 0.005; deviations .005,.005,.015,-.025: sum of squares 0.0009; var 0.0003
        Assert.Equal(Math.Sqrt(0.0003) * Math.Sqrt(252), M.TrackingError(s, b), 12);
        Assert.Equal(0.005 * 252 / (Math.Sqrt(0.0003) * Math.Sqrt(252)), M.InformationRatio(s, b), 12);
        // Downside over all four days: (0.01^2 + 0.02^2) / 4
        Assert.Equal(Math.Sqrt(0.0005 / 4) * Math.Sqrt(252), M.DownsideRisk(s), 12);
        // b mean 0, deviations .01,-.02,.01,0 (sxx 0.0006); s mean 0.005: sxy = .01*.015 + -.02*-.015 + .01*.025 = 0.0007
        var (a, beta) = M.AlphaBeta(s, b);
        Assert.Equal(0.0007 / 0.0006, beta, 12);
        Assert.Equal(0.005, a, 12);
        Assert.Equal(Math.Pow(1.005, 252) - 1, M.Alpha(s, b), 10);
        Assert.Equal(0.5, M.WinRate(s));
        Assert.Equal(0.75, M.WinRateVsBenchmark(s, b));
    }

    [Fact]
    public void Trading_metrics_by_hand()
    {
        double[] turnover = [2.0, 0, 0, 0.3, 0, 0.1];
        Assert.Equal(2.4 / 6, M.MeanTurnover(turnover), 15);
        Assert.Equal(2.4 / 6 * 252, M.AnnualTurnover(turnover), 12);
        Assert.Equal(2.4 / 3, M.TurnoverPerRebalance(turnover), 15);
        Assert.True(double.IsNaN(M.TurnoverPerRebalance([0.0, 0.0])));
        // Costs 100 then 50 on values starting at 10,000 then 11,000.
        Assert.Equal(150, M.CostsPaid([100.0, 50.0]));
        Assert.Equal((100 / 10000.0 + 50 / 11000.0) / 2 * 252, M.AnnualCostDrag([100.0, 50.0], [11000.0, 12000.0], 10000), 12);
        Assert.Equal(2.5, M.MeanHoldings([1, 2, 3, 4]));
    }

    [Fact]
    public void Rolling_windows_use_only_the_past()
    {
        var rng = new Random(11);
        var r = Enumerable.Range(0, 40).Select(_ => rng.NextDouble() * 0.02 - 0.01).ToArray();
        var b = Enumerable.Range(0, 40).Select(_ => rng.NextDouble() * 0.02 - 0.01).ToArray();
        var rs = M.RollingSharpe(r, 10);
        var rb = M.RollingBeta(r, b, 10);
        Assert.True(rs.Take(9).All(double.IsNaN));
        Assert.Equal(M.Sharpe(r[20..30]), rs[29]);
        Assert.Equal(M.Beta(r[20..30], b[20..30]), rb[29]);
        // Changing the future leaves every earlier value alone.
        var r2 = (double[])r.Clone();
        r2[35] = 0.5;
        Assert.Equal(rs[..35], M.RollingSharpe(r2, 10)[..35]);
        Assert.Throws<InputException>(() => M.RollingSharpe(r, 1));
    }

    [Fact]
    public void Series_validation_names_the_problem()
    {
        DateOnly[] dates = [new(2020, 1, 2), new(2020, 1, 3)];
        var e1 = Assert.Throws<InputException>(() => PerformanceSummary.Compute(BacktestSeries.FromReturns([dates[1], dates[0]], [0.0, 0.0], [0.0, 0.0])));
        Assert.Equal("backtest series: dates must increase strictly, but row 1 (2020-01-02) follows 2020-01-03", e1.Message);
        var e2 = Assert.Throws<InputException>(() => PerformanceSummary.Compute(BacktestSeries.FromReturns(dates, [0.0, -1.5], [0.0, 0.0])));
        Assert.Contains("strategy return -1.5 on 2020-01-03 (row 1)", e2.Message);
    }

    [Fact]
    public void Impossible_options_are_one_clear_error()
    {
        var s = BacktestSeries.FromReturns([new(2020, 1, 2), new(2020, 1, 3)], [0.01, 0.02], [0.0, 0.01]);
        Assert.Equal("performance options: periods per year must be at least 1, got 0",
            Assert.Throws<InputException>(() => PerformanceSummary.Compute(s, new PerformanceOptions(PeriodsPerYear: 0))).Message);
        Assert.Equal("performance options: the rolling window must be at least 2 trading days, got 1",
            Assert.Throws<InputException>(() => PerformanceSummary.Compute(s, new PerformanceOptions(RollingWindow: 1))).Message);
        Assert.Contains("risk-free rate", Assert.Throws<InputException>(() => PerformanceSummary.Compute(s, new PerformanceOptions(RiskFree: double.NaN))).Message);
        // Annualisation follows the configured periods: 12 monthly returns of 1 % compound to 1.01^12 - 1 a year.
        var monthly = BacktestSeries.FromReturns(Enumerable.Range(1, 12).Select(m => new DateOnly(2020, m, 28)).ToArray(), Enumerable.Repeat(0.01, 12).ToArray(), new double[12]);
        Assert.Equal(Math.Pow(1.01, 12) - 1, PerformanceSummary.Compute(monthly, new PerformanceOptions(PeriodsPerYear: 12)).AnnualReturn, 14);
    }

    [Fact]
    public void Monthly_and_yearly_tables_split_on_calendar_boundaries()
    {
        DateOnly[] dates = [new(2020, 12, 30), new(2020, 12, 31), new(2021, 1, 4), new(2021, 2, 1)];
        double[] r = [0.01, 0.02, -0.01, 0.05];
        var months = M.MonthlyReturns(dates, r);
        Assert.Equal([(2020, 12), (2021, 1), (2021, 2)], months.Select(m => (m.Year, m.Month)));
        Assert.Equal(1.01 * 1.02 - 1, months[0].Return, 15);
        var years = M.YearlyTable(BacktestSeries.FromReturns(dates, r, [0.0, 0.0, 0.0, 0.0]));
        Assert.Equal([2020, 2021], years.Select(y => y.Year));
        Assert.Equal(0.99 * 1.05 - 1, years[1].Return, 15);
        Assert.Equal(-0.01, years[1].MaxDrawdown, 15);
        Assert.Equal(0.99 * 1.05 - 1, years[1].ExcessReturn, 15);
    }
}
