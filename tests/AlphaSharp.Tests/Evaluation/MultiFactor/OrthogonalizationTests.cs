using System.Globalization;
using AlphaSharp.Evaluation.MultiFactor;

namespace AlphaSharp.Tests.Evaluation.MultiFactor;

/// <summary>Gram-Schmidt and symmetric (Löwdin) orthogonalisation against numpy on a seeded 12 x 3 matrix (tests/fixtures/factor_eval/orthogonal.csv).</summary>
public sealed class OrthogonalizationTests
{
    private static (double[][] X, double[][] Gs, double[][] Sym) Fixture()
    {
        var rows = File.ReadAllLines(Path.Combine(Evaluation.Factor.ReversalFixture.Dir, "orthogonal.csv")).Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        double[][] Cols(int from) => Enumerable.Range(from, 3).Select(c => rows.Select(r => r[c]).ToArray()).ToArray();
        return (Cols(0), Cols(3), Cols(6));
    }

    [Fact]
    public void SchmidtEqualsNumpy()
    {
        var (x, gs, _) = Fixture();
        var ours = Orthogonalization.Schmidt(x);
        for (var k = 0; k < 3; k++)
            for (var i = 0; i < x[k].Length; i++)
                Assert.Equal(gs[k][i], ours[k][i], 10);
    }

    [Fact]
    public void SymmetricEqualsNumpy()
    {
        var (x, _, sym) = Fixture();
        var ours = Orthogonalization.Symmetric(x);
        for (var k = 0; k < 3; k++)
            for (var i = 0; i < x[k].Length; i++)
                Assert.Equal(sym[k][i], ours[k][i], 10);
        for (var a = 0; a < 3; a++)
            for (var b = 0; b < 3; b++)
                Assert.Equal(a == b ? 1 : 0, ours[a].Zip(ours[b], (u, v) => u * v).Sum(), 10);
    }

    [Fact]
    public void EigenReconstructsTheMatrix()
    {
        double[,] m = { { 4, 1, 0.5 }, { 1, 3, -0.2 }, { 0.5, -0.2, 2 } };
        var (values, vectors) = SymmetricEigen.Decompose(m);
        for (var a = 0; a < 3; a++)
            for (var b = 0; b < 3; b++)
                Assert.Equal(m[a, b], Enumerable.Range(0, 3).Sum(e => vectors[a, e] * values[e] * vectors[b, e]), 12);
        Assert.Equal(9.0, values.Sum(), 12); // the trace
    }
}
