using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Tests.Kernels;

public class GemmTests
{
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 7, 1, 13 }, { 1, 37, 9 }, { 17, 33, 65 }, { 9, 40, 300 },
        { 67, 45, 530 }, { 150, 70, 31 }, { 13, 3100, 3 }, { 2, 50, 60 }, { 4, 17, 33 },
        { 1, 300, 700 }, { 500, 1, 400 }, { 600, 2, 300 },
    };

    internal enum Path { Auto, Packed512, Packed256, OpenBlas }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MatchesDoubleLoop_AllTransposes_AllPaths(int m, int n, int k)
    {
        foreach (var path in new[] { Path.Auto, Path.Packed512, Path.Packed256 })
            foreach (var ta in new[] { false, true })
                foreach (var tb in new[] { false, true })
                    CheckOne(m, n, k, ta, tb, 0.75f, 0.5f, path, padding: 3);
    }

    [Fact]
    public void BetaZeroIgnoresNaNInC_AndBetaOneAccumulates()
    {
        foreach (var path in new[] { Path.Auto, Path.Packed512, Path.Packed256 })
        {
            CheckOne(19, 21, 23, false, false, 1f, 0f, path, padding: 0, fillCWithNaN: true);
            CheckOne(19, 21, 23, true, true, -2f, 1f, path, padding: 1);
        }
    }

    [Fact]
    public void ZeroDepthScalesC()
    {
        var c = new float[] { 1, 2, 3, 4, 5, 6 };
        Gemm.Sgemm(false, false, 2, 3, 0, 1f, [], 1, [], 3, 2f, c, 3);
        Assert.Equal(new float[] { 2, 4, 6, 8, 10, 12 }, c);
    }

    [Fact]
    public void SameBitsForAnyThreadCount()
    {
        var rng = new Rng(7);
        const int m = 301, n = 517, k = 389;
        var a = Tensor.Uniform(rng, -1, 1, m, k).Data;
        var b = Tensor.Uniform(rng, -1, 1, n, k).Data;
        var reference = new float[m * n];
        Gemm.Sgemm(false, true, m, n, k, 1f, a, k, b, k, 0f, reference, n, threads: 1);
        foreach (var threads in new[] { 2, 3, 4 })
        {
            var c = new float[m * n];
            Gemm.Sgemm(false, true, m, n, k, 1f, a, k, b, k, 0f, c, n, threads);
            Assert.True(reference.AsSpan().SequenceEqual(c), $"threads={threads} changed the result bits");
        }
    }

    [Theory]
    [InlineData(37, 70, 300)]
    [InlineData(20, 1, 50)]
    [InlineData(23, 5, 9)]
    [InlineData(70, 45, 33)]
    public void RowsComputedInPiecesHaveTheBitsOfOneCall(int m, int n, int k)
    {
        // Callers split batches over threads (the recurrent kernels do): any split must give the same bits.
        var rng = new Rng((ulong)(m * 7 + n));
        foreach (var ta in new[] { false, true })
            foreach (var tb in new[] { false, true })
                foreach (var (alpha, beta) in new[] { (1f, 0f), (0.7f, 1f), (1.3f, -0.6f) })
                {
                    var a = Tensor.Uniform(rng, -1, 1, m * k).Data;
                    var b = Tensor.Uniform(rng, -1, 1, k * n).Data;
                    var c0 = Tensor.Uniform(rng, -1, 1, m * n).Data;
                    int lda = ta ? m : k, ldb = tb ? k : n;
                    var whole = (float[])c0.Clone();
                    Gemm.Sgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, whole, n);
                    foreach (var piece in new[] { 1, 3, 8, 13 })
                    {
                        var parts = (float[])c0.Clone();
                        for (var r0 = 0; r0 < m; r0 += piece)
                        {
                            var rows = Math.Min(piece, m - r0);
                            // Rows r0.. of op(A): for A^T they are columns of A, reached by an offset with the same lda.
                            var aPart = ta ? a.AsSpan(r0) : a.AsSpan(r0 * k);
                            Gemm.Sgemm(ta, tb, rows, n, k, alpha, aPart, lda, b, ldb, beta, parts.AsSpan(r0 * n, rows * n), n);
                        }
                        Assert.True(whole.AsSpan().SequenceEqual(parts),
                            $"m={m} n={n} k={k} ta={ta} tb={tb} alpha={alpha} beta={beta}: pieces of {piece} rows changed bits");
                    }
                }
    }

    [Fact]
    public void BadArgumentsNameTheProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Sgemm(false, false, 2, 3, 4, 1f, new float[7], 4, new float[12], 3, 0f, new float[6], 3));
        Assert.Contains("A (2 x 4, ld 4) needs 8 values", ex.Message);
        ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Sgemm(false, true, 2, 3, 4, 1f, new float[8], 4, new float[12], 3, 0f, new float[6], 3));
        Assert.Contains("ldb=3 is less than the 4 columns of B", ex.Message);
        ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Sgemm(false, false, -1, 3, 4, 1f, new float[8], 4, new float[12], 3, 0f, new float[6], 3));
        Assert.Contains("non-negative", ex.Message);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(10, 600, 150)]
    [InlineData(37, 70, 530)]
    [InlineData(130, 45, 9)]
    public void PrepackedMatchesTheOrdinaryCallBitForBit(int m, int n, int k)
    {
        var rng = new Rng((ulong)(m + n + k));
        foreach (var ta in new[] { false, true })
            foreach (var tb in new[] { false, true })
            {
                var a = Tensor.Uniform(rng, -1, 1, m * k).Data;
                var b = Tensor.Uniform(rng, -1, 1, k * n).Data;
                var c0 = Tensor.Uniform(rng, -1, 1, m * n).Data;
                var expected = (float[])c0.Clone();
                var got = (float[])c0.Clone();
                Gemm.ForcePacked = true;
                try { Gemm.Sgemm(ta, tb, m, n, k, 0.5f, a, ta ? m : k, b, tb ? k : n, 0.25f, expected, n); }
                finally { Gemm.ForcePacked = false; }
                var packed = PackedMatrix.Create(tb, k, n, b, tb ? k : n);
                Gemm.Sgemm(ta, m, 0.5f, a, ta ? m : k, packed, 0.25f, got, n);
                Assert.True(expected.AsSpan().SequenceEqual(got), $"m={m} n={n} k={k} ta={ta} tb={tb}");
            }
    }

    [Theory]
    [InlineData(37, 70, 300)]   // ragged rows and columns, two depth blocks (A^T in place; A's rows too far apart)
    [InlineData(37, 70, 200)]   // ragged rows and columns, one depth block, both in place
    [InlineData(400, 64, 256)]  // an LSTM backward step's shape
    [InlineData(16, 256, 6)]    // an input projection: depth 6
    [InlineData(5, 40, 9)]      // fewer rows than one sliver: all packed
    public void ReadingAInPlaceGivesThePackedBits(int m, int n, int k)
    {
        // Where 512-bit vectors run, most of these read full slivers of A in place (rows lda apart, or A^T's depth
        // steps lda apart; see FarApartRowsAndWideProductsKeepAPacked for which); packing every sliver instead must
        // give the same bits, with B packed per call or beforehand and with A's leading dimension padded.
        var rng = new Rng((ulong)(m * 31 + n * 7 + k));
        foreach (var ta in new[] { false, true })
            foreach (var tb in new[] { false, true })
                foreach (var pad in new[] { 0, 5 })
                {
                    var lda = (ta ? m : k) + pad;
                    var a = Tensor.Uniform(rng, -1, 1, (ta ? k : m) * lda).Data;
                    var b = Tensor.Uniform(rng, -1, 1, k * n).Data;
                    var c0 = Tensor.Uniform(rng, -1, 1, m * n).Data;
                    var ldb = tb ? k : n;
                    var packedB = PackedMatrix.Create(tb, k, n, b, ldb);
                    foreach (var prepacked in new[] { false, true })
                    {
                        float[] Run(bool forcePackedA)
                        {
                            var c = (float[])c0.Clone();
                            Gemm.ForcePacked = true;
                            Gemm.ForcePackedA = forcePackedA;
                            try
                            {
                                if (prepacked) Gemm.Sgemm(ta, m, 0.75f, a, lda, packedB, 0.5f, c, n);
                                else Gemm.Sgemm(ta, tb, m, n, k, 0.75f, a, lda, b, ldb, 0.5f, c, n);
                            }
                            finally { Gemm.ForcePacked = false; Gemm.ForcePackedA = false; }
                            return c;
                        }
                        Assert.True(Run(false).AsSpan().SequenceEqual(Run(true)),
                            $"m={m} n={n} k={k} ta={ta} tb={tb} pad={pad} prepacked={prepacked}: A in place changed bits");
                    }
                }
    }

    [Fact]
    public void FarApartRowsAndWideProductsKeepAPacked()
    {
        Assert.True(Gemm.ReadAInPlace(true, false, 256, 256));
        Assert.False(Gemm.ReadAInPlace(true, false, 256, 257));
        Assert.True(Gemm.ReadAInPlace(true, true, 256, 128));
        Assert.False(Gemm.ReadAInPlace(true, true, 256, 129));
        Assert.False(Gemm.ReadAInPlace(true, false, 1025, 64));
        Assert.False(Gemm.ReadAInPlace(false, false, 64, 64));
    }

    [Fact]
    public void APackedMatrixKeepsItsKernelWhicheverThreadMultiplies()
    {
        var rng = new Rng(11);
        const int m = 21, n = 70, k = 40;
        var a = Tensor.Uniform(rng, -1, 1, m * k).Data;
        var b = Tensor.Uniform(rng, -1, 1, n * k).Data;
        var expected = new float[m * n];
        Gemm.Sgemm(false, true, m, n, k, 1f, a, k, b, k, 0f, expected, n);
        PackedMatrix packed;
        Gemm.Force256 = true;
        try { packed = PackedMatrix.Create(true, k, n, b, k); }
        finally { Gemm.Force256 = false; }
        var got = new float[m * n];
        Gemm.Sgemm(false, m, 1f, a, k, packed, 0f, got, n);
        for (var i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i], 4);
    }

    [Fact]
    public void RepackingPicksUpNewValues()
    {
        var b = new float[] { 1, 2, 3, 4 };
        var packed = PackedMatrix.Create(false, 2, 2, b, 2);
        var c = new float[4];
        Gemm.Sgemm(false, 2, 1f, [1, 0, 0, 1], 2, packed, 0f, c, 2);
        Assert.Equal(b, c);
        b[0] = 10;
        packed.Pack(false, 2, 2, b, 2);
        Gemm.Sgemm(false, 2, 1f, [1, 0, 0, 1], 2, packed, 0f, c, 2);
        Assert.Equal([10f, 2f, 3f, 4f], c);
    }

    internal static void CheckOne(int m, int n, int k, bool ta, bool tb, float alpha, float beta, Path path, int padding,
        bool fillCWithNaN = false)
    {
        var rng = new Rng((ulong)(m * 1000003 + n * 1009 + k * 7 + (ta ? 1 : 0) + (tb ? 2 : 0)));
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + padding, ldb = bCols + padding, ldc = n + padding;
        var a = Tensor.Uniform(rng, -1, 1, aRows * lda).Data;
        var b = Tensor.Uniform(rng, -1, 1, bRows * ldb).Data;
        var c = Tensor.Uniform(rng, -1, 1, m * ldc).Data;
        if (fillCWithNaN) Array.Fill(c, float.NaN);
        var c0 = (float[])c.Clone();

        Gemm.Force256 = path == Path.Packed256;
        Gemm.ForcePacked = path is Path.Packed512 or Path.Packed256;
        Gemm.BackendOnThisThread = path == Path.OpenBlas ? GemmBackend.OpenBlas : null;
        try { Gemm.Sgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); }
        finally { Gemm.Force256 = false; Gemm.ForcePacked = false; Gemm.BackendOnThisThread = null; }

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0, mag = 0;
                for (var p = 0; p < k; p++)
                {
                    double x = ta ? a[p * lda + i] : a[i * lda + p];
                    double y = tb ? b[j * ldb + p] : b[p * ldb + j];
                    sum += x * y;
                    mag += Math.Abs(x * y);
                }
                var expected = alpha * sum + (beta == 0f ? 0.0 : beta * (double)c0[i * ldc + j]);
                var tol = 2e-6 * (Math.Abs(alpha) * mag + Math.Abs(beta)) + 1e-6;
                var got = c[i * ldc + j];
                Assert.True(Math.Abs(got - expected) <= tol,
                    $"{path} m={m} n={n} k={k} ta={ta} tb={tb}: C[{i},{j}]={got}, expected {expected}");
            }
            // Padding between rows of C must be untouched.
            for (var j = n; j < ldc && i < m - 1; j++)
                Assert.Equal(c0[i * ldc + j], c[i * ldc + j]);
        }
    }
}
