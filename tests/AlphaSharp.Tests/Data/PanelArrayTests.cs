using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;

namespace AlphaSharp.Tests.Data;

/// <summary>The typed panel array: shape checks, accessors, and layout conversion against a naive double loop.</summary>
public sealed class PanelArrayTests
{
    // Not multiples of the 32-cell transpose tile, and T != N, so edge tiles and swapped strides show.
    private const int T = 45, N = 70;

    /// <summary>Instrument-major values with NaNs and a few negative zeros, as factor panels have.</summary>
    private static float[] RandomInstrumentMajor(int seed)
    {
        var rng = new Random(seed);
        var v = new float[T * N];
        for (var k = 0; k < v.Length; k++)
            v[k] = rng.NextDouble() switch { < 0.15 => float.NaN, < 0.17 => -0f, _ => (float)(rng.NextDouble() * 200 - 100) };
        return v;
    }

    [Fact]
    public void Instrument_major_to_date_major_matches_a_naive_transpose_bit_for_bit()
    {
        var x = RandomInstrumentMajor(1);
        var expected = new float[T * N];
        for (var i = 0; i < N; i++)
            for (var t = 0; t < T; t++) expected[t * N + i] = x[i * T + t];
        var d = new PanelArray(x, T, N, PanelLayout.InstrumentMajor).ToLayout(PanelLayout.DateMajor);
        Assert.Equal((T, N, PanelLayout.DateMajor), (d.T, d.N, d.Layout));
        Assert.Equal(Bits(expected), Bits(d.Values));
        Assert.Contains(d.Values, float.IsNaN);
    }

    [Fact]
    public void Date_major_to_instrument_major_matches_a_naive_transpose_and_undoes_the_other_way()
    {
        var x = RandomInstrumentMajor(2); // any values; read here as date-major
        var expected = new float[T * N];
        for (var t = 0; t < T; t++)
            for (var i = 0; i < N; i++) expected[i * T + t] = x[t * N + i];
        var back = new PanelArray(x, T, N, PanelLayout.DateMajor).ToLayout(PanelLayout.InstrumentMajor);
        Assert.Equal(PanelLayout.InstrumentMajor, back.Layout);
        Assert.Equal(Bits(expected), Bits(back.Values));
        Assert.Equal(Bits(x), Bits(back.ToLayout(PanelLayout.DateMajor).Values));
    }

    [Fact]
    public void The_same_layout_is_the_same_array_not_a_copy()
    {
        var p = new PanelArray(new float[T * N], T, N, PanelLayout.DateMajor);
        Assert.Same(p, p.ToLayout(PanelLayout.DateMajor));
        var q = new PanelArray(new float[T * N], T, N, PanelLayout.InstrumentMajor);
        Assert.Same(q, q.ToLayout(PanelLayout.InstrumentMajor));
        Assert.NotSame(q.Values, q.ToLayout(PanelLayout.DateMajor).Values);
    }

    [Fact]
    public void At_Series_and_Row_read_the_same_cells()
    {
        var x = RandomInstrumentMajor(3);
        var byInstrument = new PanelArray(x, T, N, PanelLayout.InstrumentMajor);
        var byDate = byInstrument.ToLayout(PanelLayout.DateMajor);
        for (var i = 0; i < N; i++)
        {
            var series = byInstrument.Series(i);
            for (var t = 0; t < T; t++)
            {
                var cell = BitConverter.SingleToInt32Bits(x[i * T + t]);
                Assert.Equal(cell, BitConverter.SingleToInt32Bits(byInstrument.At(t, i)));
                Assert.Equal(cell, BitConverter.SingleToInt32Bits(byDate.At(t, i)));
                Assert.Equal(cell, BitConverter.SingleToInt32Bits(series[t]));
                Assert.Equal(cell, BitConverter.SingleToInt32Bits(byDate.Row(t)[i]));
            }
        }
        Assert.Equal(T, byInstrument.Series(N - 1).Length);
        Assert.Equal(N, byDate.Row(T - 1).Length);
    }

