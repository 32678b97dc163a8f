using System.Globalization;
using System.Security.Cryptography;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Nets.AlphaNet;
using AlphaSharp.Nn;
using AlphaSharp.Nn.IO;
using Xunit.Abstractions;

namespace AlphaSharp.Models.Tests.Nets.AlphaNet;

/// <summary>
/// AlphaNetV4's forward against a PyTorch build of the same network (tests/fixtures/models/make_alphanet_v4_fixture.py:
/// the operator layers written with torch.unfold, nn.BatchNorm1d, nn.LSTM(bidirectional), nn.TransformerEncoder, the
/// attention read-out and LeakyReLU), loading our tensors with load_state_dict(strict=True).
/// <para>
/// Fixtures: <c>ours_alphanet_v4.safetensors</c>, written by this test: our network's state (seeded initial weights,
/// Spearman's channels chosen on a seeded batch, batch-norm running statistics set to seeded values so eval mode
/// normalises for real) and <c>in.x</c>; <c>ours_alphanet_v4.torch.safetensors</c>, written by the script:
/// <c>out.torch</c> and the checkpoint's SHA-256. Regenerate, from the repository root:
/// <code>
/// ALPHASHARP_WRITE_FIXTURES=1 dotnet test tests/AlphaSharp.Models.Tests -c Release --filter FullyQualifiedName~AlphaNetV4TorchTests
/// /usr/bin/python3 tests/fixtures/models/make_alphanet_v4_fixture.py
/// </code>
/// Without the variable the test rebuilds the checkpoint, requires the committed one to hold the same tensors, and
/// compares our eval output on <c>in.x</c> with PyTorch's.
/// </para>
/// </summary>
public class AlphaNetV4TorchTests(ITestOutputHelper output)
{
    private const string WriteVariable = "ALPHASHARP_WRITE_FIXTURES";
    private const int Inputs = 4, Batch = 6;

    internal static NetConfig Config(int[]? kept) => new()
    {
        Kind = "alphanet_v4", Features = Inputs, Window = 24, Dropout = 0.2f,
        AlphaNet = new AlphaNetSettings { Steps = 8, Windows = [10, 5, 17], Kept = kept },
    };

    [Fact]
    public void PyTorch_computes_our_forward_from_our_checkpoint()
    {
        var (net, x) = Build();
        var state = new Dictionary<string, Tensor>(net.StateDict(), StringComparer.Ordinal) { ["in.x"] = x };
        var meta = new Dictionary<string, string>
        {
            ["inputs"] = Inputs.ToString(CultureInfo.InvariantCulture),
            ["window"] = net.Config.Window.ToString(CultureInfo.InvariantCulture),
            ["steps"] = net.Config.AlphaNet.Steps.ToString(CultureInfo.InvariantCulture),
            ["windows"] = string.Join(",", net.Config.AlphaNet.Windows),
            ["kept"] = string.Join(",", net.Config.AlphaNet.Kept!),
        };
        var bytes = SafeTensors.Serialize(state, meta);
        var path = Path.Combine(FixtureDirectory(), "ours_alphanet_v4.safetensors");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllBytes(path, bytes);
            output.WriteLine($"wrote {path}: {state.Count} tensors, kept {meta["kept"]}; now run /usr/bin/python3 tests/fixtures/models/make_alphanet_v4_fixture.py");
            return;
        }

        var committed = SafeTensors.Load(path, out var committedMeta);
        Assert.Equal(meta["kept"], committedMeta["kept"]);
        Assert.Equal(state.Keys.Order(StringComparer.Ordinal), committed.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, t) in state)
        {
            Assert.Equal(t.Shape, committed[key].Shape);
            var diff = t.Data.Zip(committed[key].Data, (a, b) => Math.Abs(a - b)).DefaultIfEmpty(0).Max();
            Assert.True(diff <= 1e-6f, $"{key}: the rebuilt tensor differs from the committed one by {diff:E2}");
        }

        var torchPath = Path.Combine(FixtureDirectory(), "ours_alphanet_v4.torch.safetensors");
        var torch = SafeTensors.Load(torchPath, out var torchMeta);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), torchMeta["checkpoint_sha256"]);
        net.Eval();
        Tensor ours;
        using (Autograd.NoGrad()) ours = net.Forward(x);
        var theirs = torch["out.torch"];
        Assert.Equal(ours.Shape, theirs.Shape);
        var maxDiff = ours.Data.Zip(theirs.Data, (a, b) => Math.Abs(a - (double)b)).Max();
        var scale = ours.Data.Max(v => Math.Abs(v));
        output.WriteLine($"V4 ({net.Channels} kept channels): max |ours - torch| = {maxDiff:E2} over outputs up to {scale:F4}");
        Assert.True(scale > 1e-3, "the outputs are too close to zero to show anything");
        Assert.True(maxDiff <= 2e-5 * Math.Max(scale, 1e-2), $"PyTorch's output differs by {maxDiff:E3} against outputs up to {scale:E3}");
    }

    /// <summary>Our V4 from seed 11, its channels chosen by Spearman dropout on a seeded batch, its norms' running statistics seeded.</summary>
    private static (AlphaNetV4 Net, Tensor X) Build()
    {
        var rng = new Rng(20240917);
        var first = Prices(rng, 64);
        var probe = (AlphaNetV4)NetCatalog.Create(Config(null), 11);
        var config = probe.Prefit(first);
        var net = (AlphaNetV4)NetCatalog.Create(config, 11);
        foreach (var (name, t) in net.StateDict())
        {
            if (name.EndsWith("running_mean", StringComparison.Ordinal)) for (var i = 0; i < t.Numel; i++) t.Data[i] = 0.5f * (2 * rng.NextFloat() - 1);
            if (name.EndsWith("running_var", StringComparison.Ordinal)) for (var i = 0; i < t.Numel; i++) t.Data[i] = 0.5f + rng.NextFloat();
        }
        return (net, Prices(rng, Batch));
    }

    /// <summary>Positive, price-like series (so ts_return is tame): a random walk per sample and input.</summary>
    private static Tensor Prices(Rng rng, int batch)
    {
        const int days = 24;
        var x = new float[batch * days * Inputs];
        for (var b = 0; b < batch; b++)
            for (var f = 0; f < Inputs; f++)
            {
                var level = 1f + f;
                for (var t = 0; t < days; t++)
                {
                    level *= 1 + 0.05f * (2 * rng.NextFloat() - 1);
                    x[(b * days + t) * Inputs + f] = level;
                }
            }
        return new Tensor(x, batch, days, Inputs);
    }

    private static string FixtureDirectory() => CheckpointToTorchTests.FixtureDirectory();
}
