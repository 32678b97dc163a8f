using AlphaSharp.Nn.IO;
using AlphaSharp.Nn.Tests.Support;

namespace AlphaSharp.Nn.Tests.IO;

public class SafeTensorsTests
{
    [Fact]
    public void RoundTripKeepsNamesShapesBitsAndMetadata()
    {
        var rng = new Rng(3);
        var tensors = new Dictionary<string, Tensor>
        {
            ["layer.weight"] = Tensor.Normal(rng, 0, 1, 3, 5),
            ["layer.bias"] = Tensor.Normal(rng, 0, 1, 5),
            ["scalar"] = new Tensor([float.NegativeInfinity]),
            ["empty"] = Tensor.Zeros(0, 4),
            ["odd"] = Tensor.From([float.NaN, 1e-38f, -0f]),
        };
        var path = Path.Combine(Path.GetTempPath(), $"st-roundtrip-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });
            var back = SafeTensors.Load(path, out var meta);
            Assert.Equal("pt", meta["format"]);
            Assert.Equal(tensors.Keys.Order(), back.Keys.Order());
            foreach (var (name, t) in tensors)
            {
                Assert.Equal(t.Shape, back[name].Shape);
                Assert.True(MemoryMarshalEqual(t.Data, back[name].Data), $"{name}: bits changed");
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void HeaderIsEightByteAlignedAndDataFollowsIt()
    {
        var bytes = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["a"] = Tensor.From([1f, 2f]) });
        var headerLen = BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0UL, headerLen % 8);
        Assert.Equal(8 + (int)headerLen + 8, bytes.Length);
        Assert.Equal(1f, BitConverter.ToSingle(bytes, 8 + (int)headerLen));
        Assert.Equal(2f, BitConverter.ToSingle(bytes, 12 + (int)headerLen));
    }

    [Fact]
    public void ReadsPythonWrittenDtypes()
    {
        var fx = Fixtures.Load("core_st_dtypes");
        Assert.Equal(new[] { 2, 3 }, fx["f32"].Shape);
        Assert.Equal(new[] { 1.5f, -2.25f, 3f, 0.125f, 7f, -0.5f }, fx["f32"].Data);
        Assert.Equal(new[] { 0.1f, -1e-3f, 12345.5f }, fx["f64"].Data);
        Assert.Equal(new[] { 3f, 0f, -7f, 2f }, fx["i64"].Data);
        Assert.Equal(new[] { 1f, 0f, 0f, 1f }, fx["boolmask"].Data);
        Assert.Empty(fx["scalar"].Shape);
        Assert.Equal(2.5f, fx["scalar"].Item());
    }

    [Fact]
    public void WritesTheSameBytesAsThePythonWriterSoPyTorchReadsOurCheckpoints()
    {
        // core_mlp_state was written from a PyTorch state_dict by st.py; re-serialising what we read must give
        // the identical file, header and data alike.
        var path = Path.Combine(Fixtures.Directory, "core_mlp_state.safetensors");
        var ours = SafeTensors.Serialize(SafeTensors.Load(path));
        Assert.Equal(File.ReadAllBytes(path), ours);
    }

    [Fact]
    public void CorruptFilesFailWithAClearMessage()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Deserialize(new byte[] { 1, 2, 3 }, out _));
        Assert.Contains("8-byte", ex.Message);
        var bytes = SafeTensors.Serialize(new Dictionary<string, Tensor> { ["a"] = Tensor.From([1f, 2f]) });
        ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Deserialize(bytes.AsSpan(0, bytes.Length - 4), out _));
        Assert.Contains("'a'", ex.Message);
    }

    private static bool MemoryMarshalEqual(float[] a, float[] b)
        => System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.AsSpan()));
}
