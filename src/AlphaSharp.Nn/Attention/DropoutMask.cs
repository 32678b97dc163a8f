using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Attention;

/// <summary>
/// Dropout multipliers from a counter-based generator: element i's uniform is one 32-bit half of the
/// SplitMix64 output for counter i/2 under a seed drawn once per call from the module's <see cref="Rng"/>.
/// Same seed, same mask, whatever the order or thread that fills it; about 1 ns per element instead of one
/// sequential generator call each, which made dropout the costliest elementwise op of a Transformer layer.
/// </summary>
internal static class DropoutMask
{
    /// <summary>Elements per parallel chunk (even, so a chunk never splits a counter's two halves).</summary>
    private const int Chunk = 1 << 16;

    /// <summary>keep[i] = 0 with probability p, else 1 / (1 - p).</summary>
    public static void Fill(float[] keep, float p, ulong seed) => Fill(keep, keep.Length, p, seed);

    /// <summary>The first <paramref name="length"/> values only (a pooled array may be longer); the same values as a whole array of that length.</summary>
    public static void Fill(float[] keep, int length, float p, ulong seed)
    {
        if (p >= 1f) { Array.Clear(keep, 0, length); return; }
        var scale = 1f / (1f - p);
        // Drop when the 32-bit uniform falls below p * 2^32: exact to 2^-32 in the probability.
        var threshold = (uint)Math.Min(uint.MaxValue, Math.Round(p * 4294967296.0));
        var chunks = (length + Chunk - 1) / Chunk;
        var threads = Math.Min(Kernels.Gemm.MaxThreads, chunks);
        if (threads <= 1) FillRange(keep, 0, length, scale, threshold, seed);
        else
            Kernels.WorkerPool.ForEach(chunks, threads,
                c => FillRange(keep, c * Chunk, Math.Min(length, (c + 1) * Chunk), scale, threshold, seed));
    }

    private static void FillRange(float[] keep, int from, int to, float scale, uint threshold, ulong seed)
    {
        var k = from;
        // Eight counters per 512-bit vector (64-bit multiplies need AVX-512 DQ): their 32-bit halves, low then
        // high, are exactly elements k .. k + 15, so the vector path writes the scalar path's values.
        if (Avx512DQ.IsSupported)
        {
            var lane = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
            var limit = Vector512.Create(threshold);
            var kept = Vector512.Create(scale);
            ref var dst = ref MemoryMarshal.GetArrayDataReference(keep);
            for (; k + 16 <= to; k += 16)
            {
                var z = Vector512.Create(seed) + (Vector512.Create((ulong)k / 2 + 1) + lane) * Vector512.Create(0x9E3779B97F4A7C15UL);
                z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
                z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(0x94D049BB133111EBUL);
                z ^= Vector512.ShiftRightLogical(z, 31);
                var keepIt = Vector512.GreaterThanOrEqual(z.AsUInt32(), limit).AsSingle();
                Vector512.BitwiseAnd(keepIt, kept).StoreUnsafe(ref dst, (nuint)k);
            }
        }
        for (; k + 1 < to; k += 2)
        {
            var z = Mix(seed, (ulong)k / 2);
            keep[k] = (uint)z >= threshold ? scale : 0f;
            keep[k + 1] = (uint)(z >> 32) >= threshold ? scale : 0f;
        }
        if (k < to) keep[k] = (uint)Mix(seed, (ulong)k / 2) >= threshold ? scale : 0f;
    }

    private static ulong Mix(ulong seed, ulong counter)
    {
        var z = seed + (counter + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
