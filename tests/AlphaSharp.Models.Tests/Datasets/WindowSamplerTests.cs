using AlphaSharp.Factors;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Models.Datasets;
using AlphaSharp.Models.Tests.Support;

namespace AlphaSharp.Models.Tests.Datasets;

/// <summary>
/// The sampler against a naive construction written from the definitions alone: samples are the (day, member)
/// pairs with a label, ordered by day then instrument; a window is the instrument's last L calendar days, oldest first,
/// missing days (suspended, before listing, before the calendar) filled after normalisation.
/// </summary>
public class WindowSamplerTests
{
    private static readonly Feature[] Features =
    [
        new("ret1", "$close/Ref($close,1)-1"),
        new("ma5", "Mean($close,5)/$close"),
        new("vol", "Log($volume+1)"),
        new("sig", "$signal"),
    ];

    private static (SyntheticMarket Market, FeatureCube Cube, float[][] Panels, float[] Label) Build(int seed)
    {
        var market = new SyntheticMarket(seed);
        var engine = new FactorEngine(market.Data);
        var cube = FeatureCube.Build(engine, Features);
        var panels = Features.Select(f => engine.Evaluate(f.Expression)).ToArray();
        var label = engine.Evaluate("Ref($close,-2)/Ref($close,-1)-1", Factors.Expressions.ExpressionRole.Label);
        return (market, cube, panels, label);
    }

    [Fact]
    public void TheCubeHoldsEachFeatureTheEngineComputes()
    {
        var (market, cube, panels, _) = Build(1);
        for (var f = 0; f < Features.Length; f++)
            for (var i = 0; i < market.N; i++)
                for (var t = 0; t < market.T; t++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(panels[f][i * market.T + t]), BitConverter.SingleToInt32Bits(cube.Day(i, t)[f]));
    }

    [Theory]
    [InlineData(SampleShape.Sequence, 20, FeatureNorm.RobustZScore)]
    [InlineData(SampleShape.Image, 7, FeatureNorm.ZScore)]
    [InlineData(SampleShape.Rows, 1, FeatureNorm.None)]
    [InlineData(SampleShape.Sequence, 6, FeatureNorm.RobustZScore, 5)] // paper 000's weekly steps of daily features
    [InlineData(SampleShape.Image, 4, FeatureNorm.ZScore, 3)]
    public void SamplesAndWindowsMatchANaiveConstructionBitForBit(SampleShape shape, int window, FeatureNorm norm, int step = 1)
    {
        var reach = (window - 1) * step + 1; // calendar days from a window's first step to its decision day
        var (market, cube, panels, label) = Build(2);
        int T = market.T, N = market.N, F = Features.Length;
        var members = market.Members;
        var span = new SegmentSpan("train", 3, T - 3, 0);
        var samples = SampleIndex.Build(span, N, T, members, label);

        // Naive sample list.
        var expected = new List<(int Day, int Instrument)>();
        for (var t = span.First; t <= span.Last; t++)
            for (var i = 0; i < N; i++)
                if (members[i * T + t] && float.IsFinite(label[i * T + t])) expected.Add((t, i));
        Assert.Equal(expected, samples.Days.Zip(samples.Instruments).ToList());
        // The cases the sampler must get right are all present.
        if (window > 1)
        {
            Assert.Contains(expected, s => s.Day - reach + 1 < market.ListedFrom[s.Instrument]);        // window before listing
            Assert.Contains(expected, s => Enumerable.Range(Math.Max(0, s.Day - reach + 1), Math.Min(reach, s.Day + 1))
                .Any(d => !members[s.Instrument * T + d]));                                           // window across an index entry/exit
        }
        Assert.Contains(expected, s => Enumerable.Range(Math.Max(0, s.Day - reach + 1), Math.Min(reach, s.Day + 1))
            .Any(d => float.IsNaN(market.Data.Panel.Field("close")[s.Instrument * T + d])));              // a suspension in the window

        var normalizer = FeatureNormalizer.Fit(cube, samples, new FeatureProcessing(norm));
        var sampler = new WindowSampler(cube, normalizer, shape, window, step);
        var positions = Enumerable.Range(0, samples.Count).Reverse().ToArray(); // any order
        var x = new float[positions.Length * sampler.SampleSize];
        sampler.Fill(samples, positions, x);

        for (var k = 0; k < positions.Length; k++)
        {
            var (t, i) = expected[positions[k]];
            for (var d = 0; d < window; d++)
                for (var f = 0; f < F; f++)
                {
                    var day = t - (window - 1 - d) * step;
                    var raw = day < 0 ? float.NaN : panels[f][i * T + day];
                    var v = (raw - normalizer.Center[f]) / normalizer.Scale[f];
                    var want = float.IsNaN(v) ? 0f : Math.Clamp(v, -normalizer.Clip, normalizer.Clip);
                    var at = shape == SampleShape.Image ? f * window + d : d * F + f;
                    Assert.Equal(BitConverter.SingleToInt32Bits(want), BitConverter.SingleToInt32Bits(x[k * sampler.SampleSize + at]));
                }
        }
        var y = new float[positions.Length];
        WindowSampler.FillLabels(samples, positions, label, T, y);
        for (var k = 0; k < positions.Length; k++)
        {
            var (t, i) = expected[positions[k]];
            Assert.Equal(label[i * T + t], y[k]);
        }
    }

