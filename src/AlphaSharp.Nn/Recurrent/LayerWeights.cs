namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// One layer-direction's weights as PyTorch stores them: W_ih (gates*H x input), W_hh (gates*H x H) and the two
/// biases (gates*H each), or no biases at all (bias=False).
/// </summary>
internal readonly record struct LayerWeights(float[] WIh, float[] WHh, float[]? BIh, float[]? BHh);

/// <summary>Where one layer-direction's weight gradients go; a null array is a weight that needs no gradient.</summary>
internal readonly record struct LayerGrads(float[]? WIh, float[]? WHh, float[]? BIh, float[]? BHh);
