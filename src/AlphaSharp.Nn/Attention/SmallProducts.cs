using System.Runtime.Intrinsics;

namespace AlphaSharp.Nn.Attention;

/// <summary>
/// The two shapes of product attention needs on one (batch, head) pair, register-blocked for short rows
/// (head dims of tens to a few hundred): dot products of one row with several rows, and a weighted sum of rows
/// accumulated in registers across all of its terms. No packing, no allocation.
/// </summary>
internal static unsafe class SmallProducts
{
    /// <summary>c[j] = alpha * (a . b_j) for j &lt; n, where b_j = b[j*ldb .. j*ldb + k).</summary>
    public static void DotRows(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int ldb, int n, int k, float alpha, Span<float> c)
    {
        if (n == 0) return;
        if ((long)(n - 1) * ldb + k > b.Length || a.Length < k || c.Length < n)
            throw new ArgumentException("attention: operand too short for its stride");
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var j = 0;
            var vk = k & ~7;
            if (Vector256.IsHardwareAccelerated)
                for (; j + 4 <= n; j += 4)
                {
                    float* b0 = pb + (long)j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                    Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
                    for (var t = 0; t < vk; t += 8)
                    {
                        var av = Vector256.Load(pa + t);
                        s0 = Vector256.FusedMultiplyAdd(av, Vector256.Load(b0 + t), s0);
                        s1 = Vector256.FusedMultiplyAdd(av, Vector256.Load(b1 + t), s1);
                        s2 = Vector256.FusedMultiplyAdd(av, Vector256.Load(b2 + t), s2);
                        s3 = Vector256.FusedMultiplyAdd(av, Vector256.Load(b3 + t), s3);
                    }
                    float r0 = Vector256.Sum(s0), r1 = Vector256.Sum(s1), r2 = Vector256.Sum(s2), r3 = Vector256.Sum(s3);
                    for (var t = vk; t < k; t++)
                    {
                        var x = pa[t];
                        r0 += x * b0[t]; r1 += x * b1[t]; r2 += x * b2[t]; r3 += x * b3[t];
                    }
                    pc[j] = alpha * r0; pc[j + 1] = alpha * r1; pc[j + 2] = alpha * r2; pc[j + 3] = alpha * r3;
                }
            for (; j < n; j++)
            {
                float* bj = pb + (long)j * ldb;
                var t = 0;
                float r = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    Vector256<float> s = default;
                    for (; t < vk; t += 8) s = Vector256.FusedMultiplyAdd(Vector256.Load(pa + t), Vector256.Load(bj + t), s);
                    r = Vector256.Sum(s);
                }
                for (; t < k; t++) r += pa[t] * bj[t];
                pc[j] = alpha * r;
            }
        }
    }

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
                {
                    Vector256<float> a0 = default;
                    for (var t = 0; t < count; t++)
                    {
                        var wt = pw[(long)t * ws];
                        if (wt != 0f) a0 = Vector256.FusedMultiplyAdd(Vector256.Create(wt), Vector256.Load(pb + (long)t * ldb + col), a0);
                    }
                    Store(pc + col, a0, alpha, accumulate);
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

    private static void Store(float* dst, Vector256<float> acc, float alpha, bool accumulate)
    {
        var v = acc * alpha;
        if (accumulate) v += Vector256.Load(dst);
        v.Store(dst);
    }
}
