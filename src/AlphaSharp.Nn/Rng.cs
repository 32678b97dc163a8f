namespace AlphaSharp.Nn;

/// <summary>
/// A seeded generator (xoshiro256**, seeded through splitmix64). All randomness in the engine comes from one of
/// these, handed down explicitly, so the same seed gives the same bits. Not thread-safe: split one per worker.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private float _spareNormal;
    private bool _hasSpare;

    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 24 bits.</summary>
    public float NextFloat() => (NextULong() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => n <= 0 ? throw new ArgumentOutOfRangeException(nameof(n)) : (int)((NextULong() >> 33) * (ulong)n >> 31);

    /// <summary>Standard normal by Box-Muller (pairs cached).</summary>
    public float NextNormal()
    {
        if (_hasSpare) { _hasSpare = false; return _spareNormal; }
        double u1;
        do u1 = NextDouble(); while (u1 <= double.Epsilon);
        var u2 = NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = (float)(r * Math.Sin(2 * Math.PI * u2));
        _hasSpare = true;
        return (float)(r * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>Everything the next draw depends on, so a checkpoint can resume a run's random stream exactly.</summary>
    public RngState State
    {
        get => new(_s0, _s1, _s2, _s3, _spareNormal, _hasSpare);
        set
        {
            if ((value.S0 | value.S1 | value.S2 | value.S3) == 0) throw new ArgumentException("rng: an all-zero state never leaves zero");
            (_s0, _s1, _s2, _s3, _spareNormal, _hasSpare) = (value.S0, value.S1, value.S2, value.S3, value.SpareNormal, value.HasSpare);
        }
    }

    /// <summary>An independent generator derived from this one (for a worker, a layer, an epoch).</summary>
    public Rng Split() => new(NextULong());

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var k = items.Length - 1; k > 0; k--)
        {
            var j = NextInt(k + 1);
            (items[k], items[j]) = (items[j], items[k]);
        }
    }
}

/// <summary>A generator's whole state (<see cref="Rng.State"/>).</summary>
public readonly record struct RngState(ulong S0, ulong S1, ulong S2, ulong S3, float SpareNormal, bool HasSpare);
