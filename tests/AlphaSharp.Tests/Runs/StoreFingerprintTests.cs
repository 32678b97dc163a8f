using System.Security.Cryptography;
using System.Text;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Runs;

public sealed class StoreFingerprintTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "alphasharp-fingerprint-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void TheFingerprintIsTheSha256OfEachFilesNameLengthAndBytesInNameOrder()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllText(Path.Combine(_dir, "b.f32"), "bb");
        File.WriteAllText(Path.Combine(_dir, "sub", "a.json"), "{}");
        var want = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("b.f32\n2\nbbsub/a.json\n2\n{}")));
        Assert.Equal(want, StoreFingerprint.Of(_dir));
        File.WriteAllText(Path.Combine(_dir, "b.f32"), "bc");
        Assert.NotEqual(want, StoreFingerprint.Of(_dir));
    }
}
