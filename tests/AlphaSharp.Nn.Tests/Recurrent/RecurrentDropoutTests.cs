using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn.Tests.Recurrent;

/// <summary>Dropout between layers: training only, drawn from the module's generator, reproducible by seed.</summary>
public class RecurrentDropoutTests
{
    [Fact]
    public void DropoutOneCutsTheLowerLayersOffInTrainingOnly()
    {
        // With p = 1 the second layer sees only zeros, so its output cannot depend on x; in eval mode it must.
        var lstm = new LSTM(3, 4, new Rng(1), numLayers: 2, dropout: 1f);
        var x1 = Tensor.Normal(new Rng(2), 0f, 1f, 5, 2, 3);
        var x2 = Tensor.Normal(new Rng(3), 0f, 1f, 5, 2, 3);
        Assert.Equal(lstm.Forward(x1).Output.Data, lstm.Forward(x2).Output.Data);
        lstm.Eval();
        Assert.NotEqual(lstm.Forward(x1).Output.Data, lstm.Forward(x2).Output.Data);
    }

    [Fact]
    public void MasksComeFromTheDropoutGeneratorAndRepeatWithItsSeed()
    {
        var gru = new GRU(3, 6, new Rng(1), numLayers: 3, dropout: 0.5f);
        var x = Tensor.Normal(new Rng(2), 0f, 1f, 4, 3, 3);
        gru.DropoutRng = new Rng(10);
        var a = gru.Forward(x).Output.Data;
        var b = gru.Forward(x).Output.Data;
        gru.DropoutRng = new Rng(10);
        var c = gru.Forward(x).Output.Data;
        Assert.NotEqual(a, b);
        Assert.Equal(a, c);

        gru.DropoutRng = null;
        Assert.Contains("dropout", Assert.Throws<ArgumentException>(() => gru.Forward(x)).Message);
        gru.Eval();
        Assert.Equal(gru.Forward(x).Output.Data, gru.Forward(x).Output.Data);
    }

    [Theory]
    [InlineData(0.3f)]
    [InlineData(0.5f)]
    [InlineData(0f)]
    public void MasksDropTheStatedFractionAndScaleTheRest(float p)
    {
        // 100001 values (odd: the last one comes from half a draw); the zero fraction's standard error is < 0.0016.
        var mask = new float[100_001];
        RecurrentStack.DropoutMask(mask, p, new Rng(5));
        var zeros = mask.Count(v => v == 0f);
        Assert.InRange(zeros / 100_001.0, p - 0.01, p + 0.01);
        Assert.All(mask.Where(v => v != 0f), v => Assert.Equal(1f / (1f - p), v));
        var all = new float[7];
        all.AsSpan().Fill(3f);
        RecurrentStack.DropoutMask(all, 1f, new Rng(5));
        Assert.All(all, v => Assert.Equal(0f, v));
    }
}
