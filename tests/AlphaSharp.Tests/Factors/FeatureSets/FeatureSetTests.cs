using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors;

namespace AlphaSharp.Tests.Factors.FeatureSets;

/// <summary>Feature-set shapes (Qlib's counts and names) and honest reporting of what the data cannot supply.</summary>
public class FeatureSetTests
{
    [Fact]
    public void QlibSetsHaveQlibsCountsAndNames()
    {
        Assert.Equal(158, Alpha158.Set.Required.Count);
        Assert.Equal(158, Alpha158.Set.Required.Select(f => f.Name).Distinct().Count());
        Assert.Equal(["KMID", "KLEN", "KMID2", "KUP", "KUP2", "KLOW", "KLOW2", "KSFT", "KSFT2", "OPEN0", "HIGH0", "LOW0", "VWAP0", "ROC5"],
            Alpha158.Set.Required.Take(14).Select(f => f.Name));
        Assert.Equal("VSUMD60", Alpha158.Set.Required[^1].Name);
        Assert.Equal(360, Alpha360.Set.Required.Count);
        Assert.Equal(("CLOSE59", "Ref($close, 59)/$close"), (Alpha360.Set.Required[0].Name, Alpha360.Set.Required[0].Expression));
        Assert.Equal(("VOLUME0", "$volume/($volume+1e-12)"), (Alpha360.Set.Required[^1].Name, Alpha360.Set.Required[^1].Expression));
    }

    [Fact]
    public void AlphaNetReportsFreeFloatTurnoverUnavailable()
    {
        Assert.Equal(9, AlphaNetInputs.V1.Required.Count + AlphaNetInputs.V1.Missing.Count);
        Assert.Equal(13, AlphaNetInputs.V4.Required.Count + AlphaNetInputs.V4.Missing.Count);
        Assert.Equal(["div_close_freeturn", "div_price_turnover"], AlphaNetInputs.V4.Missing.Select(m => m.Name));
        Assert.All(AlphaNetInputs.V4.Missing.Concat(AlphaNetInputs.V1.Missing), m => Assert.Contains("free-float turnover", m.Reason));
    }

    [Fact]
    public void ResolveSplitsOnTheFieldsTheDataHas()
    {
        // The fixture has prices and volume but no valuation fields and no turnover.
        var engine = new FactorEngine(FactorFixture.Data);
        var (available, unavailable) = Paper001Factors.Set.Resolve(engine);
        Assert.Equal(["momentum"], available.Select(f => f.Name));
        Assert.Equal(["pb", "pe", "ps", "float_mv"], unavailable.Select(u => u.Name));
        Assert.Equal("$pe_ttm: unknown field '$pe_ttm' in this data", unavailable[1].Reason);
        var (v4, v4Missing) = AlphaNetInputs.V4.Resolve(engine);
        Assert.Equal(10, v4.Count);
        Assert.Equal(["div_close_freeturn", "div_price_turnover", "turnover"], v4Missing.Select(u => u.Name));
        Assert.Equal(158, Alpha158.Set.Resolve(engine).Available.Count);
    }

    [Fact]
    public void CatalogFindsSetsByNameAndRejectsUnknownOnes()
    {
        Assert.Same(Alpha158.Set, FeatureSetCatalog.Get("Alpha158"));
        Assert.Same(AlphaNetInputs.V4, FeatureSetCatalog.Get("alphanet-v4"));
        var e = Assert.Throws<InputException>(() => FeatureSetCatalog.Get("alpha159"));
        Assert.Equal("unknown feature set 'alpha159' (known: alpha158, alpha360, technical, alphanet-v1, alphanet-v4, paper001)", e.Message);
    }

    [Fact]
    public void MarketFieldsAreAdjustedAndSuspendedDaysMissing()
    {
        var data = FactorFixture.Load();
        var p = data.Panel;
        var factor = p.SetField("factor");
        for (var k = 0; k < factor.Length; k++) factor[k] = 1 + (k % FactorFixture.T) / 100f;
        var engine = new FactorEngine(data);
        const int T = FactorFixture.T;
        var close = engine.Evaluate("$close");
        var raw = engine.Evaluate("$close_raw");
        var volume = engine.Evaluate("$volume");
        var vwap = engine.Evaluate("$vwap");
        var at = 0 * T + 12;
        Assert.Equal(p.Field("close")[at] * factor[at], close[at]);
        Assert.Equal(p.Field("close")[at], raw[at]);
        Assert.Equal(p.Field("volume")[at] / factor[at], volume[at]);
        Assert.Equal((float)((double)p.Field("amount")[at] / p.Field("volume")[at]) * factor[at], vwap[at]);
        // S2 day 25 is a flat fill with volume 0: a suspension, so every market field is missing there.
        var suspended = 2 * T + 25;
        Assert.Equal(0f, p.Field("volume")[suspended]);
        Assert.False(float.IsNaN(p.Field("close")[suspended]));
        Assert.All(new[] { close, raw, volume, vwap, engine.Evaluate("$open"), engine.Evaluate("$amount") }, v => Assert.True(float.IsNaN(v[suspended])));
    }
}
