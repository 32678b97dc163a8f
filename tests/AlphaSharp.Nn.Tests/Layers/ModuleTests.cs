using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Layers;

public class ModuleTests
{
    [Fact]
    public void SequentialNamesChildrenByIndexLikePyTorch()
    {
        var rng = new Rng(1);
        var net = new Sequential(new Linear(3, 4, rng), new ReLU(), new Dropout(0.5f, rng), new Linear(4, 1, rng, bias: false));
        Assert.Equal(["0.weight", "0.bias", "3.weight"], net.StateDict().Keys);
        Assert.Equal(4, net.Count);
        Assert.Equal(3 * 4 + 4 + 4, net.ParameterCount());
    }

    [Fact]
    public void SequentialRejectsAModuleWithoutASingleInput()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Sequential(new NotUnary()));
        Assert.Contains("NotUnary", ex.Message);
    }

    private sealed class NotUnary : Module;

    [Fact]
    public void DropoutModuleFollowsTrainAndEval()
    {
        var drop = new Dropout(0.5f, new Rng(2));
        var x = Tensor.Ones(1000);
        var train = drop.Forward(x);
        Assert.All(train.Data, v => Assert.True(v == 0f || v == 2f));
        var zeros = train.Data.Count(v => v == 0f);
        Assert.InRange(zeros, 430, 570);
        drop.Eval();
        Assert.Same(x, drop.Forward(x));
    }

    [Fact]
    public void ActivationModulesMatchTheirOps()
    {
        var x = Tensor.Uniform(new Rng(3), -2, 2, 4, 5);
        Assert.Equal(x.Relu().Data, new ReLU().Forward(x).Data);
        Assert.Equal(x.LeakyRelu(0.1f).Data, new LeakyReLU(0.1f).Forward(x).Data);
        Assert.Equal(x.Tanh().Data, new Tanh().Forward(x).Data);
        Assert.Equal(x.Sigmoid().Data, new Sigmoid().Forward(x).Data);
        Assert.Equal(x.Gelu(true).Data, new GELU("tanh").Forward(x).Data);
        Assert.Equal(x.Elu(0.5f).Data, new ELU(0.5f).Forward(x).Data);
        Assert.Equal(x.Softmax(1).Data, new Softmax(1).Forward(x).Data);
        Assert.Throws<ArgumentException>(() => new GELU("fast"));
    }

    [Fact]
    public void SequentialGradCheck()
    {
        var rng = new Rng(4);
        var net = new Sequential(new Linear(3, 5, rng), new Tanh(), new Linear(5, 2, rng), new ELU());
        var x = Tensor.Uniform(new Rng(5), -1, 1, 4, 3).RequireGrad();
        GradCheck.Check(xs => net.Forward(xs[0]), [x, .. net.Parameters()]);
    }
}
