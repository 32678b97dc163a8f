using AlphaSharp.Models.Nets;
using AlphaSharp.Nn;
using AlphaSharp.Nn.IO;
using Xunit.Abstractions;

namespace AlphaSharp.Models.Tests.Nets;

/// <summary>
/// Each network against the PyTorch module it mirrors (tests/fixtures/models/make_fixtures.py): the module's
/// state_dict loads strictly into our net (same keys, same shapes), our eval-mode output on the module's input
/// matches the module's within 1e-5 of its scale, and our net saved back holds exactly the module's tensors.
/// </summary>
public class NetParityTests(ITestOutputHelper output)
{
    /// <summary>The configurations of make_fixtures.py's CONFIGS, as NetConfigs (CheckpointToTorchTests trains the same ones).</summary>
    internal static NetConfig Config(string kind) => kind switch
    {
        "lstm" => new() { Kind = "lstm", Features = 4, Window = 6, Hidden = 8, Layers = 2, Dropout = 0.2f },
        "gru" => new() { Kind = "gru", Features = 4, Window = 6, Hidden = 8, Layers = 2, Dropout = 0.2f, Outputs = 2 },
        "alstm" => new() { Kind = "alstm", Features = 4, Window = 6, Hidden = 8, Layers = 2, Dropout = 0.2f },
        "alstm_lstm" => new() { Kind = "alstm", RnnType = "LSTM", Features = 4, Window = 6, Hidden = 8, Layers = 1, Outputs = 2 },
        "lstm_gru" => new() { Kind = "lstm_gru", Features = 4, Window = 6, Hidden = 8, Layers = 2, Dropout = 0.2f },
        "cnn" => new() { Kind = "cnn", Features = 4, Window = 8, Hidden = 6, Layers = 2, KernelSize = 3, Dropout = 0.2f },
        "tcn" => new() { Kind = "tcn", Features = 4, Window = 8, Hidden = 6, Layers = 3, KernelSize = 3, Dropout = 0.2f },
        "transformer" => new() { Kind = "transformer", Features = 4, Window = 6, Hidden = 8, Layers = 2, Heads = 2, FeedForward = 16, Dropout = 0.2f },
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("alstm")]
    [InlineData("alstm_lstm")]
    [InlineData("lstm_gru")]
    [InlineData("cnn")]
    [InlineData("tcn")]
    [InlineData("transformer")]
    public void TheNetComputesWhatItsPyTorchModuleComputesFromItsStateDict(string kind)
    {
        var fx = Load(kind);
        var state = fx.Where(p => p.Key.StartsWith("param.", StringComparison.Ordinal))
            .ToDictionary(p => p.Key["param.".Length..], p => p.Value, StringComparer.Ordinal);
        var net = NetCatalog.Create(Config(kind), seed: 11);
        net.LoadStateDict(state); // strict: every key both ways, every shape
        net.Eval();

        var x = fx["in.x"];
        var expected = fx["out.y"];
        var y = net.Forward(new Tensor((float[])x.Data.Clone(), x.Shape));
        Assert.Equal(expected.Shape, y.Shape);
        double maxDiff = 0, scale = 0;
        for (var i = 0; i < expected.Numel; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(y.Data[i] - (double)expected.Data[i]));
            scale = Math.Max(scale, Math.Abs(expected.Data[i]));
        }
        output.WriteLine($"{kind}: max |ours - torch| = {maxDiff:E2} over outputs up to {scale:F4}");
        Assert.True(maxDiff <= 1e-5 * Math.Max(scale, 1e-2), $"{kind}: max abs diff {maxDiff:E3} against outputs up to {scale:E3}");

        // Saved back through our checkpoint format, the tensors are the module's, bit for bit, under the same keys.
        var saved = SafeTensors.Deserialize(SafeTensors.Serialize(net.StateDict()), out _);
        Assert.Equal(state.Keys.Order(StringComparer.Ordinal), saved.Keys.Order(StringComparer.Ordinal));
        Assert.All(state, p =>
        {
            Assert.Equal(p.Value.Shape, saved[p.Key].Shape);
            Assert.Equal(p.Value.Data, saved[p.Key].Data);
        });
    }

    [Fact]
    public void TheTransformersOwnPositionalTableIsPyTorchs()
    {
        var fx = Load("transformer");
        var torchPe = fx["param.pos_encoder.pe"];
        var ours = NetCatalog.Create(Config("transformer"), seed: 11).StateDict()["pos_encoder.pe"];
        Assert.Equal(torchPe.Shape, ours.Shape);
        var maxDiff = torchPe.Data.Zip(ours.Data, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"pe: max |ours - torch| = {maxDiff:E2}");
        Assert.True(maxDiff < 1e-4, $"pe differs by {maxDiff:E3}");
    }

    private static Dictionary<string, Tensor> Load(string kind)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "fixtures", "models", kind + ".safetensors");
            if (File.Exists(path)) return SafeTensors.Load(path);
        }
        throw new FileNotFoundException($"fixture '{kind}' not found above {AppContext.BaseDirectory}; run /usr/bin/python3 tests/fixtures/models/make_fixtures.py");
    }
}
