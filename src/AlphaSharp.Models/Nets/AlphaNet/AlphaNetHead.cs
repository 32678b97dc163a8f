using AlphaSharp.Nn;

namespace AlphaSharp.Models.Nets.AlphaNet;

/// <summary>What the AlphaNet family shares around its extraction: the output layer's initialisation and setting reads.</summary>
internal static class AlphaNetHead
{
    /// <summary>
    /// The output layer, Keras' Dense with kernel_initializer="truncated_normal" as every AlphaNet publishes it
    /// (Keras' default: std 0.05 cut at two std) and a zero bias.
    /// </summary>
    public static Linear Output(int inputs, int outputs, Rng rng)
    {
        var layer = new Linear(inputs, outputs, rng);
        Init.TruncNormal(layer.Weight, rng, 0, 0.05, -0.1, 0.1);
        Init.Constant(layer.Bias!, 0);
        return layer;
    }

    public static int[] Or(int[] values, params int[] published) => values.Length > 0 ? values : published;
}
