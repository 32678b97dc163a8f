namespace AlphaSharp.Data;

/// <summary>
/// Whether a stock traded on a day. Suspended days are stored as flat fills with volume 0, and days before listing or
/// after delisting have no row (NaN): neither is a trading day for that stock.
/// </summary>
public static class Tradability
{
    public const string VolumeField = "volume";

    public static bool IsTradable(Panel panel, int t, int instrument)
    {
        var volume = panel[VolumeField, t, instrument];
        return volume > 0; // false for 0 and for NaN
    }

    /// <summary>Instrument-major mask like the panel: mask[i * T + t].</summary>
    public static bool[] Mask(Panel panel)
    {
        var volume = panel.Field(VolumeField);
        var mask = new bool[volume.Length];
        for (var k = 0; k < volume.Length; k++) mask[k] = volume[k] > 0;
        return mask;
    }
}
