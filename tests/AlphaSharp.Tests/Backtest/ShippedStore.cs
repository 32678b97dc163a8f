using AlphaSharp.Backtest;
using AlphaSharp.Data;

namespace AlphaSharp.Tests.Backtest;

/// <summary>The shipped CSI 300 store (data/cn_csi300 above the test binaries), loaded once and shared by the real-data tests.</summary>
internal static class ShippedStore
{
    private static readonly Lazy<MarketView> View = new(() => MarketView.From(MarketStore.Load(Locate())));

    public static MarketView Market => View.Value;

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "cn_csi300");
            if (File.Exists(Path.Combine(candidate, "manifest.json"))) return candidate;
        }
        throw new DirectoryNotFoundException($"data/cn_csi300 not found above {AppContext.BaseDirectory}");
    }
}
