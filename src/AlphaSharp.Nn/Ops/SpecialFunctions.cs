namespace AlphaSharp.Nn;

/// <summary>Special functions .NET lacks.</summary>
internal static class SpecialFunctions
{
    /// <summary>
    /// erfc(x) by the Chebyshev-fitted exponential of Numerical Recipes (erfcc): fractional error below 1.2e-7
    /// everywhere, which is below float32's resolution for the GELU that uses it.
    /// </summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
            t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }

    public static double Erf(double x) => 1.0 - Erfc(x);

    /// <summary>Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2, accurate in both tails.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x * 0.70710678118654752440);
}
