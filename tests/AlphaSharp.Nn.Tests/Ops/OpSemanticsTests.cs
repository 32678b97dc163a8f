namespace AlphaSharp.Nn.Tests.TensorOps;

/// <summary>Edge semantics worked out by hand: stability, ties, kinks, errors, no-grad mode.</summary>
public class OpSemanticsTests
{
    [Fact]
    public void SoftmaxAndLogSoftmaxAreStableForHugeLogits()
    {
        var big = Tensor.From([1000f, 1001f, 1002f]).Softmax(0);
        var small = Tensor.From([0f, 1f, 2f]).Softmax(0);
        for (var k = 0; k < 3; k++) Assert.Equal(small.Data[k], big.Data[k], 6);
        // log softmax of [0, 1, 2]: x - log(1 + e + e^2).
        var lse = Math.Log(1 + Math.E + Math.E * Math.E);
        var ls = Tensor.From([-1000f, -999f, -998f]).LogSoftmax(0);
        for (var k = 0; k < 3; k++) Assert.Equal(k - lse, ls.Data[k], 4);
    }

    [Fact]
    public void VarianceUnbiasedAndBiased()
    {
        var x = Tensor.From([1f, 2f, 3f, 4f]);
        Assert.Equal(5f / 3f, x.Var().Item(), 6);
        Assert.Equal(1.25f, x.Var(unbiased: false).Item(), 6);
        var m = Tensor.From([1f, 2f, 3f, 5f, 5f, 5f], 2, 3);
        Assert.Equal(new[] { 1f, 0f }, m.Var(1).Data);
        Assert.Equal(new[] { 2, 1 }, m.Var(1, keepDim: true).Shape);
    }

    [Fact]
    public void MaxSplitsTiesForTheFullReductionAndPicksTheFirstAlongADim()
    {
        var x = Tensor.From([3f, 1f, 3f]).RequireGrad();
        x.Max().Backward();
        Assert.Equal(new[] { 0.5f, 0f, 0.5f }, x.Grad);
        var y = Tensor.From([3f, 1f, 3f], 1, 3).RequireGrad();
        var v = y.Max(1, out var idx);
        Assert.Equal(new[] { 0 }, idx);
        v.Backward([1f]);
        Assert.Equal(new[] { 1f, 0f, 0f }, y.Grad);
    }

    [Fact]
    public void SubgradientsAtKinksAreTorchs()
    {
        var x = Tensor.From([0f, 0f, 0f, 2f]).RequireGrad();
        var y = x.Relu().Add(x.Abs()).Add(x.Clamp(0f, 2f));
        y.Backward([1f, 1f, 1f, 1f]);
        // relu'(0) = 0, abs'(0) = 0, clamp passes at the bounds (x = 0 and x = 2 both inside [0, 2]).
        Assert.Equal(new[] { 1f, 1f, 1f, 3f }, x.Grad);
    }

    [Fact]
    public void BroadcastingRulesAndMessages()
    {
        Assert.Equal(new[] { 2, 3, 4 }, (Tensor.Zeros(3, 1) + Tensor.Zeros(2, 1, 4)).Shape);
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("[2, 3] and [4]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(4, 2)));
        Assert.Contains("inner sizes 3 and 4", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(4, -1));
        Assert.Contains("invalid for a tensor of 6 values", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).MaskedFill(Tensor.Zeros(3, 3), 1f));
        Assert.Contains("[2, 3] and [3, 3] do not broadcast", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Sum(2));
        Assert.Contains("dim 2 is out of range", ex.Message);
    }

    [Fact]
    public void HandComputedArithmetic()
    {
        var a = Tensor.From([1f, 2f, 3f, 4f], 2, 2);
        var b = Tensor.From([10f, 20f]);
        Assert.Equal(new[] { 11f, 22f, 13f, 24f }, (a + b).Data);
        Assert.Equal(new[] { 7f, 10f, 15f, 22f }, a.MatMul(a).Data);
        Assert.Equal(new[] { 50f, 110f }, a.MatMul(b).Data);
        Assert.Equal(new[] { 1f, 3f, 2f, 4f }, a.Transpose(0, 1).Data);
        Assert.Equal(new[] { 0.5f, 1f / 3f }, (1f / (Tensor.From([1f, 2f]) + 1f)).Data);
        Assert.Equal(new[] { 2f, 4f }, Tensor.From([1f, 2f, 3f, 4f], 2, 2).Select(1, -1).Data);
        Assert.Equal(new[] { 3f, 1f }, Tensor.From([1f, 2f, 3f]).IndexSelect(0, [2, 0]).Data);
    }

    [Fact]
    public void NoGradRecordsNothing()
    {
        var x = Tensor.From([1f, 2f]).RequireGrad();
        Tensor y;
        using (Autograd.NoGrad()) y = (x * x).Sum();
        Assert.False(y.RequiresGrad);
        Assert.Throws<InvalidOperationException>(() => y.Backward());
        var z = (x * x).Sum();
        z.Backward();
        Assert.Equal(new[] { 2f, 4f }, x.Grad);
    }

    [Fact]
    public void ReshapeSharesDataLikeAView()
    {
        var x = Tensor.From([1f, 2f, 3f, 4f]);
        var v = x.View(2, 2);
        x.Data[3] = 9f;
        Assert.Equal(9f, v.Data[3]);
    }

    [Theory]
    [InlineData(2, 11, 19)]
    [InlineData(1, 16, 24)]
    [InlineData(3, 5, 3)]
    public void TransposeOfTheLastTwoDimsMovesEveryValue(int b, int r, int c)
    {
        var x = Tensor.Uniform(new Rng(4), -1, 1, b, r, c).RequireGrad();
        var y = x.Transpose(1, 2);
        Assert.Equal(new[] { b, c, r }, y.Shape);
        for (var n = 0; n < b; n++)
            for (var i = 0; i < r; i++)
                for (var j = 0; j < c; j++)
                    Assert.Equal(x.Data[(n * r + i) * c + j], y.Data[(n * c + j) * r + i]);
        var g = Tensor.Uniform(new Rng(5), -1, 1, b, c, r);
        y.Backward(g.Data);
        for (var n = 0; n < b; n++)
            for (var i = 0; i < r; i++)
                for (var j = 0; j < c; j++)
                    Assert.Equal(g.Data[(n * c + j) * r + i], x.Grad![(n * r + i) * c + j]);
    }
}
