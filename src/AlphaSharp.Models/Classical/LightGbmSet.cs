using AlphaSharp.Common;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// Samples for LightGBM: <paramref name="X"/> row-major (rows = <paramref name="Y"/>.Length, features =
/// X.Length / rows), NaN = missing (LightGBM's use_missing: a split sends missing values to the side that lowers the
/// loss most), labels finite, optional weights finite and >= 0.
/// </summary>
public sealed record LightGbmSet(float[] X, float[] Y, float[]? Weights = null)
{
    public int Rows => Y.Length;
    public int Features => Y.Length == 0 ? 0 : X.Length / Y.Length;

    /// <summary>Checks shapes and values; <paramref name="what"/> names the set in messages ("train", "valid").</summary>
    internal void Validate(string what, bool binary, int? features = null)
    {
        if (Y.Length == 0) throw new InputException($"{what} y: no rows");
        if (X.Length == 0 || X.Length % Y.Length != 0)
            throw new InputException($"{what} x: {X.Length} values are not rows x features for {Y.Length} rows (y)");
        if (features is { } f && Features != f)
            throw new InputException($"{what} x: {Features} features per row, the training set has {f}");
        for (var i = 0; i < Y.Length; i++)
        {
            if (!float.IsFinite(Y[i])) throw new InputException($"{what} y: row {i} is {Y[i]}; labels must be finite");
            if (binary && Y[i] is not (0f or 1f)) throw new InputException($"{what} y: row {i} is {Y[i]}; objective binary needs labels 0 or 1");
        }
        if (Weights is null) return;
        if (Weights.Length != Y.Length) throw new InputException($"{what} weights: {Weights.Length} values for {Y.Length} rows");
        for (var i = 0; i < Weights.Length; i++)
            if (!(Weights[i] >= 0) || !float.IsFinite(Weights[i]))
                throw new InputException($"{what} weights: row {i} is {Weights[i]}; weights must be finite and >= 0");
    }
}
