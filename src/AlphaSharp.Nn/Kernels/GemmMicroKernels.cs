using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Kernels;

public static partial class Gemm
{
    internal const int MR512 = 8, NR512 = 32;
    internal const int MR256 = 6, NR256 = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store512(float* c, Vector512<float> v0, Vector512<float> v1, float alpha, float beta)
    {
        var al = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Vector512.Store(v0 * al, c);
            Vector512.Store(v1 * al, c + 16);
            return;
        }
        var be = Vector512.Create(beta);
        Vector512.Store(Vector512.FusedMultiplyAdd(v0, al, Vector512.Load(c) * be), c);
        Vector512.Store(Vector512.FusedMultiplyAdd(v1, al, Vector512.Load(c + 16) * be), c + 16);
    }

    /// <summary>
    /// C[8 x 32] = beta * C + alpha * (A sliver x B sliver). Sixteen 512-bit accumulators stay in registers for the
    /// whole depth; each step loads two B vectors and broadcasts eight A values. Row r of the sliver's A values
    /// starts at a + r * <paramref name="rowStride"/> and each depth step moves <paramref name="aStep"/> floats on:
    /// packed A is (1, 8), A^T read in place (1, lda), row-major A read in place (lda, 1), the last for products
    /// where packing A would cost a large share of the multiply. B's depth steps are <paramref name="bStride"/>
    /// floats apart: 32 when packed, ldb when read in place. Every layout runs the same multiply-adds in the same
    /// order, so gives the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel512(int kc, float* a, nint rowStride, nint aStep, float* b, nint bStride, float* c,
        int ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        // Four row pointers and one offset reach all eight rows (rows 4-7 are rows 0-3 plus four row strides).
        float* a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride;
        var l4 = 4 * rowStride;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var x = Vector512.Create(a0[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[0]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a2[0]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a3[0]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a0[l4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a1[l4]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a2[l4]);
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a3[l4]);
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            a0 += aStep; a1 += aStep; a2 += aStep; a3 += aStep;
            b += bStride;
        }
        Store512(c, c00, c01, alpha, beta);
        Store512(c + ldc, c10, c11, alpha, beta);
        Store512(c + 2 * ldc, c20, c21, alpha, beta);
        Store512(c + 3 * ldc, c30, c31, alpha, beta);
        Store512(c + 4 * ldc, c40, c41, alpha, beta);
        Store512(c + 5 * ldc, c50, c51, alpha, beta);
        Store512(c + 6 * ldc, c60, c61, alpha, beta);
        Store512(c + 7 * ldc, c70, c71, alpha, beta);
    }

    /// <summary>C[6 x 16] = beta * C + alpha * (A sliver x B sliver) with twelve 256-bit accumulators (AVX2 + FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel256(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var x = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a += 6;
            b += 16;
        }
        Store256(c, c00, c01, alpha, beta);
        Store256(c + ldc, c10, c11, alpha, beta);
        Store256(c + 2 * ldc, c20, c21, alpha, beta);
        Store256(c + 3 * ldc, c30, c31, alpha, beta);
        Store256(c + 4 * ldc, c40, c41, alpha, beta);
        Store256(c + 5 * ldc, c50, c51, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store256(float* c, Vector256<float> v0, Vector256<float> v1, float alpha, float beta)
    {
        var al = Vector256.Create(alpha);
        if (beta == 0f)
        {
            Vector256.Store(v0 * al, c);
            Vector256.Store(v1 * al, c + 8);
            return;
        }
        var be = Vector256.Create(beta);
        Vector256.Store(Vector256.FusedMultiplyAdd(v0, al, Vector256.Load(c) * be), c);
        Vector256.Store(Vector256.FusedMultiplyAdd(v1, al, Vector256.Load(c + 8) * be), c + 8);
    }
}
