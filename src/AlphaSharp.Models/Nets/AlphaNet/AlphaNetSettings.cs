using AlphaSharp.Common;

namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>
/// The settings of the AlphaNet family beyond <see cref="NetConfig"/>'s shared ones. Zero or empty means the
/// published value of the kind (see each network). <see cref="Kept"/> is not a setting but what V4's Spearman dropout
/// chose on its first training batch, saved with the network so a checkpoint rebuilds the same layers.
/// </summary>
public sealed record AlphaNetSettings
{
    /// <summary>Operator windows d, in days: V4's first is its primary image (Bi-LSTM), the rest its auxiliary ones.</summary>
    public int[] Windows { get; init; } = [];
    /// <summary>Days between two windows (V1 10; V2 5; V3 10 and 5, one per branch; V4 1).</summary>
    public int[] Strides { get; init; } = [];
    /// <summary>V4: the steps of every image (20 in the paper).</summary>
    public int Steps { get; init; }
    /// <summary>V4: Spearman dropout's threshold (0.8); 1 keeps every channel that is not constant.</summary>
    public double Spearman { get; init; } = SpearmanDropout.PaperThreshold;
    /// <summary>V4: the auxiliary images through Transformer encoders added to the Bi-LSTM (the paper's residual optimisation).</summary>
    public bool Transformer { get; init; } = true;
    /// <summary>V4: attention over the steps; off, the last step is read.</summary>
    public bool Attention { get; init; } = true;
    /// <summary>V4: the extraction channels Spearman dropout kept; null until the first fit.</summary>
    public int[]? Kept { get; init; }

    public void Validate()
    {
        if (Windows.Any(w => w < 2)) throw new SettingException($"{new SettingName("windows")}: {string.Join(",", Windows)} holds a window below the 2 days the moments need");
        if (Strides.Any(s => s < 1)) throw new SettingException($"{new SettingName("strides")}: {string.Join(",", Strides)} holds a step below 1 day");
        if (Steps < 0) throw new SettingException($"{new SettingName("steps")}: {Steps} is not a sequence length");
        if (!(Spearman > 0 && Spearman <= 1)) throw new SettingException($"{new SettingName("spearman")}: {Spearman} is not a correlation threshold in (0, 1]");
    }
}
