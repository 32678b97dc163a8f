using AlphaSharp.Data;
using AlphaSharp.Factors.Labels;

namespace AlphaSharp.Tests.Factors.Labels;

/// <summary>Style exposures: no look-ahead, beta and momentum by formula, and the neutralised label against a direct least-squares solve.</summary>
public sealed class StyleExposureTests
{
    private static readonly StyleOptions Options = StyleMarket.Small.Options;

    [Fact]
    public void ExposuresAtTIgnoreEverythingAfterT()
    {
        const int cut = 110;
        var clean = StyleMarket.Build(7);
        var perturbed = StyleMarket.Build(7, perturbAfter: cut, perturbSeed: 99);
        var a = StyleNeutralLabel.Exposures(clean, Options);
        var b = StyleNeutralLabel.Exposures(perturbed, Options);
        Assert.Equal(a.Select(e => e.Name), b.Select(e => e.Name));
        Assert.Equal(["size", "beta", "residual_volatility", "momentum", "liquidity", "nonlinear_size", "book_to_price", "earnings_yield"], a.Select(e => e.Name));
        var differsLater = false;
        for (var k = 0; k < a.Count; k++)
            for (var i = 0; i < StyleMarket.Stocks; i++)
            {
                for (var t = 0; t <= cut; t++)
                    Assert.True(BitConverter.SingleToInt32Bits(a[k].Values[i * StyleMarket.Days + t]) == BitConverter.SingleToInt32Bits(b[k].Values[i * StyleMarket.Days + t]),
                        $"{a[k].Name} of stock {i} on day {t} (cut {cut}): {a[k].Values[i * StyleMarket.Days + t]} became {b[k].Values[i * StyleMarket.Days + t]}");
                for (var t = cut + 1; t < StyleMarket.Days; t++)
                    differsLater |= a[k].Values[i * StyleMarket.Days + t] != b[k].Values[i * StyleMarket.Days + t];
            }
        Assert.True(differsLater, "the perturbation changed nothing after the cut, so the test would prove nothing");
    }

    [Fact]
    public void BetaResidualVolAndMomentumByFormula()
    {
        var data = StyleMarket.Build(3);
        var raw = StyleExposures.Compute(data, Options).ToDictionary(e => e.Name, e => e.Values);
        var panel = data.Panel;
        const int i = 5, t = 120, T = StyleMarket.Days;
        var close = panel.Field("close");
        var volume = panel.Field("volume");
        double Ret(int s) => volume[i * T + s] > 0 && volume[i * T + s - 1] > 0 ? (double)close[i * T + s] / close[i * T + s - 1] - 1 : double.NaN;
        var bench = data.Benchmark!.Close;
        var xs = new List<double>();
        var ys = new List<double>();
        for (var s = t - 59; s <= t; s++)
            if (!double.IsNaN(Ret(s))) { xs.Add((double)bench[s] / bench[s - 1] - 1); ys.Add(Ret(s)); }
        double mx = xs.Average(), my = ys.Average();
        var beta = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / xs.Sum(x => (x - mx) * (x - mx));
        var alpha = my - beta * mx;
        var resid = xs.Zip(ys, (x, y) => y - alpha - beta * x).ToList();
        Assert.Equal(beta, raw["beta"][i * T + t], 4);
        Assert.Equal(Math.Sqrt(resid.Sum(e => e * e) / (resid.Count - 2)), raw["residual_volatility"][i * T + t], 5);
        var momentum = Enumerable.Range(t - 59, 55).Select(Ret).Where(r => !double.IsNaN(r)).Sum(r => Math.Log(1 + r));
        Assert.Equal(momentum, raw["momentum"][i * T + t], 4);
        Assert.Equal(Math.Log(panel.Field("float_mv")[i * T + t]), raw["size"][i * T + t], 4);
        Assert.Equal(1 / panel.Field("pb")[1 * T + t], raw["book_to_price"][1 * T + t], 4);
        Assert.True(float.IsNaN(raw["book_to_price"][0 * T + t])); // stock 0 has no pb
    }

