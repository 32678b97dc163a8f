using AlphaSharp.Data;

namespace AlphaSharp.Tests.Data;

/// <summary>
/// The store shipped in data/cn_csi300, found the way the CLI finds it (ALPHASHARP_DATA, else walking up from the
/// test binaries), loaded once for all tests that read real data.
/// </summary>
internal static class ShippedStore
{
    private static readonly Lazy<MarketData> Loaded = new(() => MarketStore.Load(Dir));

    public static string Dir
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("ALPHASHARP_DATA");
            if (!string.IsNullOrWhiteSpace(env)) return env;
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "data", "cn_csi300");
                if (File.Exists(Path.Combine(candidate, "manifest.json"))) return candidate;
            }
            throw new InvalidOperationException("data/cn_csi300/manifest.json not found above " + AppContext.BaseDirectory);
        }
    }

    public static MarketData Data => Loaded.Value;
}