    [Theory]
    [InlineData(SampleShape.Sequence, 20)]
    [InlineData(SampleShape.Image, 7)]
    public void ABatchFilledOnBothCoresEqualsTheSameSamplesFilledInSmallBatches(SampleShape shape, int window)
    {
        var (market, cube, _, label) = Build(4);
        var samples = SampleIndex.Build(new SegmentSpan("train", 0, market.T - 3, 0), market.N, market.T, market.Members, label);
        var sampler = new WindowSampler(cube, FeatureNormalizer.Fit(cube, samples, new FeatureProcessing()), shape, window);
        // Every sample several times over, shuffled, so the batch is past the size the sampler fills in parallel.
        var positions = Enumerable.Range(0, 48).SelectMany(_ => Enumerable.Range(0, samples.Count)).ToArray();
        new Random(5).Shuffle(positions);
        Assert.True((long)positions.Length * sampler.SampleSize > 1 << 20);
        var large = new float[positions.Length * sampler.SampleSize];
        sampler.Fill(samples, positions, large);
        var small = new float[large.Length];
        for (var from = 0; from < positions.Length; from += 100)
        {
            var n = Math.Min(100, positions.Length - from);
            sampler.Fill(samples, positions.AsSpan(from, n), small.AsSpan(from * sampler.SampleSize, n * sampler.SampleSize));
        }
        Assert.Equal(small.Select(BitConverter.SingleToInt32Bits), large.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void AWindowAtTIsUnchangedWhenTheMarketAfterTChanges()
    {
        var (market, cube, _, _) = Build(3);
        var cut = 90;
        var perturbed = new SyntheticMarket(3);
        var close = perturbed.Data.Panel.Field("close");
        var volume = perturbed.Data.Panel.Field("volume");
        var rng = new Random(99);
        for (var i = 0; i < perturbed.N; i++)
            for (var t = cut + 1; t < perturbed.T; t++)
            {
                close[i * perturbed.T + t] *= (float)(0.5 + rng.NextDouble());
                volume[i * perturbed.T + t] = rng.NextDouble() < 0.3 ? 0 : volume[i * perturbed.T + t];
            }
        var cube2 = FeatureCube.Build(new FactorEngine(perturbed.Data), Features);
        var span = new SegmentSpan("train", 0, cut, 0);
        var samples = SampleIndex.Build(span, market.N, market.T, market.Members, null);
        var fit1 = FeatureNormalizer.Fit(cube, samples, new FeatureProcessing());
        var fit2 = FeatureNormalizer.Fit(cube2, samples, new FeatureProcessing());
        Assert.Equal(fit1.Center, fit2.Center);
        Assert.Equal(fit1.Scale, fit2.Scale);
        var a = new float[samples.Count * 10 * Features.Length];
        var b = new float[a.Length];
        var all = Enumerable.Range(0, samples.Count).ToArray();
        new WindowSampler(cube, fit1, SampleShape.Sequence, 10).Fill(samples, all, a);
        new WindowSampler(cube2, fit2, SampleShape.Sequence, 10).Fill(samples, all, b);
        Assert.Equal(a, b);
        // The perturbation did reach the days after the cut.
        Assert.NotEqual(cube.Day(0, cut + 5).ToArray(), cube2.Day(0, cut + 5).ToArray());
    }
}