    [Fact]
    public void NeutralLabelIsTheLeastSquaresResidual()
    {
        var data = StyleMarket.Build(11);
        const int t = 100, T = StyleMarket.Days;
        var label = ForwardReturns.Compute(data.Panel, 5);
        var exposures = StyleNeutralLabel.Exposures(data, Options);
        var neutral = StyleNeutralLabel.Compute(data, label, exposures, Options);
        var members = data.Universe!.MaskFor(data.Panel);
        var rows = Enumerable.Range(0, StyleMarket.Stocks).Where(i => members[i * T + t] && !float.IsNaN(label[i * T + t])).ToList();
        // Design: three industry dummies plus every exposure column that is not constant on this date.
        var columns = new List<double[]>();
        for (var g = 0; g < 3; g++) columns.Add(rows.Select(i => data.Industry[data.Panel.Symbols[i]] == $"ind{g}" ? 1.0 : 0.0).ToArray());
        foreach (var e in exposures)
        {
            var col = rows.Select(i => (double)e.Values[i * T + t]).ToArray();
            if (col.Max() - col.Min() > 1e-9) columns.Add(col);
        }
        var y = rows.Select(i => (double)label[i * T + t]).ToArray();
        var fitted = LeastSquaresFit(columns, y);
        for (var r = 0; r < rows.Count; r++)
            Assert.Equal(y[r] - fitted[r], neutral[rows[r] * T + t], 5);
        Assert.True(rows.Count > columns.Count + 2);
        for (var i = 0; i < StyleMarket.Stocks; i++)
            if (!members[i * T + t]) Assert.True(float.IsNaN(neutral[i * T + t]));
    }

    [Fact]
    public void NeutralLabelIsUncorrelatedWithEveryExposureOnEveryDate()
    {
        var data = StyleMarket.Build(12);
        const int T = StyleMarket.Days;
        var label = ForwardReturns.Compute(data.Panel, 10);
        var exposures = StyleNeutralLabel.Exposures(data, Options);
        var neutral = StyleNeutralLabel.Compute(data, label, exposures, Options);
        var members = data.Universe!.MaskFor(data.Panel);
        var checkedPairs = 0;
        var worst = 0.0;
        for (var t = 0; t < T; t++)
        {
            var rows = Enumerable.Range(0, StyleMarket.Stocks).Where(i => members[i * T + t] && !float.IsNaN(neutral[i * T + t])).ToList();
            if (rows.Count < 10) continue;
            var y = rows.Select(i => (double)neutral[i * T + t]).ToArray();
            foreach (var e in exposures)
            {
                var x = rows.Select(i => (double)e.Values[i * T + t]).ToArray();
                if (x.Max() - x.Min() < 1e-9 || x.Any(double.IsNaN)) continue;
                var rho = Math.Abs(Pearson(x, y));
                worst = Math.Max(worst, rho);
                checkedPairs++;
            }
        }
        Assert.True(checkedPairs > 100, $"only {checkedPairs} date x exposure pairs to check");
        Assert.True(worst < 1e-6, $"the neutralised label correlates {worst:E2} with a style exposure");
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var k = 0; k < x.Length; k++) { sxy += (x[k] - mx) * (y[k] - my); sxx += (x[k] - mx) * (x[k] - mx); syy += (y[k] - my) * (y[k] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Fitted values of OLS by the normal equations, solved with Gaussian elimination (independent of the library's Gram-Schmidt).</summary>
    private static double[] LeastSquaresFit(List<double[]> x, double[] y)
    {
        var k = x.Count;
        var a = new double[k, k + 1];
        for (var p = 0; p < k; p++)
        {
            for (var q = 0; q < k; q++) a[p, q] = x[p].Zip(x[q], (u, v) => u * v).Sum();
            a[p, k] = x[p].Zip(y, (u, v) => u * v).Sum();
        }
        for (var c = 0; c < k; c++)
        {
            var pivot = Enumerable.Range(c, k - c).MaxBy(r => Math.Abs(a[r, c]));
            for (var j = 0; j <= k; j++) (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            for (var r = 0; r < k; r++)
            {
                if (r == c) continue;
                var f = a[r, c] / a[c, c];
                for (var j = 0; j <= k; j++) a[r, j] -= f * a[c, j];
            }
        }
        var b = Enumerable.Range(0, k).Select(p => a[p, k] / a[p, p]).ToArray();
        return Enumerable.Range(0, y.Length).Select(r => Enumerable.Range(0, k).Sum(p => b[p] * x[p][r])).ToArray();
    }
}
