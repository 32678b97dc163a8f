namespace AlphaSharp.Data;

/// <summary>How the cells of a T x N panel-shaped array are laid out.</summary>
public enum PanelLayout
{
    /// <summary><c>[i * T + t]</c>: one instrument's time series is contiguous (the <see cref="Panel"/>'s fields).</summary>
    InstrumentMajor,

    /// <summary><c>[t * N + i]</c>: one date's cross-section is contiguous (the backtester's arrays, model predictions).</summary>
    DateMajor,
}

/// <summary>
/// A float array holding one value per (date, instrument) cell of a T x N panel, with its shape and layout, so that
/// signatures stop passing a bare <c>float[]</c> and an implied N and layout. The array is shared, not copied.
/// </summary>
public sealed class PanelArray
{
    public PanelArray(float[] values, int t, int n, PanelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (t < 0 || n < 0) throw new ArgumentException($"panel shape {t} x {n} must not be negative");
        if (values.Length != (long)t * n)
            throw new ArgumentException($"panel array of {values.Length} values, expected {t} x {n} = {(long)t * n}");
        if (layout is not (PanelLayout.InstrumentMajor or PanelLayout.DateMajor))
            throw new ArgumentException($"unknown panel layout {layout}");
        Values = values;
        T = t;
        N = n;
        Layout = layout;
    }

    /// <summary>A field of <paramref name="panel"/> (or an array shaped like one): instrument-major, T x N of the panel.</summary>
    public static PanelArray Of(Panel panel, float[] field) => new(field, panel.T, panel.N, PanelLayout.InstrumentMajor);

    public float[] Values { get; }
    public int T { get; }
    public int N { get; }
    public PanelLayout Layout { get; }

    public bool IsInstrumentMajor => Layout == PanelLayout.InstrumentMajor;

    /// <summary>Index in <see cref="Values"/> of date t, instrument i.</summary>
    public int IndexOf(int t, int i) => IsInstrumentMajor ? i * T + t : t * N + i;

    public float At(int t, int i)
    {
        if ((uint)t >= (uint)T || (uint)i >= (uint)N) throw new ArgumentOutOfRangeException(nameof(t), $"cell ({t}, {i}) outside {T} x {N}");
        return Values[IndexOf(t, i)];
    }

    /// <summary>The time series of instrument i (instrument-major only: elsewhere it is not contiguous).</summary>
    public Span<float> Series(int i)
    {
        if (!IsInstrumentMajor) throw new InvalidOperationException("Series(i) needs an instrument-major array; convert with ToLayout");
        return Values.AsSpan(i * T, T);
    }

    /// <summary>The cross-section of date t (date-major only: elsewhere it is not contiguous).</summary>
    public Span<float> Row(int t)
    {
        if (IsInstrumentMajor) throw new InvalidOperationException("Row(t) needs a date-major array; convert with ToLayout");
        return Values.AsSpan(t * N, N);
    }

    public bool SameShape(PanelArray other) => T == other.T && N == other.N;

    /// <summary>This array when it already has <paramref name="layout"/>; otherwise a transposed copy.</summary>
    public PanelArray ToLayout(PanelLayout layout)
    {
        if (layout == Layout) return this;
        var output = GC.AllocateUninitializedArray<float>(Values.Length);
        // Instrument-major is an N x T matrix, date-major its T x N transpose.
        if (IsInstrumentMajor) Transpose(Values, output, N, T);
        else Transpose(Values, output, T, N);
        return new PanelArray(output, T, N, layout);
    }

    /// <summary>
    /// Writes the transpose of the rows x columns matrix <paramref name="source"/> into <paramref name="destination"/>, in
    /// square tiles so that both the reads and the strided writes stay within a few cache lines per tile.
    /// </summary>
    private static void Transpose(float[] source, float[] destination, int rows, int columns)
    {
        const int tile = 32;
        for (var r0 = 0; r0 < rows; r0 += tile)
        {
            var r1 = Math.Min(rows, r0 + tile);
            for (var c0 = 0; c0 < columns; c0 += tile)
            {
                var c1 = Math.Min(columns, c0 + tile);
                for (var r = r0; r < r1; r++)
                {
                    var from = r * columns;
                    for (var c = c0; c < c1; c++) destination[c * rows + r] = source[from + c];
                }
            }
        }
    }
}
