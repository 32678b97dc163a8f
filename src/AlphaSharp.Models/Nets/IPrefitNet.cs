using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets;

/// <summary>
/// A network whose layers depend on its first training batch (AlphaNet V4's Spearman dropout fixes its channels
/// there). The model asks once before fitting and rebuilds the network from the returned config, which records the
/// choice, so a saved network loads with the same layers.
/// </summary>
public interface IPrefitNet
{
    bool NeedsPrefit { get; }

    /// <summary>The config to build the fitted network from, decided on <paramref name="firstBatch"/> (the trainer's first shuffled batch).</summary>
    NetConfig Prefit(Tensor firstBatch);
}
