using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Evaluation.MultiFactor;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors.Labels;
using AlphaSharp.Factors;
using AlphaSharp.Reports.Research;
using AlphaSharp.Tests.Factors.Labels;

namespace AlphaSharp.Tests.Evaluation.MultiFactor;

/// <summary>Screening, direction and weights of the pipeline on the seeded style market, recomputed step by step.</summary>
public sealed class PipelineRulesTests
{
    private static MultiFactorOptions Options(CompositeWeighting weighting, OrthogonalizationKind kind) => new()
    {
        Factors = [new Feature("rev", "-($close/Ref($close,5)-1)"), new Feature("size", "Log($float_mv)"), new Feature("mom", "$close/Ref($close,20)-1")],
        Unavailable = [],
        Horizons = [5, 10],
        MinAbsIc = 0.05,
        MinAbsIcIr = 0.3,
        Weighting = weighting,
        Orthogonalization = kind,
        ScreenStart = new DateOnly(2020, 1, 1), ScreenEnd = new DateOnly(2020, 7, 31),
        TestStart = new DateOnly(2020, 2, 1), TestEnd = new DateOnly(2020, 6, 30),
    };

    [Fact]
    public void ScreeningIcsAreMonthEndIcs()
    {
        var data = StyleMarket.Build(5);
        var r = MultiFactorPipeline.Run(data, Options(CompositeWeighting.Equal, OrthogonalizationKind.Schmidt));
        var ends = MultiFactorPipeline.MonthEnds(data.Calendar).Where(t => data.Calendar[t] <= new DateOnly(2020, 7, 31)).ToArray();
        var members = data.Universe!.MaskFor(data.Panel);
        var size = FactorEngine.Evaluate(data, "Log($float_mv)");
        var fwd = ForwardReturns.Compute(data.Panel, 10);
        var ics = ends.Select(t => IcSeries.Compute(PanelArray.Of(data.Panel, size), PanelArray.Of(data.Panel, fwd), members, 10, t, t).Ic[t]).Where(v => !double.IsNaN(v)).ToArray();
        var cell = r.Screening.Single(c => c.Factor == "size" && c.Horizon == 10);
        Assert.Equal(ics.Average(), cell.Ic.Mean, 9);
        Assert.Equal(ics.Length, cell.Ic.Count);
        Assert.Equal(Math.Abs(cell.Ic.Mean) > 0.05 && Math.Abs(cell.Ic.IcIr) > 0.3, cell.Passes);
    }

    [Theory]
    [InlineData(CompositeWeighting.Equal, OrthogonalizationKind.Schmidt)]
    [InlineData(CompositeWeighting.Ic, OrthogonalizationKind.Symmetric)]
    [InlineData(CompositeWeighting.IcIr, OrthogonalizationKind.None)]
    public void DirectionAndWeightsFollowTheScreening(CompositeWeighting weighting, OrthogonalizationKind kind)
    {
        var data = StyleMarket.Build(5);
        var o = Options(weighting, kind) with { MinAbsIc = 0, MinAbsIcIr = 0 }; // every factor passes
        var r = MultiFactorPipeline.Run(data, o);
        Assert.False(r.NonePassed);
        Assert.Equal(3, r.Selected.Count);
        var raw = r.Selected.Select(s =>
        {
            var cells = r.Screening.Where(c => c.Factor == s.Name).ToList();
            Assert.Equal(cells.Average(c => c.Ic.Mean) < 0 ? -1 : 1, s.Direction);
            return weighting switch
            {
                CompositeWeighting.Ic => cells.Average(c => Math.Abs(c.Ic.Mean)),
                CompositeWeighting.IcIr => cells.Average(c => Math.Abs(c.Ic.IcIr)),
                _ => 1.0,
            };
        }).ToArray();
        for (var k = 0; k < 3; k++) Assert.Equal(raw[k] / raw.Sum(), r.Selected[k].Weight, 12);
        Assert.InRange(r.CompositeCoverage, 0.5, 1.0);
        if (kind != OrthogonalizationKind.None)
            for (var a = 0; a < 3; a++)
                for (var b = 0; b < 3; b++)
                    if (a != b) Assert.Equal(0, r.CorrelationAfter[a, b], 9);
    }

    [Fact]
    public void NothingPassesNothingKeptWhenAsked()
    {
        var data = StyleMarket.Build(5);
        var r = MultiFactorPipeline.Run(data, Options(CompositeWeighting.Equal, OrthogonalizationKind.Schmidt) with { MinAbsIc = 1, KeepAllIfNonePass = false });
        Assert.True(r.NonePassed);
        Assert.Empty(r.Selected);
        Assert.All(r.Composite, v => Assert.True(float.IsNaN(v)));
        Assert.Contains("no composite", MultiFactorReport.Build(data, Options(CompositeWeighting.Equal, OrthogonalizationKind.Schmidt), r, "test").Render());
    }
}
