using AlphaSharp.Data;
using AlphaSharp.Models.Datasets;

namespace AlphaSharp.Models.Tests.Datasets;

public class FeatureNormalizerTests
{
    /// <summary>A 1-instrument cube whose feature 0 is <paramref name="values"/> day by day and feature 1 its negation.</summary>
    private static FeatureCube Cube(float[] values)
    {
        var cal = new Calendar(Enumerable.Range(0, values.Length).Select(k => new DateOnly(2021, 1, 1).AddDays(k)));
        var cube = new FeatureCube(cal, ["A"], ["x", "minus_x"]);
        cube.SetFeature(0, values);
        cube.SetFeature(1, values.Select(v => -v).ToArray());
        return cube;
    }

    [Fact]
    public void RobustZScoreIsQlibsMedianAndScaledMadFittedOnTrainingDaysOnly()
    {
        // Training days 0..6: values 1, 2, 3, NaN, 4, 100, 5 -> median of {1,2,3,4,5,100} = 3.5,
        // |x - 3.5| = {2.5,1.5,0.5,0.5,1.5,96.5} -> MAD = 1.5, scale = (1.5 + 1e-12) * 1.4826.
        float[] values = [1, 2, 3, float.NaN, 4, 100, 5, 1e6f, -1e6f];
        var cube = Cube(values);
        var train = SampleIndex.Build(new SegmentSpan("train", 0, 6, 0), 1, values.Length, null, null);
        var norm = FeatureNormalizer.Fit(cube, train, new FeatureProcessing(FeatureNorm.RobustZScore, Clip: 3, Fill: 0));
        Assert.Equal(3.5f, norm.Center[0]);
        Assert.Equal((float)((1.5 + 1e-12) * 1.4826), norm.Scale[0]);
        Assert.Equal(-3.5f, norm.Center[1]);
        float[] rows = [3.5f + 2.2239f, 0, float.NaN, 0, 1e6f, -1e6f];
        norm.Apply(rows);
        Assert.Equal(1f, rows[0], 4);              // one scaled MAD above the median
        Assert.Equal(0f, rows[2]);                 // missing -> fill
        Assert.Equal(3f, rows[4]);                 // clipped
        Assert.Equal(-3f, rows[5]);                // minus_x: (-1e6 + 3.5) / s, clipped
        Assert.Equal(3.5 / ((1.5 + 1e-12) * 1.4826), rows[1], 5); // minus_x = 0 is 3.5 above its median of -3.5
    }

    [Fact]
    public void ZScoreIsThePopulationMeanAndStdAndAFlatFeatureKeepsScaleOne()
    {
        float[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        var cal = new Calendar(Enumerable.Range(0, values.Length).Select(k => new DateOnly(2021, 1, 1).AddDays(k)));
        var cube = new FeatureCube(cal, ["A"], ["x", "flat"]);
        cube.SetFeature(0, values);
        cube.SetFeature(1, Enumerable.Repeat(7f, values.Length).ToArray());
        var train = SampleIndex.Build(new SegmentSpan("train", 0, 7, 0), 1, values.Length, null, null);
        var norm = FeatureNormalizer.Fit(cube, train, new FeatureProcessing(FeatureNorm.ZScore));
        Assert.Equal(5f, norm.Center[0]);
        Assert.Equal(2f, norm.Scale[0]); // the textbook population std of this set
        Assert.Equal(7f, norm.Center[1]);
        Assert.Equal(1f, norm.Scale[1]);
        Assert.Equal(float.PositiveInfinity, norm.Clip);
    }

    [Fact]
    public void TheFittedStateRoundTripsThroughJsonBitForBit()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 300).Select(_ => (float)(rng.NextDouble() * 10 - 3)).ToArray();
        values[17] = float.NaN;
        var cube = Cube(values);
        var train = SampleIndex.Build(new SegmentSpan("train", 0, 199, 0), 1, values.Length, null, null);
        foreach (var kind in new[] { FeatureNorm.None, FeatureNorm.ZScore, FeatureNorm.RobustZScore })
        {
            var fitted = FeatureNormalizer.Fit(cube, train, new FeatureProcessing(kind, 2.5, -1));
            var back = FeatureNormalizer.FromJson(fitted.ToJson(), "test");
            Assert.Equal(fitted.Norm, back.Norm);
            Assert.Equal(fitted.Center, back.Center);
            Assert.Equal(fitted.Scale, back.Scale);
            Assert.Equal(fitted.Clip, back.Clip);
            Assert.Equal(fitted.Fill, back.Fill);
            var a = values.Select(v => v).ToArray().SelectMany(v => new[] { v, -v }).ToArray();
            var b = (float[])a.Clone();
            fitted.Apply(a);
            back.Apply(b);
            Assert.Equal(a, b);
        }
    }

    [Theory]
    [InlineData(0, 0f, "clip: 0 is not a positive number of deviations")]
    [InlineData(3, float.NaN, "fill: NaN is not a finite number")]
    public void BadSettingsNameTheSetting(double clip, float fill, string message) =>
        Assert.Equal(message, Assert.Throws<Common.InputException>(() => new FeatureProcessing(FeatureNorm.RobustZScore, clip, fill).Validate()).Message);
}
