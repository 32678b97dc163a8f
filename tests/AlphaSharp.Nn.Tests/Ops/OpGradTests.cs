using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.TensorOps;

/// <summary>Finite-difference gradient checks for every op, including broadcasting and odd shapes.</summary>
public class OpGradTests
{
    private static Tensor R(ulong seed, float lo, float hi, params int[] shape) => Tensor.Uniform(new Rng(seed), lo, hi, shape).RequireGrad();

    /// <summary>Values with |v| in [0.2, 1.5] and random signs: away from the kinks of relu, abs, max.</summary>
    private static Tensor AwayFromZero(ulong seed, params int[] shape)
    {
        var rng = new Rng(seed);
        var t = Tensor.Zeros(shape);
        for (var k = 0; k < t.Numel; k++) t.Data[k] = (0.2f + 1.3f * rng.NextFloat()) * (rng.NextFloat() < 0.5f ? -1 : 1);
        return t.RequireGrad();
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 3, 4 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 4 })]
    [InlineData(new[] { 3, 1 }, new[] { 1, 5 })]
    [InlineData(new[] { 2, 1, 4 }, new[] { 3, 1 })]
    [InlineData(new int[0], new[] { 2, 3 })]
    public void BroadcastArithmetic(int[] sa, int[] sb)
    {
        var a = R(1, -1, 1, sa);
        var b = R(2, 0.5f, 1.5f, sb);
        GradCheck.Check(x => x[0].Add(x[1]), [a, b]);
        GradCheck.Check(x => x[0].Sub(x[1]), [a, b]);
        GradCheck.Check(x => x[0].Mul(x[1]), [a, b]);
        GradCheck.Check(x => x[0].Div(x[1]), [a, b]);
        GradCheck.Check(x => x[1] / x[0].Add(3f), [a, b]);
    }

    [Fact]
    public void ScalarArithmeticAndOperators()
    {
        var a = R(3, 0.5f, 2, 2, 3);
        GradCheck.Check(x => (x[0] + 2f) * 3f - 1f, [a]);
        GradCheck.Check(x => 2f / x[0] + (1f - x[0]) / 4f, [a]);
        GradCheck.Check(x => -x[0] * x[0], [a]);
    }

    [Fact]
    public void UnaryMath()
    {
        var pos = R(4, 0.3f, 2f, 3, 5);
        GradCheck.Check(x => x[0].Exp(), [pos]);
        GradCheck.Check(x => x[0].Log(), [pos]);
        GradCheck.Check(x => x[0].Sqrt(), [pos]);
        GradCheck.Check(x => x[0].Pow(2.5f), [pos]);
        GradCheck.Check(x => x[0].Pow(2f), [AwayFromZero(5, 4, 2)]);
        GradCheck.Check(x => x[0].Pow(-1.5f), [pos]);
        GradCheck.Check(x => x[0].Abs(), [AwayFromZero(6, 3, 3)]);
        GradCheck.Check(x => x[0].Clamp(-0.7f, 0.9f), [AwayFromZero(7, 5, 4)]);
        GradCheck.Check(x => x[0].Clamp(min: 0.5f), [AwayFromZero(8, 5, 4)]);
    }

    [Fact]
    public void Activations()
    {
        var x0 = AwayFromZero(9, 4, 5);
        GradCheck.Check(x => x[0].Relu(), [x0]);
        GradCheck.Check(x => x[0].LeakyRelu(0.2f), [x0]);
        GradCheck.Check(x => x[0].Tanh(), [x0]);
        GradCheck.Check(x => x[0].Sigmoid(), [x0]);
        GradCheck.Check(x => x[0].Gelu(), [x0]);
        GradCheck.Check(x => x[0].Gelu(tanhApproximation: true), [x0]);
        GradCheck.Check(x => x[0].Elu(0.7f), [x0]);
    }

    [Fact]
    public void Reductions()
    {
        var x0 = R(10, -2, 2, 3, 4, 5);
        GradCheck.Check(x => x[0].Sum(), [x0]);
        GradCheck.Check(x => x[0].Mean(), [x0]);
        GradCheck.Check(x => x[0].Var(), [x0]);
        GradCheck.Check(x => x[0].Var(unbiased: false), [x0]);
        foreach (var dim in new[] { 0, 1, -1 })
        {
            GradCheck.Check(x => x[0].Sum(dim), [x0]);
            GradCheck.Check(x => x[0].Mean(dim, keepDim: true), [x0]);
            GradCheck.Check(x => x[0].Var(dim), [x0]);
            GradCheck.Check(x => x[0].Var(dim, unbiased: false, keepDim: true), [x0]);
            GradCheck.Check(x => x[0].Max(dim), [x0]);
        }
        GradCheck.Check(x => x[0].Max(), [x0]);
    }

    [Fact]
    public void SoftmaxFamily()
    {
        var x0 = R(11, -3, 3, 2, 3, 4);
        foreach (var dim in new[] { 0, 1, 2 })
        {
            GradCheck.Check(x => x[0].Softmax(dim), [x0]);
            GradCheck.Check(x => x[0].LogSoftmax(dim), [x0]);
        }
    }

    [Fact]
    public void MatMulAllForms()
    {
        GradCheck.Check(x => x[0].MatMul(x[1]), [R(12, -1, 1, 3, 4), R(13, -1, 1, 4, 5)]);
        GradCheck.Check(x => x[0].MatMul(x[1]), [R(14, -1, 1, 2, 3, 4), R(15, -1, 1, 4, 2)]);
        GradCheck.Check(x => x[0].MatMul(x[1]), [R(16, -1, 1, 2, 1, 3, 4), R(17, -1, 1, 3, 4, 2)]);
        GradCheck.Check(x => x[0].MatMul(x[1]), [R(18, -1, 1, 4), R(19, -1, 1, 2, 4, 3)]);
        GradCheck.Check(x => x[0].MatMul(x[1]), [R(20, -1, 1, 2, 3, 4), R(21, -1, 1, 4)]);
        GradCheck.Check(x => x[0].MatMul(x[1]), [R(22, -1, 1, 5), R(23, -1, 1, 5)]);
        // Large enough for the packed GEMM path in forward and backward.
        GradCheck.Check(x => x[0].MatMul(x[1]), [R(24, -1, 1, 40, 70), R(25, -1, 1, 70, 60)], maxPerInput: 24);
    }

    [Fact]
    public void LinearWithAndWithoutBias()
    {
        var x0 = R(26, -1, 1, 2, 3, 5);
        var w = R(27, -1, 1, 4, 5);
        var b = R(28, -1, 1, 4);
        GradCheck.Check(x => x[0].Linear(x[1], x[2]), [x0, w, b]);
        GradCheck.Check(x => x[0].Linear(x[1]), [x0, w]);
    }

    [Fact]
    public void ShapeOps()
    {
        var x0 = R(29, -1, 1, 2, 3, 4);
        GradCheck.Check(x => x[0].Reshape(4, -1).Mul(x[0].Reshape(4, 6)), [x0]);
        GradCheck.Check(x => x[0].Transpose(0, 2), [x0]);
        GradCheck.Check(x => x[0].Permute(1, 2, 0), [x0]);
        GradCheck.Check(x => x[0].Unsqueeze(1).Squeeze(1).Flatten(1), [x0]);
        GradCheck.Check(x => x[0].Narrow(2, 1, 2), [x0]);
        GradCheck.Check(x => x[0].Slice(1, -2, 3), [x0]);
        GradCheck.Check(x => x[0].Select(1, -1), [x0]);
        GradCheck.Check(x => x[0].IndexSelect(2, [3, 0, 3]), [x0]);
        GradCheck.Check(x => x[0].Gather(1, Tensor.From([2, 0, 1, 1, 0, 2, 2, 2], 2, 2, 2)), [x0]);
    }

    [Fact]
    public void JoinOps()
    {
        var a = R(30, -1, 1, 2, 3);
        var b = R(31, -1, 1, 2, 5);
        var c = R(32, -1, 1, 2, 3);
        GradCheck.Check(x => Ops.Concat([x[0], x[1], x[0]], 1), [a, b]);
        GradCheck.Check(x => Ops.Concat([x[0], x[1]], 0), [a, c]);
        GradCheck.Check(x => Ops.Stack([x[0], x[1]], 1), [a, c]);
        GradCheck.Check(x => Ops.Stack([x[0], x[1]], -1), [a, c]);
    }

    [Fact]
    public void MaskedFillAndDropout()
    {
        var x0 = R(33, -1, 1, 3, 4);
        var mask = Tensor.From([1, 0, 0, 1], 1, 4);
        GradCheck.Check(x => x[0].MaskedFill(mask, -1e9f), [x0]);
        // The function re-creates its generator so every evaluation draws the same mask.
        GradCheck.Check(x => x[0].Dropout(0.4f, new Rng(5)), [x0]);
    }
}
