using AlphaSharp.Nn.IO;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.Layers;

public class LinearTests
{
    [Theory]
    [InlineData("core_linear", 7, 5)]
    [InlineData("core_linear_big", 103, 206)]
    public void MatchesPyTorchOutputAndAllGradients(string fixture, int inF, int outF)
    {
        var fx = Fixtures.Load(fixture);
        var lin = new Linear(inF, outF, new Rng(1));
        lin.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = fx.Get("weight"), ["bias"] = fx.Get("bias") });
        var x = fx.Get("x").Detach().RequireGrad();
        var y = lin.Forward(x);
        TensorAssert.Close(fx.Get("out"), y, "linear output");
        y.Backward(fx.Get("gout").Data);
        TensorAssert.GradClose(fx.Get("gx"), x, "grad x");
        TensorAssert.GradClose(fx.Get("gweight"), lin.Weight, "grad weight");
        TensorAssert.GradClose(fx.Get("gbias"), lin.Bias!, "grad bias");
    }

    [Fact]
    public void GradCheckThroughTheModule()
    {
        var lin = new Linear(6, 3, new Rng(2));
        var x = Tensor.Uniform(new Rng(3), -1, 1, 2, 4, 6).RequireGrad();
        GradCheck.Check(xs => lin.Forward(xs[0]), [x, lin.Weight, lin.Bias!]);
    }

    [Fact]
    public void DefaultInitIsUniformWithinOneOverSqrtFanIn()
    {
        var lin = new Linear(400, 300, new Rng(4));
        var bound = 1 / Math.Sqrt(400);
        Assert.All(lin.Weight.Data, v => Assert.InRange(v, -bound, bound));
        Assert.All(lin.Bias!.Data, v => Assert.InRange(v, -bound, bound));
        // U(-b, b) has variance b^2 / 3; 120000 draws pin it within a few percent.
        var variance = lin.Weight.Data.Select(v => (double)v * v).Average();
        Assert.InRange(variance / (bound * bound / 3), 0.97, 1.03);
        Assert.Equal(["weight", "bias"], lin.StateDict().Keys);
    }

    [Fact]
    public void PyTorchStateDictLoadsIntoSequentialAndPredictsTheSame()
    {
        var state = SafeTensors.Load(Path.Combine(Fixtures.Directory, "core_mlp_state.safetensors"));
        var io = Fixtures.Load("core_mlp_io");
        var rng = new Rng(5);
        var mlp = new Sequential(new Linear(6, 8, rng), new ReLU(), new Linear(8, 3, rng), new Tanh());
        Assert.Equal(state.Keys.Order(), mlp.StateDict().Keys.Order());
        mlp.LoadStateDict(state);
        using (Autograd.NoGrad())
            TensorAssert.Close(io.Get("y"), mlp.Forward(io.Get("x")), "mlp prediction");
    }

    [Fact]
    public void CheckpointRoundTripRestoresEveryValue()
    {
        var rng = new Rng(6);
        var a = new Sequential(new Linear(3, 4, rng), new GELU(), new Linear(4, 2, rng));
        var b = new Sequential(new Linear(3, 4, rng), new GELU(), new Linear(4, 2, rng));
        var path = Path.Combine(Path.GetTempPath(), $"ckpt-{Environment.ProcessId}-{Guid.NewGuid():N}.safetensors");
        try
        {
            a.SaveSafeTensors(path);
            b.LoadSafeTensors(path);
        }
        finally { File.Delete(path); }
        foreach (var (key, t) in a.StateDict()) Assert.Equal(t.Data, b.StateDict()[key].Data);
    }

    [Fact]
    public void ShapeMistakesAreNamed()
    {
        var lin = new Linear(4, 2, new Rng(7));
        var ex = Assert.Throws<ArgumentException>(() => lin.Forward(Tensor.Zeros(3, 5)));
        Assert.Contains("[3, 5]", ex.Message);
        Assert.Contains("in_features 4", ex.Message);
        var seqEx = Assert.Throws<ArgumentException>(() => lin.LoadStateDict(new Dictionary<string, Tensor>
            { ["weight"] = Tensor.Zeros(2, 3), ["bias"] = Tensor.Zeros(2) }));
        Assert.Contains("'weight'", seqEx.Message);
    }
}
