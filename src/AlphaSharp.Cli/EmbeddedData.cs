using AlphaSharp.Common;
using AlphaSharp.Data;

namespace AlphaSharp.Cli;

/// <summary>
/// Finds the shipped CSI 300 store: the directory named by <c>ALPHASHARP_DATA</c>, else the first
/// <c>data/cn_csi300/manifest.json</c> found walking up from the program's directory, then from the current
/// directory. A clone carries the store in <c>data/</c>, so it works with no network and no other checkout.
/// </summary>
public static class EmbeddedData
{
    public const string EnvironmentVariable = "ALPHASHARP_DATA";
    public static readonly string RelativePath = Path.Combine("data", "cn_csi300");

    public static string Locate() =>
        TryLocate(out var dir, out var why) ? dir : throw new InputException(why);

    public static bool TryLocate(out string dir, out string why)
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            dir = Path.GetFullPath(fromEnv);
            why = $"{EnvironmentVariable}={fromEnv}: no {StoreManifest.FileName} there; point it at a store directory or unset it";
            return File.Exists(Path.Combine(dir, StoreManifest.FileName));
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, RelativePath);
                if (File.Exists(Path.Combine(candidate, StoreManifest.FileName)))
                {
                    dir = candidate;
                    why = "";
                    return true;
                }
            }
        }
        dir = "";
        why = $"no shipped dataset found: looked for {Path.Combine(RelativePath, StoreManifest.FileName)} above {AppContext.BaseDirectory} " +
              $"and above {Directory.GetCurrentDirectory()}; pass --store DIR or set {EnvironmentVariable}";
        return false;
    }

    /// <summary>Loads <paramref name="storeDir"/>, or the shipped store when it is null; Source says which.</summary>
    public static (MarketData Data, string Source) Load(string? storeDir)
    {
        var dir = storeDir ?? Locate();
        return (MarketStore.Load(dir), dir);
    }
}
