using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// Direct path for products too small to repay packing: row updates (C row += a * B row) when B is stored
    /// k x n, dot products when B is stored n x k. Both stream memory contiguously.
    /// </summary>
    private static unsafe void SmallGemm(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        ScaleC(m, n, beta, c, ldc);
        if (!transB && n == 1 && !transA)
        {
            // A matrix-vector product: gather B's column once, then one dot product per row of A.
            var col = PackBuffers.B(k);
            for (var p = 0; p < k; p++) col[p] = b[(long)p * ldb];
            for (var i = 0; i < m; i++) c[(long)i * ldc] += alpha * Dot(k, a + (long)i * lda, col);
            return;
        }
        if (!transB)
        {
            if (transA)
            {
                // op(A) = A^T: row p of A holds column p of op(A), so walk p outside and rows of C inside.
                for (var p = 0; p < k; p++)
                {
                    var arow = a + (long)p * lda;
                    var brow = b + (long)p * ldb;
                    for (var i = 0; i < m; i++) Axpy(n, alpha * arow[i], brow, c + (long)i * ldc);
                }
                return;
            }
            for (var i = 0; i < m; i++)
            {
                var crow = c + (long)i * ldc;
                var arow = a + (long)i * lda;
                for (var p = 0; p < k; p++) Axpy(n, alpha * arow[p], b + (long)p * ldb, crow);
            }
            return;
        }
        var row = transA ? PackBuffers.A(k) : null;
        for (var i = 0; i < m; i++)
        {
            float* arow;
            if (transA)
            {
                for (var p = 0; p < k; p++) row[p] = a[(long)p * lda + i];
                arow = row;
            }
            else arow = a + (long)i * lda;
            var crow = c + (long)i * ldc;
            for (var j = 0; j < n; j++) crow[j] += alpha * Dot(k, arow, b + (long)j * ldb);
        }
    }

    /// <summary>y += s * x over n floats.</summary>
    internal static unsafe void Axpy(int n, float s, float* x, float* y)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var sv = Vector256.Create(s);
            for (; j <= n - 8; j += 8)
                Vector256.Store(Vector256.FusedMultiplyAdd(sv, Vector256.Load(x + j), Vector256.Load(y + j)), y + j);
        }
        for (; j < n; j++) y[j] = MathF.FusedMultiplyAdd(s, x[j], y[j]);
    }

    /// <summary>Sum of x[p] * y[p] over n floats, in float (two vector accumulators, then a fixed-order reduction).</summary>
    internal static unsafe float Dot(int n, float* x, float* y)
    {
        var p = 0;
        var acc = 0f;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            var s0 = Vector256<float>.Zero;
            var s1 = Vector256<float>.Zero;
            for (; p <= n - 16; p += 16)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.Load(x + p), Vector256.Load(y + p), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.Load(x + p + 8), Vector256.Load(y + p + 8), s1);
            }
            acc = Vector256.Sum(s0 + s1);
        }
        for (; p < n; p++) acc = MathF.FusedMultiplyAdd(x[p], y[p], acc);
        return acc;
    }
}
