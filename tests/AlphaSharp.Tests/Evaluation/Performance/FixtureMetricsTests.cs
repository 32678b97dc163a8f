using AlphaSharp.Evaluation.Performance;

namespace AlphaSharp.Tests.Evaluation.Performance;

/// <summary>Every strategy metric against the numpy/pandas reference (make_metrics_fixture.py) to 1e-9.</summary>
public class FixtureMetricsTests
{
    private static MetricsFixture F => MetricsFixture.Instance;
    private static PerformanceOptions Options => new(F.PeriodsPerYear, 0.0, F.RollingWindow);

    [Fact]
    public void Summary_matches_the_reference_for_every_metric()
    {
        var s = PerformanceSummary.Compute(F.Series, Options);
        var checks = new (string Name, double Actual)[]
        {
            ("TotalReturn", s.TotalReturn), ("AnnualReturn", s.AnnualReturn),
            ("BenchmarkTotalReturn", s.BenchmarkTotalReturn), ("BenchmarkAnnualReturn", s.BenchmarkAnnualReturn),
            ("ExcessTotalReturn", s.ExcessTotalReturn), ("ExcessAnnualReturn", s.ExcessAnnualReturn),
            ("AnnualActiveReturn", s.AnnualActiveReturn), ("Alpha", s.Alpha), ("Beta", s.Beta),
            ("Sharpe", s.Sharpe), ("Sortino", s.Sortino), ("InformationRatio", s.InformationRatio),
            ("Volatility", s.Volatility), ("BenchmarkVolatility", s.BenchmarkVolatility),
            ("TrackingError", s.TrackingError), ("DownsideRisk", s.DownsideRisk),
            ("MaxDrawdown", s.MaxDrawdown), ("BenchmarkMaxDrawdown", s.BenchmarkMaxDrawdown), ("Calmar", s.Calmar),
            ("WinRate", s.WinRate), ("WinRateVsBenchmark", s.WinRateVsBenchmark),
            ("MeanTurnover", s.MeanTurnover), ("AnnualTurnover", s.AnnualTurnover),
            ("TurnoverPerRebalance", s.TurnoverPerRebalance), ("CostsPaid", s.CostsPaid),
            ("AnnualCostDrag", s.AnnualCostDrag), ("MeanHoldings", s.MeanHoldings),
        };
        foreach (var (name, actual) in checks) Close.Equal(F.Summary(name), actual, name);
        Assert.Equal((int)F.Summary("FinalHoldings"), s.FinalHoldings);
        Assert.Equal((int)F.Summary("MaxDrawdownDuration"), s.MaxDrawdownDuration);
        Assert.Equal(F.Series.Dates[(int)F.Summary("MaxDrawdownPeakIndex")], s.MaxDrawdownPeak);
        Assert.Equal(F.Series.Dates[(int)F.Summary("MaxDrawdownTroughIndex")], s.MaxDrawdownTrough);
        Assert.Equal(F.Series.Dates[(int)F.Summary("MaxDrawdownRecoveryIndex")], s.MaxDrawdownRecovery);
    }

    [Fact]
    public void Daily_alpha_and_risk_free_variants_match()
    {
        var r = F.Series.Strategy;
        var (dailyAlpha, beta) = PerformanceMetrics.AlphaBeta(r, F.Series.Benchmark);
        Close.Equal(F.Summary("DailyAlpha"), dailyAlpha, "DailyAlpha");
        Close.Equal(F.Summary("Beta"), beta, "Beta");
        Close.Equal(F.Summary("SharpeRf"), PerformanceMetrics.Sharpe(r, F.RiskFree, F.PeriodsPerYear), "SharpeRf");
        Close.Equal(F.Summary("SortinoRf"), PerformanceMetrics.Sortino(r, F.RiskFree, F.PeriodsPerYear), "SortinoRf");
    }

    [Fact]
    public void Drawdown_has_a_recovery_inside_the_series()
    {
        var dd = PerformanceMetrics.MaxDrawdownInfo(F.Series.Strategy);
        Assert.Equal((int)F.Summary("MaxDrawdownPeakIndex"), dd.PeakIndex);
        Assert.Equal((int)F.Summary("MaxDrawdownTroughIndex"), dd.TroughIndex);
        Assert.Equal((int)F.Summary("MaxDrawdownRecoveryIndex"), dd.RecoveryIndex);
        Assert.True(dd.Recovered && dd.RecoveryIndex < F.Series.Length - 1, "the fixture must recover before its end");
        Close.Equal(F.Doubles("underwater"), PerformanceMetrics.Underwater(F.Series.Strategy), "underwater");
    }

