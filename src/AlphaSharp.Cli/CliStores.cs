using AlphaSharp.Data;

namespace AlphaSharp.Cli;

/// <summary>How every data verb opens its input store: the one given with --store, else the shipped one.</summary>
public static class CliStores
{
    /// <summary>Loads <paramref name="storeDir"/>, or the shipped store when it is null; Source names the directory used.</summary>
    public static (MarketData Data, string Source) Load(string? storeDir) => EmbeddedData.Load(storeDir);
}