    [Fact]
    public void Series_rows_and_panel_fields_are_views_of_the_shared_array()
    {
        var panel = new Panel(new Calendar([new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3), new DateOnly(2020, 1, 6)]), ["A", "B"]);
        var field = panel.SetField("x");
        var p = PanelArray.Of(panel, field);
        Assert.Same(field, p.Values);
        Assert.Equal((3, 2), (p.T, p.N));
        p.Series(1)[2] = 7;
        Assert.Equal(7, panel["x", 2, 1]);
        var d = new PanelArray(new float[6], 3, 2, PanelLayout.DateMajor);
        d.Row(1)[0] = 5;
        Assert.Equal(5, d.Values[2]);
    }

    [Fact]
    public void A_length_that_is_not_T_times_N_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PanelArray(new float[11], 3, 4, PanelLayout.InstrumentMajor));
        Assert.Contains("11 values, expected 3 x 4 = 12", e.Message);
        Assert.Throws<ArgumentException>(() => new PanelArray(new float[12], 3, 4, (PanelLayout)7));
        Assert.Throws<ArgumentException>(() => new PanelArray([], -1, 0, PanelLayout.DateMajor));
        var panel = new Panel(new Calendar([new DateOnly(2020, 1, 2)]), ["A", "B"]);
        Assert.Throws<ArgumentException>(() => PanelArray.Of(panel, new float[3]));
    }

    [Fact]
    public void Accessors_refuse_the_layout_where_they_would_not_be_contiguous_and_cells_outside()
    {
        var byInstrument = new PanelArray(new float[12], 3, 4, PanelLayout.InstrumentMajor);
        var byDate = byInstrument.ToLayout(PanelLayout.DateMajor);
        Assert.Throws<InvalidOperationException>(() => byInstrument.Row(0));
        Assert.Throws<InvalidOperationException>(() => byDate.Series(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => byInstrument.At(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => byDate.At(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => byDate.At(-1, 0));
    }

    [Fact]
    public void Evaluation_gives_the_same_numbers_for_a_date_major_factor()
    {
        var factor = RandomInstrumentMajor(4);
        var forward = RandomInstrumentMajor(5);
        var members = new bool[T * N];
        var rng = new Random(6);
        for (var k = 0; k < members.Length; k++) members[k] = rng.NextDouble() < 0.8;
        var f = new PanelArray(factor, T, N, PanelLayout.InstrumentMajor);
        var r = new PanelArray(forward, T, N, PanelLayout.InstrumentMajor);
        var fByDate = f.ToLayout(PanelLayout.DateMajor);
        var rByDate = r.ToLayout(PanelLayout.DateMajor);

        var ic = IcSeries.Compute(f, r, members, 1);
        var icByDate = IcSeries.Compute(fByDate, rByDate, members, 1);
        Assert.Equal(ic.Ic, icByDate.Ic);
        Assert.Equal(ic.RankIc, icByDate.RankIc);
        Assert.Equal(ic.Count, icByDate.Count);
        Assert.Contains(ic.Ic, v => !double.IsNaN(v));

        var layers = LayerTest.Run(f, r, members, [0, 5, 44], 3, 3);
        var layersByDate = LayerTest.Run(fByDate, r, members, [0, 5, 44], 3, 3);
        Assert.Equal(layers.LongShort, layersByDate.LongShort);
        Assert.Equal(FactorTurnover.Compute(f, members, 3).TopTurnover, FactorTurnover.Compute(fByDate, members, 3).TopTurnover);
        Assert.Equal(IcDecay.Compute(f, r, members, 3, 0, T - 1).MeanIc, IcDecay.Compute(fByDate, rByDate, members, 3, 0, T - 1).MeanIc);

        Assert.Throws<ArgumentException>(() => CrossSections.Coverage(fByDate, members, 0));
        Assert.Throws<ArgumentException>(() => IcSeries.Compute(f, new PanelArray(forward, N, T, PanelLayout.InstrumentMajor), members, 1));
    }

    private static int[] Bits(float[] v) => v.Select(BitConverter.SingleToInt32Bits).ToArray();
}
