using AlphaSharp.Factors.Labels;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Tests.Support;

namespace AlphaSharp.Models.Tests.Datasets;

public class DatasetLabelTests
{
    [Fact]
    public void AnyLabelPanelOfTheFactorLayerServesAndUpDownMakesClasses()
    {
        var market = new SyntheticMarket(5);
        var cal = market.Calendar;
        var forward = ForwardReturns.Compute(market.Data.Panel, 5); // a 5-day forward return from Factors/Labels
        var spec = new DatasetSpec(NeuralModelTests.Features, "unused: the panel is given", 5,
            [new Segment("train", cal[0], cal[108]), new Segment("test", cal[110], cal[^1])], LabelNorm.UpDown);
        var ds = Dataset.Build(market.Data, spec, label: forward);
        Assert.Same(forward, ds.Label);
        for (var k = 0; k < forward.Length; k++)
        {
            var want = float.IsNaN(forward[k]) ? float.NaN : forward[k] > 0 ? 1f : 0f;
            Assert.Equal(want, ds.FittingLabel[k]);
        }
        // The train span loses the days whose 5-day labels read the test span's days.
        Assert.Equal(110 - 5 - 1, ds.Span("train").Last);
        Assert.Contains(ds.FittingLabel, v => v == 1f);
        Assert.Contains(ds.FittingLabel, v => v == 0f);
    }
}
