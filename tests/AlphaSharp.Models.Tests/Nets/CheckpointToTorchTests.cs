using System.Security.Cryptography;
using AlphaSharp.Models.Nets;
using AlphaSharp.Models.Training;
using AlphaSharp.Nn;
using AlphaSharp.Nn.IO;
using AlphaSharp.Nn.Optim;
using Xunit.Abstractions;

namespace AlphaSharp.Models.Tests.Nets;

/// <summary>
/// Our checkpoint -> PyTorch (the other direction from <see cref="NetParityTests"/>): for lstm, gru, tcn and
/// transformer, a net trained a few Adam steps and saved by <see cref="NeuralModel.Save"/> loads strictly into the
/// PyTorch module it mirrors (tests/fixtures/models/make_fixtures.py), and that module predicts what our loaded model
/// predicts.
/// <para>
/// Fixtures, per kind, both committed so CI needs neither PyTorch nor a write step:
/// <c>ours_&lt;kind&gt;.safetensors</c>, written by this test: the tensors of our <c>model.safetensors</c> under their
/// own (PyTorch) keys, plus <c>in.x</c> (an eval input [B, T, F]) and <c>out.y</c> (our loaded model's eval output);
/// <c>ours_&lt;kind&gt;.torch.safetensors</c>, written by make_ours_to_torch_fixtures.py: <c>out.torch</c> (the
/// PyTorch module's output on <c>in.x</c> after <c>load_state_dict(strict=True)</c> of our tensors) and, in its
/// metadata, the SHA-256 of the checkpoint fixture it read (so a regenerated checkpoint with a stale torch output
/// fails here instead of comparing against another checkpoint's prediction).
/// </para>
/// <para>
/// Regenerate (from the repository root), in this order:
/// <code>
/// ALPHASHARP_WRITE_FIXTURES=1 dotnet test tests/AlphaSharp.Models.Tests -c Release --filter FullyQualifiedName~CheckpointToTorchTests
/// /usr/bin/python3 tests/fixtures/models/make_ours_to_torch_fixtures.py
/// dotnet test tests/AlphaSharp.Models.Tests -c Release --filter FullyQualifiedName~CheckpointToTorchTests
/// </code>
/// </para>
/// <para>
/// Without the variable, the test rebuilds the checkpoint fixture and requires it to equal the committed file byte for
/// byte: the committed checkpoint is provably what our code writes, not a file edited or produced some other way. The
/// rebuild is a short training run, so its bits are those of the kernels the machine that wrote the fixture runs
/// (x64 with AVX2 and FMA). Measured: AVX-512 off (DOTNET_EnableAVX512F=0) or a 512-bit Vector&lt;T&gt; gives the same
/// bytes; without AVX2 (DOTNET_EnableAVX2=0, and so likely on ARM64) values move by up to 2e-7 and this check fails.
/// Its message says whether the layout (keys, shapes) or only values differ, to tell that case from a real change.
/// </para>
/// </summary>
public class CheckpointToTorchTests(ITestOutputHelper output)
{
    private const string WriteVariable = "ALPHASHARP_WRITE_FIXTURES";
    private const ulong NetSeed = 11;
    private const ulong DataSeed = 20240602;
    private const int TrainSteps = 5;
    private const int TrainBatch = 16;
    private const int EvalBatch = 5;
    /// <summary>Large enough that five steps move the weights well past their initial values.</summary>
    private const double LearningRate = 1e-2;

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("tcn")]
    [InlineData("transformer")]
    public void PyTorchPredictsOurValuesFromOurSavedCheckpoint(string kind)
    {
        var rebuilt = BuildCheckpointFixture(kind);
        var path = Path.Combine(FixtureDirectory(), $"ours_{kind}.safetensors");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllBytes(path, rebuilt);
            output.WriteLine($"{kind}: wrote {path} ({rebuilt.Length} bytes); now run /usr/bin/python3 tests/fixtures/models/make_ours_to_torch_fixtures.py");
            return;
        }

        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: missing; regenerate with {WriteVariable}=1 (see {nameof(CheckpointToTorchTests)}'s summary)");
        var committed = File.ReadAllBytes(path);
        AssertSameBytes(kind, committed, rebuilt);

        var torchPath = Path.Combine(FixtureDirectory(), $"ours_{kind}.torch.safetensors");
        if (!File.Exists(torchPath))
            throw new FileNotFoundException($"{torchPath}: missing; run /usr/bin/python3 tests/fixtures/models/make_ours_to_torch_fixtures.py");
        var torch = SafeTensors.Load(torchPath, out var meta);
        Assert.True(meta.TryGetValue("checkpoint_sha256", out var readHash), $"{torchPath}: no checkpoint_sha256 in its metadata");
        Assert.True(readHash == Convert.ToHexStringLower(SHA256.HashData(committed)),
            $"{torchPath} was computed from another version of ours_{kind}.safetensors; rerun make_ours_to_torch_fixtures.py");

        var ours = SafeTensors.Deserialize(committed, out _)["out.y"];
        var theirs = torch["out.torch"];
        Assert.Equal(ours.Shape, theirs.Shape);
        double maxDiff = 0, scale = 0;
        for (var i = 0; i < ours.Numel; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(ours.Data[i] - (double)theirs.Data[i]));
            scale = Math.Max(scale, Math.Abs(ours.Data[i]));
        }
        output.WriteLine($"{kind}: max |ours - torch| = {maxDiff:E2} over outputs up to {scale:F4}");
        Assert.True(maxDiff <= 1e-5 * Math.Max(scale, 1e-2), $"{kind}: PyTorch's output from our checkpoint differs by {maxDiff:E3} against outputs up to {scale:E3}");
    }

    /// <summary>
    /// The checkpoint fixture's bytes: our net from a fixed seed, trained <see cref="TrainSteps"/> Adam steps on seeded
    /// synthetic batches (in training mode, so dropout is drawn too), saved through <see cref="NeuralModel.Save"/> and
    /// loaded back through <see cref="NeuralModel.Load"/> for the eval output, as a user saves and reloads a model.
    /// </summary>
    private byte[] BuildCheckpointFixture(string kind)
    {
        var config = NetParityTests.Config(kind);
        var model = new NeuralModel(config, new TrainerOptions { Seed = NetSeed });
        var data = new Rng(DataSeed);
        var evalX = Uniform(data, EvalBatch, config.Window, config.Features);

        model.Net.Eval();
        var initialY = model.Net.Forward(Copy(evalX));

        model.Net.Train();
        var adam = new Adam(model.Net.Parameters(), LearningRate);
        for (var step = 0; step < TrainSteps; step++)
        {
            var x = Uniform(data, TrainBatch, config.Window, config.Features);
            var target = Uniform(data, TrainBatch, config.Outputs);
            adam.ZeroGrad();
            Losses.Mse(model.Net.Forward(x), target).Backward();
            adam.Step();
        }

        var dir = Path.Combine(Path.GetTempPath(), $"alphasharp-ours-to-torch-{Guid.NewGuid():N}");
        try
        {
            model.Save(dir);
            var checkpoint = SafeTensors.Load(Path.Combine(dir, NeuralModel.WeightsFile));
            var y = NeuralModel.Load(dir).Net.Forward(Copy(evalX));

            // The fixture only shows something if the saved weights are trained ones: the output must have moved.
            var moved = y.Data.Zip(initialY.Data, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(moved > 1e-3 * Math.Max(1e-2, y.Data.Max(Math.Abs)), $"{kind}: training moved the output by only {moved:E2}");

            Assert.DoesNotContain("in.x", checkpoint.Keys);
            Assert.DoesNotContain("out.y", checkpoint.Keys);
            var tensors = new Dictionary<string, Tensor>(checkpoint, StringComparer.Ordinal) { ["in.x"] = evalX, ["out.y"] = y };
            output.WriteLine($"{kind}: checkpoint of {checkpoint.Count} tensors, output moved by {moved:E2} in training");
            return SafeTensors.Serialize(tensors, new Dictionary<string, string> { ["kind"] = kind, ["written_by"] = nameof(CheckpointToTorchTests) });
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    /// <summary>Uniform in [-1, 1): integer arithmetic and one float multiply, so the draws are the same bits anywhere.</summary>
    private static Tensor Uniform(Rng rng, params int[] shape)
    {
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++) values[i] = 2 * rng.NextFloat() - 1;
        return new Tensor(values, shape);
    }

    private static Tensor Copy(Tensor t) => new((float[])t.Data.Clone(), t.Shape);

    /// <summary>Byte equality, with a message that tells a layout change (keys, shapes, header) from changed values.</summary>
    private static void AssertSameBytes(string kind, byte[] committed, byte[] rebuilt)
    {
        if (committed.AsSpan().SequenceEqual(rebuilt)) return;
        var a = SafeTensors.Deserialize(committed, out var metaA);
        var b = SafeTensors.Deserialize(rebuilt, out var metaB);
        var keysA = a.Keys.Order(StringComparer.Ordinal).ToList();
        var keysB = b.Keys.Order(StringComparer.Ordinal).ToList();
        if (!keysA.SequenceEqual(keysB))
            Assert.Fail($"{kind}: the checkpoint's keys changed: committed has [{string.Join(", ", keysA.Except(keysB))}] that ours lacks, ours has [{string.Join(", ", keysB.Except(keysA))}]");
        var shapes = keysA.Where(k => !a[k].Shape.SequenceEqual(b[k].Shape)).ToList();
        if (shapes.Count > 0)
            Assert.Fail($"{kind}: shapes changed for {string.Join(", ", shapes.Select(k => $"{k} {a[k].ShapeString} -> {b[k].ShapeString}"))}");
        // The fixtures were written on x64 with AVX2 and FMA, where every machine of this project's family gives the same
        // bits. Elsewhere the kernels round differently and Adam magnifies that in parameters whose gradient is noise
        // (attention's key bias, which softmax ignores), so there the layout stays exact and the output must agree.
        if (!(System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported))
        {
            var (ya, yb) = (a["out.y"].Data, b["out.y"].Data);
            var scale = Math.Max(1e-2, ya.Max(Math.Abs));
            Assert.True(ya.Zip(yb, (x, y) => Math.Abs(x - y)).Max() <= 1e-5 * scale, $"{kind}: the rebuilt checkpoint's output differs from the committed one's");
            return;
        }
        var values = keysA.Select(k => (Key: k, Max: a[k].Data.Zip(b[k].Data, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max()))
            .Where(d => d.Max > 0 || a[d.Key].Data.Zip(b[d.Key].Data).Any(p => BitConverter.SingleToInt32Bits(p.First) != BitConverter.SingleToInt32Bits(p.Second)))
            .Select(d => $"{d.Key} by up to {d.Max:E2}").ToList();
        Assert.Fail(values.Count > 0
            ? $"{kind}: same layout, values differ: {string.Join("; ", values)} (another machine's floating point, or a change in init/training/save; regenerate if intended)"
            : $"{kind}: same tensors, other header or metadata bytes ({string.Join(",", metaA)} vs {string.Join(",", metaB)})");
    }

    internal static string FixtureDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "fixtures", "models");
            if (Directory.Exists(path)) return path;
        }
        throw new DirectoryNotFoundException($"tests/fixtures/models not found above {AppContext.BaseDirectory}");
    }
}
