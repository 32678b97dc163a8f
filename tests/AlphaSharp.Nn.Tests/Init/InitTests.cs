namespace AlphaSharp.Nn.Tests.Initializers;

/// <summary>Initialisers against torch.nn.init's formulas: bounds, and moments over many draws.</summary>
public class InitTests
{
    private static (double Mean, double Var) Moments(Tensor t)
    {
        var mean = t.Data.Average(v => (double)v);
        return (mean, t.Data.Average(v => (v - mean) * (v - mean)));
    }

    [Fact]
    public void GainsAreTorchs()
    {
        Assert.Equal(5.0 / 3, Init.Gain("tanh"));
        Assert.Equal(Math.Sqrt(2), Init.Gain("relu"));
        Assert.Equal(Math.Sqrt(2 / (1 + 5.0)), Init.Gain("leaky_relu", Math.Sqrt(5)), 12);
        Assert.Throws<ArgumentException>(() => Init.Gain("swish"));
    }

    [Fact]
    public void FansIncludeTheReceptiveField()
        => Assert.Equal((4 * 5, 3 * 5), Init.Fans(Tensor.Zeros(3, 4, 5)));

    [Fact]
    public void XavierUniformAndNormal()
    {
        var t = Init.XavierUniform(Tensor.Zeros(300, 500), new Rng(1), gain: 2);
        var a = 2 * Math.Sqrt(6.0 / 800);
        Assert.All(t.Data, v => Assert.InRange(v, -a, a));
        Assert.InRange(Moments(t).Var / (a * a / 3), 0.97, 1.03);
        var n = Init.XavierNormal(Tensor.Zeros(300, 500), new Rng(2));
        Assert.InRange(Moments(n).Var / (2.0 / 800), 0.97, 1.03);
    }

    [Fact]
    public void KaimingUniformAndNormalWithModeAndNonlinearity()
    {
        var t = Init.KaimingUniform(Tensor.Zeros(200, 600), new Rng(3), mode: "fan_out", nonlinearity: "relu");
        var bound = Math.Sqrt(2) * Math.Sqrt(3.0 / 200);
        Assert.All(t.Data, v => Assert.InRange(v, -bound, bound));
        Assert.InRange(Moments(t).Var / (2.0 / 200), 0.97, 1.03);
        var n = Init.KaimingNormal(Tensor.Zeros(200, 600), new Rng(4), nonlinearity: "tanh");
        Assert.InRange(Moments(n).Var / (25.0 / 9 / 600), 0.97, 1.03);
    }

    [Fact]
    public void TruncNormalStaysInBoundsWithTheTruncatedMoments()
    {
        // N(0, 1) cut to [-1, 2]: mean (phi(-1) - phi(2)) / Z, variance 1 + (-1 phi(-1) - 2 phi(2)) / Z - mean^2.
        var t = Init.TruncNormal(Tensor.Zeros(200000), new Rng(5), 0, 1, -1, 2);
        Assert.All(t.Data, v => Assert.InRange(v, -1, 2));
        static double Phi(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
        const double z = 0.8185946141203637; // Phi(2) - Phi(-1)
        var mean = (Phi(-1) - Phi(2)) / z;
        var variance = 1 + (-1 * Phi(-1) - 2 * Phi(2)) / z - mean * mean;
        var (m, v) = Moments(t);
        Assert.InRange(m, mean - 0.01, mean + 0.01);
        Assert.InRange(v / variance, 0.98, 1.02);
        // A narrow far-tail interval goes through the uniform proposal.
        var tail = Init.TruncNormal(Tensor.Zeros(1000), new Rng(6), 1, 2, 9, 9.5);
        Assert.All(tail.Data, x => Assert.InRange(x, 9, 9.5));
    }

    [Theory]
    [InlineData(6, 4)]
    [InlineData(4, 6)]
    [InlineData(5, 5)]
    public void OrthogonalRowsOrColumnsAreOrthonormalTimesGain(int rows, int cols)
    {
        var t = Init.Orthogonal(Tensor.Zeros(rows, cols), new Rng(7), gain: 1.5);
        // The shorter side's vectors are orthonormal (times the gain).
        var byRows = rows <= cols;
        var count = byRows ? rows : cols;
        for (var i = 0; i < count; i++)
            for (var j = 0; j < count; j++)
            {
                double dot = 0;
                for (var k = 0; k < (byRows ? cols : rows); k++)
                    dot += byRows ? t.Data[i * cols + k] * t.Data[j * cols + k] : t.Data[k * cols + i] * t.Data[k * cols + j];
                Assert.Equal(i == j ? 2.25 : 0.0, dot, 5);
            }
    }

    [Fact]
    public void SameSeedSameValues()
    {
        var a = Init.Orthogonal(Tensor.Zeros(8, 3), new Rng(9));
        var b = Init.Orthogonal(Tensor.Zeros(8, 3), new Rng(9));
        Assert.Equal(a.Data, b.Data);
    }
}
