using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors;
using AlphaSharp.Factors.FeatureSets;

namespace AlphaSharp.Models.Datasets;

/// <summary>
/// Every feature of every instrument on every day, in one array laid out instrument, day, feature
/// (<c>values[(i * T + t) * F + f]</c>). The last L days of an instrument's features are then one contiguous run of
/// L x F floats, so a sequence window is a view into the cube (copied once, into the batch), never a stored sample:
/// the memory of every window of every length is the cube itself. NaN = missing (suspended, not yet listed, or a
/// feature with too little history).
/// </summary>
public sealed class FeatureCube
{
    public FeatureCube(Calendar calendar, IReadOnlyList<string> symbols, IReadOnlyList<string> names)
    {
        if (names.Count == 0) throw new InputException("features: the feature list is empty");
        Calendar = calendar;
        Symbols = symbols;
        Names = names;
        var length = (long)symbols.Count * calendar.Count * names.Count;
        if (length > Array.MaxLength)
            throw new InputException($"features: {names.Count} features x {symbols.Count} instruments x {calendar.Count} days is {length:N0} values, more than one array holds; use fewer features or a shorter store");
        // Pinned, so the huge-page hint covers the memory the array keeps for its life.
        Values = GC.AllocateUninitializedArray<float>((int)length, pinned: true);
        HugePages.Advise(Values);
        Values.AsSpan().Fill(float.NaN);
    }

    public Calendar Calendar { get; }
    public IReadOnlyList<string> Symbols { get; }
    public IReadOnlyList<string> Names { get; }
    public int T => Calendar.Count;
    public int N => Symbols.Count;
    public int F => Names.Count;
    public float[] Values { get; }
    public long Bytes => (long)Values.Length * sizeof(float);

    /// <summary>Writes feature <paramref name="f"/> from a panel-layout field (instrument-major, <c>x[i * T + t]</c>).</summary>
    public void SetFeature(int f, ReadOnlySpan<float> field)
    {
        if ((uint)f >= (uint)F) throw new ArgumentOutOfRangeException(nameof(f), $"feature {f} of {F}");
        if (field.Length != N * T) throw new ArgumentException($"feature {Names[f]}: {field.Length} values, expected {N} x {T}");
        var values = Values.AsSpan();
        int width = F, days = T;
        for (var i = 0; i < N; i++)
        {
            var src = field.Slice(i * days, days);
            var dst = values.Slice(i * days * width + f);
            for (var t = 0; t < days; t++) dst[t * width] = src[t];
        }
    }

    /// <summary>The F features of instrument i on day t.</summary>
    public ReadOnlySpan<float> Day(int i, int t) => Values.AsSpan((i * T + t) * F, F);

    /// <summary>
    /// Copies the window of instrument i ending on day t (days t - length + 1 .. t, oldest first, F floats a day) into
    /// <paramref name="destination"/>. Days before the calendar's first are NaN, as missing data is.
    /// </summary>
    public void CopyWindow(int i, int t, int length, Span<float> destination)
    {
        var size = length * F;
        if (destination.Length < size) throw new ArgumentException($"window: {destination.Length} floats for {length} days x {F} features");
        var first = t - length + 1;
        var pad = first < 0 ? -first : 0;
        if (pad > 0) destination[..(pad * F)].Fill(float.NaN);
        Values.AsSpan((i * T + first + pad) * F, (length - pad) * F).CopyTo(destination.Slice(pad * F));
    }

    /// <summary>
    /// The window of instrument i ending on day t as a view into the cube, when all of its days lie in the calendar
    /// (the sampler normalises it straight into the batch); false where it starts before the first day.
    /// </summary>
    public bool TryWindow(int i, int t, int length, out ReadOnlySpan<float> window)
    {
        var first = t - length + 1;
        window = first >= 0 ? Values.AsSpan((i * T + first) * F, length * F) : default;
        return first >= 0;
    }

    /// <summary>
    /// Computes <paramref name="features"/> on <paramref name="engine"/>'s data (sharing their common sub-expressions)
    /// straight into a cube: peak memory is the cube plus the engine's working panels, never a copy of every feature.
    /// </summary>
    public static FeatureCube Build(FactorEngine engine, IReadOnlyList<Feature> features, Action<int, int>? progress = null)
    {
        var panel = engine.Data.Panel;
        var cube = new FeatureCube(panel.Calendar, panel.Symbols, features.Select(f => f.Name).ToArray());
        engine.Evaluate(features.Select(f => f.Expression).ToList(), (k, values) => cube.SetFeature(k, values), progress: progress);
        return cube;
    }
}
