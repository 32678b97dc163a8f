using AlphaSharp.Factors.Operators;
using AlphaSharp.Models.Nets.AlphaNet;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Models.Tests.Nets.AlphaNet;

/// <summary>
/// The AlphaNet operator layers against the factor engine's operators of the same names (the same series, the same
/// windows), and their backward by finite differences.
/// </summary>
public class OperatorLayerTests
{
    private const int Inputs = 4;

    /// <summary>[batch, days, inputs] of positive prices-like values with distinct scales, so no window is flat.</summary>
    private static Tensor Image(int batch, int days, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[batch * days * Inputs];
        for (var k = 0; k < x.Length; k++) x[k] = (1 + k % Inputs) * (1f + 0.5f * rng.NextFloat());
        return Tensor.From(x, batch, days, Inputs);
    }

    private static float[] Series(Tensor x, int b, int f)
    {
        var (days, inputs) = (x.Shape[1], x.Shape[2]);
        return Enumerable.Range(0, days).Select(t => x.Data[(b * days + t) * inputs + f]).ToArray();
    }

    /// <summary>The engine's rolling value of one operator on one series (or pair) over window d, at every day.</summary>
    private static float[] Engine(ImageOperator op, float[] a, float[]? b, int d)
    {
        var y = new float[a.Length];
        switch (op)
        {
            case ImageOperator.Corr: RollingPair.Corr(a, b!, y, d); break;
            case ImageOperator.Cov: RollingPair.Cov(a, b!, y, d); break;
            case ImageOperator.Stddev: RollingMoments.Std(a, y, d); break;
            case ImageOperator.Zscore: RollingMoments.MeanOverStd(a, y, d); break;
            case ImageOperator.Return: Shift.Return(a, y, d - 1); break; // a window of d days spans d - 1 days of growth
            case ImageOperator.DecayLinear: Smoothing.Wma(a, y, d); break;
            case ImageOperator.Mean: RollingMoments.Mean(a, y, d); break;
            case ImageOperator.Min: RollingExtrema.Min(a, y, d); break;
            case ImageOperator.Max: RollingExtrema.Max(a, y, d); break;
        }
        return y;
    }

    [Theory]
    [InlineData(10, 10, 30, null)] // V1: 30 days, window 10, stride 10
    [InlineData(10, 5, 30, null)]  // V2/V3's stride 5
    [InlineData(5, 1, 39, 20)]     // V4's d = 5 image: 20 steps ending on the last day
    [InlineData(2, 1, 39, 20)]
    [InlineData(20, 1, 39, 20)]
    public void Every_operator_equals_the_factor_engine_on_the_same_windows(int d, int stride, int days, int? positions)
    {
        var ops = Enum.GetValues<ImageOperator>();
        var layer = new OperatorLayer(ops, Inputs, d, stride, positions);
        var x = Image(3, days, 7);
        var y = layer.Forward(x);
        var p = layer.Positions(days);
        Assert.Equal([3, p, layer.Channels], y.Shape);
        Assert.Equal(2 * 6 + 7 * Inputs, layer.Channels); // 6 pairs of 4 inputs, twice; 7 single-series operators
        var first = positions is null ? 0 : days - ((p - 1) * stride + d);
        var compared = 0;
        for (var b = 0; b < 3; b++)
        {
            var c = 0;
            foreach (var op in ops)
            {
                var pairs = op.IsPair()
                    ? (from i in Enumerable.Range(0, Inputs) from j in Enumerable.Range(i + 1, Inputs - i - 1) select (i, (int?)j)).ToArray()
                    : Enumerable.Range(0, Inputs).Select(i => (i, (int?)null)).ToArray();
                foreach (var (i, j) in pairs)
                {
                    var engine = Engine(op, Series(x, b, i), j is { } jj ? Series(x, b, jj) : null, d);
                    for (var k = 0; k < p; k++)
                    {
                        var day = first + k * stride + d - 1; // the window's last day: the engine's value there
                        var expected = engine[day];
                        var actual = y.Data[(b * p + k) * layer.Channels + c];
                        Assert.False(float.IsNaN(expected), $"{op.Name()} at day {day}: the engine gave NaN");
                        Assert.True(Math.Abs(actual - expected) <= 2e-5 * Math.Max(1, Math.Abs(expected)),
                            $"{op.Name()}({i},{j},{d}) sample {b} position {k}: layer {actual}, engine {expected}");
                        compared++;
                    }
                    c++;
                }
            }
        }
        Assert.Equal(3 * p * layer.Channels, compared);
    }

