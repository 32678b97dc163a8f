using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Kernels;

/// <summary>
/// 8 x 8 float block transpose in AVX registers (unpack, shuffle, lane swap): the step that makes packing a
/// transposed operand run at copy speed instead of one scattered store per value.
/// </summary>
internal static class Transpose8
{
    public static bool Supported => Avx.IsSupported;

    /// <summary>dst[c * ldd + r] = src[r * lds + c] for r, c in [0, 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Block(float* src, int lds, float* dst, int ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2 * lds);
        var r3 = Avx.LoadVector256(src + 3 * lds);
        var r4 = Avx.LoadVector256(src + 4 * lds);
        var r5 = Avx.LoadVector256(src + 5 * lds);
        var r6 = Avx.LoadVector256(src + 6 * lds);
        var r7 = Avx.LoadVector256(src + 7 * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(s3, s7, 0x31));
    }
}
