namespace AlphaSharp.Nn;

/// <summary>
/// Parameter initialisers with torch.nn.init's formulas, filling a tensor in place from an explicit generator
/// (same seed, same values; the values themselves differ from PyTorch's generator, the distributions do not).
/// </summary>
public static class Init
{
    /// <summary>torch.nn.init.calculate_gain.</summary>
    public static double Gain(string nonlinearity, double param = 0.01)
        => nonlinearity switch
        {
            "linear" or "identity" or "sigmoid" or "conv1d" or "conv2d" or "conv3d" => 1.0,
            "tanh" => 5.0 / 3,
            "relu" => Math.Sqrt(2.0),
            "leaky_relu" => Math.Sqrt(2.0 / (1 + param * param)),
            "selu" => 3.0 / 4,
            _ => throw new ArgumentException($"init: unknown nonlinearity '{nonlinearity}' (linear, sigmoid, tanh, relu, leaky_relu, selu)"),
        };

    /// <summary>(fan_in, fan_out) as PyTorch: dims 1 and 0 times the receptive field (the product of dims 2..).</summary>
    public static (int FanIn, int FanOut) Fans(Tensor t)
    {
        if (t.Rank < 2) throw new ArgumentException($"init: fan in and fan out need at least 2 dims, got {t.ShapeString}");
        var receptive = 1;
        for (var k = 2; k < t.Rank; k++) receptive *= t.Shape[k];
        return (t.Shape[1] * receptive, t.Shape[0] * receptive);
    }

    public static Tensor Uniform(Tensor t, Rng rng, double low, double high)
    {
        for (var k = 0; k < t.Numel; k++) t.Data[k] = (float)(low + (high - low) * rng.NextDouble());
        return t;
    }

    public static Tensor Normal(Tensor t, Rng rng, double mean = 0, double std = 1)
    {
        for (var k = 0; k < t.Numel; k++) t.Data[k] = (float)(mean + std * rng.NextNormal());
        return t;
    }

    public static Tensor Constant(Tensor t, float value)
    {
        Array.Fill(t.Data, value);
        return t;
    }

    /// <summary>U(-a, a) with a = gain sqrt(6 / (fan_in + fan_out)).</summary>
    public static Tensor XavierUniform(Tensor t, Rng rng, double gain = 1)
    {
        var (fi, fo) = Fans(t);
        var a = gain * Math.Sqrt(6.0 / (fi + fo));
        return Uniform(t, rng, -a, a);
    }

    /// <summary>N(0, std^2) with std = gain sqrt(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor t, Rng rng, double gain = 1)
    {
        var (fi, fo) = Fans(t);
        return Normal(t, rng, 0, gain * Math.Sqrt(2.0 / (fi + fo)));
    }

    /// <summary>U(-b, b) with b = gain(nonlinearity, a) sqrt(3 / fan), fan = fan_in or fan_out by <paramref name="mode"/>.</summary>
    public static Tensor KaimingUniform(Tensor t, Rng rng, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu")
    {
        var std = Gain(nonlinearity, a) / Math.Sqrt(Fan(t, mode));
        var bound = Math.Sqrt(3.0) * std;
        return Uniform(t, rng, -bound, bound);
    }

    /// <summary>N(0, std^2) with std = gain(nonlinearity, a) / sqrt(fan).</summary>
    public static Tensor KaimingNormal(Tensor t, Rng rng, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu")
        => Normal(t, rng, 0, Gain(nonlinearity, a) / Math.Sqrt(Fan(t, mode)));

    private static int Fan(Tensor t, string mode)
    {
        var (fi, fo) = Fans(t);
        return mode switch
        {
            "fan_in" => fi,
            "fan_out" => fo,
            _ => throw new ArgumentException($"init: mode must be 'fan_in' or 'fan_out', got '{mode}'"),
        };
    }

    /// <summary>
    /// N(mean, std^2) conditioned on [a, b] (absolute bounds, as torch.nn.init.trunc_normal_). Exact rejection
    /// sampling: from the normal when the interval holds most of the mass, else from a uniform proposal on the
    /// interval accepted with the normal's density ratio, so narrow or far-out intervals stay fast.
    /// </summary>
    public static Tensor TruncNormal(Tensor t, Rng rng, double mean = 0, double std = 1, double a = -2, double b = 2)
    {
        if (!(std > 0) || !(a < b)) throw new ArgumentException($"trunc_normal: need std > 0 and a < b, got std={std} a={a} b={b}");
        double lo = (a - mean) / std, hi = (b - mean) / std;
        var mass = SpecialFunctions.NormalCdf(hi) - SpecialFunctions.NormalCdf(lo);
        // The point of the interval nearest 0, where the density peaks.
        var peak = lo > 0 ? lo : hi < 0 ? hi : 0;
        for (var k = 0; k < t.Numel; k++)
        {
            double z;
            if (mass > 0.25)
            {
                do z = rng.NextNormal(); while (z < lo || z > hi);
            }
            else
            {
                do z = lo + (hi - lo) * rng.NextDouble();
                while (rng.NextDouble() > Math.Exp(0.5 * (peak * peak - z * z)));
            }
            t.Data[k] = (float)(mean + std * z);
        }
        return t;
    }

    /// <summary>
    /// A (semi-)orthogonal matrix times <paramref name="gain"/> (torch.nn.init.orthogonal_): the Q of a QR
    /// decomposition of a normal matrix, signs fixed so R has a positive diagonal; dims past the first are flattened.
    /// </summary>
    public static Tensor Orthogonal(Tensor t, Rng rng, double gain = 1)
    {
        if (t.Rank < 2) throw new ArgumentException($"orthogonal: needs at least 2 dims, got {t.ShapeString}");
        var rows = t.Shape[0];
        var cols = t.Numel / Math.Max(1, rows);
        if (t.Numel == 0) return t;
        // Work on the tall orientation: n vectors of length len, n <= len.
        var tall = rows >= cols;
        int len = tall ? rows : cols, n = tall ? cols : rows;
        var v = new double[n][];
        for (var j = 0; j < n; j++) v[j] = new double[len];
        var draws = new double[rows * cols];
        for (var k = 0; k < draws.Length; k++) draws[k] = rng.NextNormal();
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                var x = draws[r * cols + c];
                if (tall) v[c][r] = x; else v[r][c] = x;
            }
        // Modified Gram-Schmidt, twice over for orthogonality to rounding; the normalisation keeps each R diagonal
        // positive, which is the sign convention of q * sign(diag(r)).
        for (var j = 0; j < n; j++)
        {
            for (var pass = 0; pass < 2; pass++)
                for (var i = 0; i < j; i++)
                {
                    double dot = 0;
                    for (var k = 0; k < len; k++) dot += v[i][k] * v[j][k];
                    for (var k = 0; k < len; k++) v[j][k] -= dot * v[i][k];
                }
            double norm = 0;
            for (var k = 0; k < len; k++) norm += v[j][k] * v[j][k];
            norm = Math.Sqrt(norm);
            for (var k = 0; k < len; k++) v[j][k] /= norm;
        }
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                t.Data[r * cols + c] = (float)(gain * (tall ? v[c][r] : v[r][c]));
        return t;
    }
}
