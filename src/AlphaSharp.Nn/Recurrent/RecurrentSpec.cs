namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// The hyper-parameters of a recurrent stack, named as PyTorch names them; <see cref="Activation"/> (an LSTM's
/// candidate and cell-output function, Keras's <c>activation</c>) is the one PyTorch does not have.
/// </summary>
public sealed record RecurrentSpec(string Name, CellKind Kind, int InputSize, int HiddenSize, int NumLayers,
    bool Bias, bool BatchFirst, float Dropout, bool Bidirectional, CellActivation Activation = CellActivation.Tanh)
{
    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>Features entering layer <paramref name="layer"/>: input_size, then the previous layer's D x H.</summary>
    public int LayerInputSize(int layer) => layer == 0 ? InputSize : Directions * HiddenSize;

    /// <summary>Tensors per layer-direction in PyTorch's flat order: w_ih, w_hh, then b_ih, b_hh when biased.</summary>
    public int TensorsPerLayer => Bias ? 4 : 2;

    /// <summary>Throws one ArgumentException naming the first bad hyper-parameter.</summary>
    public void Validate()
    {
        if (InputSize <= 0) throw new ArgumentException($"{Name}: input_size must be positive, got {InputSize}");
        if (HiddenSize <= 0) throw new ArgumentException($"{Name}: hidden_size must be positive, got {HiddenSize}");
        if (NumLayers <= 0) throw new ArgumentException($"{Name}: num_layers must be positive, got {NumLayers}");
        if (!(Dropout >= 0f && Dropout <= 1f))
            throw new ArgumentException($"{Name}: dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got {Dropout}");
        if (!Enum.IsDefined(Activation))
            throw new ArgumentException($"{Name}: unknown activation {(int)Activation}; use Tanh, Relu or Linear");
        if (Activation != CellActivation.Tanh && Kind != CellKind.Lstm)
            throw new ArgumentException($"{Name}: activation {Activation} applies to LSTM cells only; {Name} uses its own nonlinearity");
    }
}
