using AlphaSharp.Nn.IO;

namespace AlphaSharp.Nn.Tests.Support;

/// <summary>
/// PyTorch reference fixtures: tests/fixtures/torch/&lt;name&gt;.safetensors, written by make_fixtures.py and
/// committed. Found by walking up from the test binary's folder to the repository.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> Dir = new(FindDir);

    public static string Directory => Dir.Value;

    public static Dictionary<string, Tensor> Load(string name)
    {
        var path = Path.Combine(Directory, name + ".safetensors");
        if (!File.Exists(path))
            throw new FileNotFoundException($"fixture '{name}' is missing at {path}; run /usr/bin/python3 tests/fixtures/torch/make_fixtures.py", path);
        return SafeTensors.Load(path);
    }

    private static string FindDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "torch");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/fixtures/torch not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The tensor stored under <paramref name="key"/>, with a message naming the fixture key when absent.</summary>
    public static Tensor Get(this Dictionary<string, Tensor> fx, string key)
        => fx.TryGetValue(key, out var t) ? t : throw new KeyNotFoundException($"fixture has no tensor '{key}' (has: {string.Join(", ", fx.Keys.Order())})");
}