    [Theory]
    [InlineData(ImageOperator.Corr)]
    [InlineData(ImageOperator.Cov)]
    [InlineData(ImageOperator.Stddev)]
    [InlineData(ImageOperator.Zscore)]
    [InlineData(ImageOperator.Return)]
    [InlineData(ImageOperator.DecayLinear)]
    [InlineData(ImageOperator.Mean)]
    [InlineData(ImageOperator.Min)]
    [InlineData(ImageOperator.Max)]
    public void Backward_matches_finite_differences_with_overlapping_windows(ImageOperator op)
    {
        var layer = new OperatorLayer([op], Inputs, 5, 2);
        // Each series a shuffled ladder with steps of 0.02 x its scale: min and max have no tie within the step of 1e-3.
        var rng = new Rng(11);
        var x = new float[2 * 13 * Inputs];
        for (var s = 0; s < 2 * Inputs; s++)
        {
            var (b, f) = (s / Inputs, s % Inputs);
            var ladder = Enumerable.Range(0, 13).OrderBy(_ => rng.NextFloat()).ToArray();
            for (var t = 0; t < 13; t++) x[(b * 13 + t) * Inputs + f] = (1 + f) * (1 + 0.02f * ladder[t]);
        }
        var input = Tensor.From(x, 2, 13, Inputs);
        input.RequiresGrad = true;
        GradCheck.Check(t => layer.Forward(t[0]), [input], eps: 1e-3, rtol: 1e-2, atol: 2e-3, maxPerInput: 104);
    }

    [Fact]
    public void A_flat_series_gives_zero_correlation_and_zscore_and_no_gradient()
    {
        var x = Image(1, 6, 3);
        for (var t = 0; t < 6; t++) x.Data[t * Inputs] = 2.5f; // input 0 constant
        x.RequiresGrad = true;
        var layer = new OperatorLayer([ImageOperator.Corr, ImageOperator.Zscore], Inputs, 6, 1);
        var y = layer.Forward(x);
        Assert.Equal(0f, y.Data[0]); Assert.Equal(0f, y.Data[1]); Assert.Equal(0f, y.Data[2]); // corr(0, 1..3)
        Assert.Equal(0f, y.Data[6]);                                                           // zscore(0)
        var g = new float[y.Numel];
        g[0] = g[1] = g[2] = g[6] = 1;
        y.Backward(g);
        for (var t = 0; t < 6; t++) Assert.Equal(0f, x.Grad![t * Inputs]);
    }

    [Fact]
    public void Channel_names_follow_the_output_order()
    {
        var layer = new OperatorLayer([ImageOperator.Corr, ImageOperator.Return], 3, 10, 10);
        Assert.Equal(["ts_corr(a,b,10)", "ts_corr(a,c,10)", "ts_corr(b,c,10)", "ts_return(a,10)", "ts_return(b,10)", "ts_return(c,10)"],
            layer.ChannelNames(["a", "b", "c"]));
    }

    [Fact]
    public void Bad_settings_and_inputs_say_what_is_wrong()
    {
        Assert.Contains("ts_stddev needs a window of 2", Assert.ThrowsAny<Exception>(() => new OperatorLayer([ImageOperator.Stddev], 3, 1, 1)).Message);
        Assert.Contains("two input series", Assert.ThrowsAny<Exception>(() => new OperatorLayer([ImageOperator.Cov], 1, 5, 1)).Message);
        var layer = new OperatorLayer([ImageOperator.Mean], Inputs, 10, 1, positions: 20);
        Assert.Contains("fewer than the 29 its windows need", Assert.Throws<ArgumentException>(() => layer.Forward(Image(1, 28, 1))).Message);
        Assert.Contains("ts_corr, ts_cov", Assert.ThrowsAny<Exception>(() => ImageOperators.Parse("ts_corrr")).Message);
    }
}
