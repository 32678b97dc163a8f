using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaSharp.Common;

namespace AlphaSharp.Models.Datasets;

/// <summary>How features are normalised with statistics of the training span.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureNorm>))]
public enum FeatureNorm
{
    /// <summary>Values as computed.</summary>
    None,
    /// <summary>(x - mean) / std over the training rows (population std, as numpy's nanstd; Qlib's ZScoreNorm).</summary>
    ZScore,
    /// <summary>(x - median) / (1.4826 x MAD + 1e-12), clipped to +-clip (Qlib's RobustZScoreNorm, clip_outlier).</summary>
    RobustZScore,
}

/// <summary>The settings of feature processing: <c>norm</c>, <c>clip</c> (robust z-score only) and <c>fill</c>.</summary>
public sealed record FeatureProcessing(FeatureNorm Norm = FeatureNorm.RobustZScore, double Clip = 3, float Fill = 0f)
{
    public void Validate()
    {
        if (!(Clip > 0)) throw new InputException($"clip: {Clip} is not a positive number of deviations");
        if (!float.IsFinite(Fill)) throw new InputException($"fill: {Fill} is not a finite number");
    }
}

/// <summary>
/// Feature processors fitted on the training span only and applied to every window afterwards, as one per-feature
/// affine map, a clip and a fill: missing values (suspended days, days before listing or before the calendar) stay
/// missing through the map and then take the fill value (Qlib's Fillna after the norm: 0 is the training centre).
/// Its fitted state is saved with the model (<see cref="ToJson"/>), so a loaded model sees the same inputs.
/// </summary>
public sealed class FeatureNormalizer
{
    [JsonConstructor]
    public FeatureNormalizer(FeatureNorm norm, float[] center, float[] scale, float clip, float fill)
    {
        if (center.Length != scale.Length) throw new ArgumentException($"normalizer: {center.Length} centres for {scale.Length} scales");
        Norm = norm;
        Center = center;
        Scale = scale;
        Clip = clip;
        Fill = fill;
    }

    public FeatureNorm Norm { get; }
    public float[] Center { get; }
    public float[] Scale { get; }
    /// <summary>Largest |value| after the map; +infinity for none.</summary>
    public float Clip { get; }
    public float Fill { get; }
    [JsonIgnore] public int Features => Center.Length;

    private const double RobustEpsilon = 1e-12;
    private const double MadToStd = 1.4826;

    /// <summary>Fits on the current-day rows of <paramref name="train"/> (never a window's older days, which may predate the span's first day by no more than its start).</summary>
    public static FeatureNormalizer Fit(FeatureCube cube, SampleIndex train, FeatureProcessing settings)
    {
        settings.Validate();
        int width = cube.F;
        var center = new float[width];
        var scale = new float[width];
        if (settings.Norm == FeatureNorm.None)
        {
            Array.Fill(scale, 1f);
            return new FeatureNormalizer(settings.Norm, center, scale, float.PositiveInfinity, settings.Fill);
        }
        if (train.Count == 0) throw new InputException("features: the training span has no sample to fit the normalisation on");
        var values = cube.Values;
        Parallel.For(0, width, () => new double[train.Count], (f, _, column) =>
        {
            var n = 0;
            for (var k = 0; k < train.Count; k++)
            {
                var v = values[(train.Instruments[k] * cube.T + train.Days[k]) * width + f];
                if (!float.IsNaN(v)) column[n++] = v;
            }
            (center[f], scale[f]) = settings.Norm == FeatureNorm.ZScore ? MeanStd(column.AsSpan(0, n)) : MedianMad(column.AsSpan(0, n));
            return column;
        }, _ => { });
        var clip = settings.Norm == FeatureNorm.RobustZScore ? (float)settings.Clip : float.PositiveInfinity;
        return new FeatureNormalizer(settings.Norm, center, scale, clip, settings.Fill);
    }

    /// <summary>Mean and population std; a feature flat (or empty) over training keeps scale 1.</summary>
    private static (float, float) MeanStd(Span<double> x)
    {
        if (x.Length == 0) return (float.NaN, 1f);
        double sum = 0;
        foreach (var v in x) sum += v;
        var mean = sum / x.Length;
        double ss = 0;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        var std = Math.Sqrt(ss / x.Length);
        return ((float)mean, std > 0 ? (float)std : 1f);
    }

    private static (float, float) MedianMad(Span<double> x)
    {
        if (x.Length == 0) return (float.NaN, 1f);
        var median = Median(x);
        for (var k = 0; k < x.Length; k++) x[k] = Math.Abs(x[k] - median);
        var mad = Median(x);
        return ((float)median, (float)((mad + RobustEpsilon) * MadToStd));
    }

    /// <summary>numpy's median: the middle value, or the mean of the two middle values of an even count.</summary>
    internal static double Median(Span<double> x)
    {
        x.Sort();
        var m = x.Length / 2;
        return x.Length % 2 == 1 ? x[m] : (x[m - 1] + x[m]) / 2;
    }

    /// <summary>Maps, clips and fills <paramref name="rows"/> in place: a whole number of days, <see cref="Features"/> floats a day.</summary>
    public void Apply(Span<float> rows) => Apply(rows, rows);

    /// <summary>
    /// Writes <paramref name="source"/>'s days mapped, clipped and filled into <paramref name="destination"/> (the same
    /// span, or one that does not overlap it): the sampler reads windows straight out of the cube this way, in one pass.
    /// </summary>
    /// <remarks>
    /// Vectors and the scalar tail do the same IEEE operations (a subtraction, a division, a clamp), so the bits do not
    /// depend on the vector width; a NaN result (a missing input) takes the fill value.
    /// </remarks>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination)
    {
        var width = Features;
        if (source.Length % width != 0) throw new ArgumentException($"normalizer: {source.Length} floats is not a whole number of {width}-feature days");
        if (destination.Length < source.Length) throw new ArgumentException($"normalizer: {destination.Length} floats to write {source.Length} into");
        var center = Center.AsSpan();
        var scale = Scale.AsSpan();
        var lanes = Vector<float>.Count;
        var lo = new Vector<float>(-Clip);
        var hi = new Vector<float>(Clip);
        var fill = new Vector<float>(Fill);
        for (var at = 0; at < source.Length; at += width)
        {
            var day = source.Slice(at, width);
            var into = destination.Slice(at, width);
            var f = 0;
            for (; f + lanes <= width; f += lanes)
            {
                var v = (new Vector<float>(day[f..]) - new Vector<float>(center[f..])) / new Vector<float>(scale[f..]);
                var clamped = Vector.Min(Vector.Max(v, lo), hi);
                Vector.ConditionalSelect(Vector.Equals(v, v), clamped, fill).CopyTo(into[f..]);
            }
            for (; f < width; f++)
            {
                var v = (day[f] - center[f]) / scale[f];
                into[f] = float.IsNaN(v) ? Fill : Math.Clamp(v, -Clip, Clip);
            }
        }
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FeatureNormalizer FromJson(string json, string source) =>
        JsonSerializer.Deserialize<FeatureNormalizer>(json, Json) ?? throw new InputException($"{source}: empty normalizer state");
}