    [Fact]
    public void Per_year_table_matches_pandas_groupby()
    {
        var rows = PerformanceMetrics.YearlyTable(F.Series, Options);
        var expected = F.Root.GetProperty("years").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var e = expected[i];
            var a = rows[i];
            Assert.Equal(e.GetProperty("Year").GetInt32(), a.Year);
            Assert.Equal(e.GetProperty("Days").GetInt32(), a.Days);
            Close.Equal(e.GetProperty("Return").GetDouble(), a.Return, $"{a.Year} Return");
            Close.Equal(e.GetProperty("BenchmarkReturn").GetDouble(), a.BenchmarkReturn, $"{a.Year} BenchmarkReturn");
            Close.Equal(e.GetProperty("ExcessReturn").GetDouble(), a.ExcessReturn, $"{a.Year} ExcessReturn");
            Close.Equal(e.GetProperty("Volatility").GetDouble(), a.Volatility, $"{a.Year} Volatility");
            Close.Equal(e.GetProperty("Sharpe").GetDouble(), a.Sharpe, $"{a.Year} Sharpe");
            Close.Equal(e.GetProperty("MaxDrawdown").GetDouble(), a.MaxDrawdown, $"{a.Year} MaxDrawdown");
            Close.Equal(e.GetProperty("TurnoverPerRebalance").GetDouble(), a.TurnoverPerRebalance, $"{a.Year} TurnoverPerRebalance");
            Close.Equal(e.GetProperty("MeanTurnover").GetDouble(), a.MeanTurnover, $"{a.Year} MeanTurnover");
            Close.Equal(e.GetProperty("MeanHoldings").GetDouble(), a.MeanHoldings, $"{a.Year} MeanHoldings");
        }
    }

    [Fact]
    public void Monthly_returns_match_pandas_groupby()
    {
        var months = PerformanceMetrics.MonthlyReturns(F.Series.Dates, F.Series.Strategy);
        var expected = F.Root.GetProperty("monthly").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, months.Count);
        for (var i = 0; i < months.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("Year").GetInt32(), months[i].Year);
            Assert.Equal(expected[i].GetProperty("Month").GetInt32(), months[i].Month);
            Close.Equal(expected[i].GetProperty("Return").GetDouble(), months[i].Return, $"{months[i].Year}-{months[i].Month}");
        }
    }

    [Fact]
    public void Rolling_sharpe_and_beta_match_pandas_rolling()
    {
        var r = F.Series.Strategy;
        var b = F.Series.Benchmark;
        Close.Equal(F.Doubles("rolling_sharpe"), PerformanceMetrics.RollingSharpe(r, F.RollingWindow), "rolling Sharpe");
        Close.Equal(F.Doubles("rolling_beta"), PerformanceMetrics.RollingBeta(r, b, F.RollingWindow), "rolling beta");
    }

    [Fact]
    public void Cumulative_excess_matches()
    {
        Close.Equal(F.Doubles("cumulative_excess"), PerformanceMetrics.CumulativeExcess(F.Series.Strategy, F.Series.Benchmark), "cumulative excess");
    }
}

/// <summary>The NaN rule against pandas' dropna on the same series with holes in both legs.</summary>
public class FixtureNaNTests
{
    [Fact]
    public void NaN_days_follow_the_pandas_dropna_reference()
    {
        var f = MetricsFixture.Instance.Root.GetProperty("with_nan");
        var r = MetricsFixture.ToDoubles(f.GetProperty("strategy"));
        var b = MetricsFixture.ToDoubles(f.GetProperty("benchmark"));
        Assert.Equal(4, r.Count(double.IsNaN));
        Assert.Equal(3, b.Count(double.IsNaN));
        var e = f.GetProperty("expected");
        double E(string name) => e.GetProperty(name).GetDouble();
        Close.Equal(E("TotalReturn"), PerformanceMetrics.TotalReturn(r), "TotalReturn");
        Close.Equal(E("AnnualReturn"), PerformanceMetrics.AnnualReturn(r), "AnnualReturn");
        Close.Equal(E("Volatility"), PerformanceMetrics.Volatility(r), "Volatility");
        Close.Equal(E("Sharpe"), PerformanceMetrics.Sharpe(r), "Sharpe");
        Close.Equal(E("Sortino"), PerformanceMetrics.Sortino(r), "Sortino");
        Close.Equal(E("DownsideRisk"), PerformanceMetrics.DownsideRisk(r), "DownsideRisk");
        Close.Equal(E("MaxDrawdown"), PerformanceMetrics.MaxDrawdown(r), "MaxDrawdown");
        Close.Equal(E("WinRate"), PerformanceMetrics.WinRate(r), "WinRate");
        Close.Equal(E("Beta"), PerformanceMetrics.Beta(r, b), "Beta");
        Close.Equal(E("Alpha"), PerformanceMetrics.Alpha(r, b), "Alpha");
        Close.Equal(E("TrackingError"), PerformanceMetrics.TrackingError(r, b), "TrackingError");
        Close.Equal(E("InformationRatio"), PerformanceMetrics.InformationRatio(r, b), "InformationRatio");
        Close.Equal(E("ExcessTotalReturn"), PerformanceMetrics.ExcessTotalReturn(r, b), "ExcessTotalReturn");
        Close.Equal(E("BenchmarkAnnualReturn"), PerformanceMetrics.AnnualReturn(b), "BenchmarkAnnualReturn");
    }
}
