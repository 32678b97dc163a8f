using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Kernels;

/// <summary>A compile-time row count: the JIT specialises a generic kernel per struct and folds the branches away.</summary>
internal interface IRowCount
{
    static abstract int Rows { get; }
    static abstract bool TwoVectors { get; }
}

public static partial class Gemm
{
    private struct Rows1W : IRowCount { public static int Rows => 1; public static bool TwoVectors => true; }
    private struct Rows2W : IRowCount { public static int Rows => 2; public static bool TwoVectors => true; }
    private struct Rows3W : IRowCount { public static int Rows => 3; public static bool TwoVectors => true; }
    private struct Rows4W : IRowCount { public static int Rows => 4; public static bool TwoVectors => true; }
    private struct Rows5W : IRowCount { public static int Rows => 5; public static bool TwoVectors => true; }
    private struct Rows6W : IRowCount { public static int Rows => 6; public static bool TwoVectors => true; }
    private struct Rows7W : IRowCount { public static int Rows => 7; public static bool TwoVectors => true; }
    private struct Rows8W : IRowCount { public static int Rows => 8; public static bool TwoVectors => true; }
    private struct Rows1H : IRowCount { public static int Rows => 1; public static bool TwoVectors => false; }
    private struct Rows2H : IRowCount { public static int Rows => 2; public static bool TwoVectors => false; }
    private struct Rows3H : IRowCount { public static int Rows => 3; public static bool TwoVectors => false; }
    private struct Rows4H : IRowCount { public static int Rows => 4; public static bool TwoVectors => false; }
    private struct Rows5H : IRowCount { public static int Rows => 5; public static bool TwoVectors => false; }
    private struct Rows6H : IRowCount { public static int Rows => 6; public static bool TwoVectors => false; }
    private struct Rows7H : IRowCount { public static int Rows => 7; public static bool TwoVectors => false; }
    private struct Rows8H : IRowCount { public static int Rows => 8; public static bool TwoVectors => false; }

    /// <summary>
    /// An edge tile of the 8 x 32 kernel: only <paramref name="rows"/> rows and, when at most 16 columns exist,
    /// only one vector of columns are computed (into <paramref name="c"/> with stride ldc, beta 0, alpha 1), so a
    /// ragged border costs in proportion to its size rather than a full tile.
    /// </summary>
    private static unsafe void EdgeKernel512(int rows, bool half, int kc, float* a, float* b, nint bStride, float* c, int ldc)
    {
        switch (rows + (half ? 8 : 0))
        {
            case 1: Edge<Rows1W>(kc, a, b, bStride, c, ldc); break;
            case 2: Edge<Rows2W>(kc, a, b, bStride, c, ldc); break;
            case 3: Edge<Rows3W>(kc, a, b, bStride, c, ldc); break;
            case 4: Edge<Rows4W>(kc, a, b, bStride, c, ldc); break;
            case 5: Edge<Rows5W>(kc, a, b, bStride, c, ldc); break;
            case 6: Edge<Rows6W>(kc, a, b, bStride, c, ldc); break;
            case 7: Edge<Rows7W>(kc, a, b, bStride, c, ldc); break;
            case 8: Edge<Rows8W>(kc, a, b, bStride, c, ldc); break;
            case 9: Edge<Rows1H>(kc, a, b, bStride, c, ldc); break;
            case 10: Edge<Rows2H>(kc, a, b, bStride, c, ldc); break;
            case 11: Edge<Rows3H>(kc, a, b, bStride, c, ldc); break;
            case 12: Edge<Rows4H>(kc, a, b, bStride, c, ldc); break;
            case 13: Edge<Rows5H>(kc, a, b, bStride, c, ldc); break;
            case 14: Edge<Rows6H>(kc, a, b, bStride, c, ldc); break;
            case 15: Edge<Rows7H>(kc, a, b, bStride, c, ldc); break;
            default: Edge<Rows8H>(kc, a, b, bStride, c, ldc); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Edge<T>(int kc, float* a, float* b, nint bStride, float* c, int ldc) where T : struct, IRowCount
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = T.TwoVectors ? Vector512.Load(b + 16) : default;
            var x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            if (T.TwoVectors) c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            if (T.Rows > 1)
            {
                x = Vector512.Create(a[1]);
                c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
                if (T.TwoVectors) c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            }
            if (T.Rows > 2)
            {
                x = Vector512.Create(a[2]);
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
                if (T.TwoVectors) c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            }
            if (T.Rows > 3)
            {
                x = Vector512.Create(a[3]);
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
                if (T.TwoVectors) c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            }
            if (T.Rows > 4)
            {
                x = Vector512.Create(a[4]);
                c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
                if (T.TwoVectors) c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            }
            if (T.Rows > 5)
            {
                x = Vector512.Create(a[5]);
                c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
                if (T.TwoVectors) c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            }
            if (T.Rows > 6)
            {
                x = Vector512.Create(a[6]);
                c60 = Vector512.FusedMultiplyAdd(x, b0, c60);
                if (T.TwoVectors) c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            }
            if (T.Rows > 7)
            {
                x = Vector512.Create(a[7]);
                c70 = Vector512.FusedMultiplyAdd(x, b0, c70);
                if (T.TwoVectors) c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            }
            a += MR512;
            b += bStride;
        }
        StoreEdge<T>(c, c00, c01);
        if (T.Rows > 1) StoreEdge<T>(c + ldc, c10, c11);
        if (T.Rows > 2) StoreEdge<T>(c + 2 * ldc, c20, c21);
        if (T.Rows > 3) StoreEdge<T>(c + 3 * ldc, c30, c31);
        if (T.Rows > 4) StoreEdge<T>(c + 4 * ldc, c40, c41);
        if (T.Rows > 5) StoreEdge<T>(c + 5 * ldc, c50, c51);
        if (T.Rows > 6) StoreEdge<T>(c + 6 * ldc, c60, c61);
        if (T.Rows > 7) StoreEdge<T>(c + 7 * ldc, c70, c71);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreEdge<T>(float* c, Vector512<float> v0, Vector512<float> v1) where T : struct, IRowCount
    {
        Vector512.Store(v0, c);
        if (T.TwoVectors) Vector512.Store(v1, c + 16);
    }
}
