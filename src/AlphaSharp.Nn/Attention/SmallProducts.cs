using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Attention;

/// <summary>
/// The two shapes of product attention needs on one (batch, head) pair, register-blocked for short sequences
/// (head dims of tens to a few hundred): A B^T against a small packed transpose of B (rank-1 updates, no
/// horizontal sums), and a weighted sum of rows accumulated in registers across all of its terms.
/// </summary>
internal static unsafe class SmallProducts
{
    /// <summary>
    /// c[0..len) = (accumulate ? c : 0) + alpha * sum over t &lt; count of w[t*ws] * b_t, b_t = b[t*ldb .. t*ldb + len).
    /// Zero weights (masked or dropped) are skipped, so padded keys holding garbage cannot leak into the result.
    /// </summary>
    public static void WeightedRowSum(ReadOnlySpan<float> w, int ws, int count, ReadOnlySpan<float> b, int ldb, int len,
        float alpha, bool accumulate, Span<float> c)
    {
        if (c.Length < len || (count > 0 && ((long)(count - 1) * ldb + len > b.Length || (long)(count - 1) * ws >= w.Length)))
            throw new ArgumentException("attention: operand too short for its stride");
        fixed (float* pw = w)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var col = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; col + 32 <= len; col += 32)
                {
                    Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    for (var t = 0; t < count; t++)
                    {
                        var wt = pw[(long)t * ws];
                        if (wt == 0f) continue;
                        var wv = Vector256.Create(wt);
                        float* bt = pb + (long)t * ldb + col;
                        a0 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(bt), a0);
                        a1 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(bt + 8), a1);
                        a2 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(bt + 16), a2);
                        a3 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(bt + 24), a3);
                    }
                    Store(pc + col, a0, alpha, accumulate);
                    Store(pc + col + 8, a1, alpha, accumulate);
                    Store(pc + col + 16, a2, alpha, accumulate);
                    Store(pc + col + 24, a3, alpha, accumulate);
                }
                for (; col + 8 <= len; col += 8)
                    Store(pc + col, Column8(pw, ws, count, pb + col, ldb), alpha, accumulate);
                if (col < len && len >= 8)
                {
                    // The last few columns as one vector ending at len; lanes before col are already done.
                    var start = len - 8;
                    var fresh = Vector256.GreaterThanOrEqual(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(col - start)).AsSingle();
                    var old = Vector256.Load(pc + start);
                    var v = Column8(pw, ws, count, pb + start, ldb) * alpha;
                    if (accumulate) v += old;
                    Vector256.ConditionalSelect(fresh, v, old).Store(pc + start);
                    col = len;
                }
            }
            for (; col < len; col++)
            {
                float r = 0;
                for (var t = 0; t < count; t++)
                {
                    var wt = pw[(long)t * ws];
                    if (wt != 0f) r = MathF.FusedMultiplyAdd(wt, pb[(long)t * ldb + col], r);
                }
                pc[col] = accumulate ? pc[col] + alpha * r : alpha * r;
            }
        }
    }

    /// <summary>sum over t of w[t*ws] * b[t*ldb .. +8), zero weights skipped.</summary>
    private static Vector256<float> Column8(float* w, int ws, int count, float* b, int ldb)
    {
        Vector256<float> acc = default;
        for (var t = 0; t < count; t++)
        {
            var wt = w[(long)t * ws];
            if (wt != 0f) acc = Vector256.FusedMultiplyAdd(Vector256.Create(wt), Vector256.Load(b + (long)t * ldb), acc);
        }
        return acc;
    }

    private static void Store(float* dst, Vector256<float> acc, float alpha, bool accumulate)
    {
        var v = acc * alpha;
        if (accumulate) v += Vector256.Load(dst);
        v.Store(dst);
    }

    /// <summary>Columns per tile of a packed transposed operand: three 8-float vectors.</summary>
    public const int Tile = 24;

    /// <summary>Floats <see cref="PackTransposed"/> needs for n rows of length k.</summary>
    public static int PackedSize(int n, int k) => (n + Tile - 1) / Tile * Tile * k;

    /// <summary>
    /// Packs B [n, k] (row stride ldb) as B^T in tiles of <see cref="Tile"/> columns: pack[(tile*k + t)*Tile + j] =
    /// B[tile*Tile + j, t], zero past n. The product loop then reads each tile row as three aligned-in-order vectors.
    /// </summary>
    public static void PackTransposed(ReadOnlySpan<float> b, int ldb, int n, int k, Span<float> pack)
    {
        var tiles = (n + Tile - 1) / Tile;
        for (var tile = 0; tile < tiles; tile++)
        {
            var dst = pack.Slice(tile * k * Tile, k * Tile);
            var cols = Math.Min(Tile, n - tile * Tile);
            if (cols < Tile) dst.Clear();
            for (var j = 0; j < cols; j++)
            {
                var row = b.Slice((tile * Tile + j) * ldb, k);
                for (var t = 0; t < k; t++) dst[t * Tile + j] = row[t];
            }
        }
    }

    /// <summary>
    /// C [m, n] (dense) = alpha A B^T for A [m, k] (row stride lda) and B packed by <see cref="PackTransposed"/>:
    /// blocks of 4 rows by one tile, 12 accumulators kept in registers across all of k, no horizontal sums.
    /// </summary>
    public static void ProductNTPacked(ReadOnlySpan<float> a, int lda, int m, int k, ReadOnlySpan<float> pack, int n,
        float alpha, Span<float> c)
    {
        if (m == 0 || n == 0) return;
        if ((long)(m - 1) * lda + k > a.Length || pack.Length < PackedSize(n, k) || c.Length < m * n)
            throw new ArgumentException("attention: operand too short for its stride");
        var tiles = (n + Tile - 1) / Tile;
        Span<float> tmp = stackalloc float[4 * Tile];
        fixed (float* pa = a)
        fixed (float* pp = pack)
        fixed (float* pt = tmp)
        {
            for (var tile = 0; tile < tiles; tile++)
            {
                float* bt = pp + (long)tile * k * Tile;
                var cols = Math.Min(Tile, n - tile * Tile);
                var i = 0;
                for (; i + 4 <= m; i += 4)
                {
                    Block4(pa + (long)i * lda, lda, k, bt, alpha, pt);
                    for (var r = 0; r < 4; r++)
                        new ReadOnlySpan<float>(pt + r * Tile, cols).CopyTo(c.Slice((i + r) * n + tile * Tile, cols));
                }
                for (; i < m; i++)
                {
                    Block1(pa + (long)i * lda, k, bt, alpha, pt);
                    new ReadOnlySpan<float>(pt, cols).CopyTo(c.Slice(i * n + tile * Tile, cols));
                }
            }
        }
    }

    private static void Block4(float* a, int lda, int k, float* bt, float alpha, float* outp)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            for (var r = 0; r < 4; r++) Block1(a + (long)r * lda, k, bt, alpha, outp + r * Tile);
            return;
        }
        Vector256<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        float* a0 = a, a1 = a + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (var t = 0; t < k; t++)
        {
            float* row = bt + (long)t * Tile;
            var b0 = Vector256.Load(row);
            var b1 = Vector256.Load(row + 8);
            var b2 = Vector256.Load(row + 16);
            var x = Vector256.Create(a0[t]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01); c02 = Vector256.FusedMultiplyAdd(x, b2, c02);
            x = Vector256.Create(a1[t]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11); c12 = Vector256.FusedMultiplyAdd(x, b2, c12);
            x = Vector256.Create(a2[t]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21); c22 = Vector256.FusedMultiplyAdd(x, b2, c22);
            x = Vector256.Create(a3[t]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31); c32 = Vector256.FusedMultiplyAdd(x, b2, c32);
        }
        var s = Vector256.Create(alpha);
        (c00 * s).Store(outp); (c01 * s).Store(outp + 8); (c02 * s).Store(outp + 16);
        (c10 * s).Store(outp + 24); (c11 * s).Store(outp + 32); (c12 * s).Store(outp + 40);
        (c20 * s).Store(outp + 48); (c21 * s).Store(outp + 56); (c22 * s).Store(outp + 64);
        (c30 * s).Store(outp + 72); (c31 * s).Store(outp + 80); (c32 * s).Store(outp + 88);
    }

    private static void Block1(float* a, int k, float* bt, float alpha, float* outp)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            for (var j = 0; j < Tile; j++)
            {
                float r = 0;
                for (var t = 0; t < k; t++) r = MathF.FusedMultiplyAdd(a[t], bt[(long)t * Tile + j], r);
                outp[j] = alpha * r;
            }
            return;
        }
        Vector256<float> c0 = default, c1 = default, c2 = default;
        for (var t = 0; t < k; t++)
        {
            float* row = bt + (long)t * Tile;
            var x = Vector256.Create(a[t]);
            c0 = Vector256.FusedMultiplyAdd(x, Vector256.Load(row), c0);
            c1 = Vector256.FusedMultiplyAdd(x, Vector256.Load(row + 8), c1);
            c2 = Vector256.FusedMultiplyAdd(x, Vector256.Load(row + 16), c2);
        }
        var s = Vector256.Create(alpha);
        (c0 * s).Store(outp); (c1 * s).Store(outp + 8); (c2 * s).Store(outp + 16);
    }
}
