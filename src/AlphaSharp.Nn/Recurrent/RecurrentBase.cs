using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn;

/// <summary>
/// What RNN, LSTM and GRU share (PyTorch's RNNBase): hyper-parameters, parameters registered in PyTorch's order
/// and names (weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}, with the suffix _reverse for the
/// backward direction), PyTorch's default initialisation uniform(-1/sqrt(hidden_size), 1/sqrt(hidden_size)),
/// and the call into the fused stack.
/// </summary>
public abstract class RecurrentBase : Module
{
    private readonly Tensor[] _flatWeights;

    private protected RecurrentBase(RecurrentSpec spec, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        spec.Validate();
        Spec = spec;
        var gatesH = spec.Kind.Gates() * spec.HiddenSize;
        var bound = 1f / MathF.Sqrt(spec.HiddenSize);
        var flat = new List<Tensor>();
        for (var l = 0; l < spec.NumLayers; l++)
            for (var d = 0; d < spec.Directions; d++)
            {
                var suffix = $"_l{l}" + (d == 1 ? "_reverse" : "");
                flat.Add(RegisterParameter("weight_ih" + suffix, Tensor.Uniform(rng, -bound, bound, gatesH, spec.LayerInputSize(l))));
                flat.Add(RegisterParameter("weight_hh" + suffix, Tensor.Uniform(rng, -bound, bound, gatesH, spec.HiddenSize)));
                if (!spec.Bias) continue;
                flat.Add(RegisterParameter("bias_ih" + suffix, Tensor.Uniform(rng, -bound, bound, gatesH)));
                flat.Add(RegisterParameter("bias_hh" + suffix, Tensor.Uniform(rng, -bound, bound, gatesH)));
            }
        _flatWeights = [.. flat];
        DropoutRng = rng.Split();
    }

    public RecurrentSpec Spec { get; }
    public int InputSize => Spec.InputSize;
    public int HiddenSize => Spec.HiddenSize;
    public int NumLayers => Spec.NumLayers;
    public bool Bias => Spec.Bias;
    public bool BatchFirst => Spec.BatchFirst;
    public float Dropout => Spec.Dropout;
    public bool Bidirectional => Spec.Bidirectional;

    /// <summary>
    /// Draws the masks of the dropout between layers (training mode, dropout &gt; 0, more than one layer). Split from
    /// the construction generator by default; replace it to pin the masks of one call.
    /// </summary>
    public Rng? DropoutRng { get; set; }

    /// <summary>The parameters in PyTorch's _flat_weights order.</summary>
    public IReadOnlyList<Tensor> FlatWeights => _flatWeights;

    private protected (Tensor Output, Tensor Hn, Tensor? Cn) RunStack(Tensor x, Tensor? h0, Tensor? c0)
    {
        ArgumentNullException.ThrowIfNull(x);
        return RecurrentStack.Forward(Spec, x, h0, c0, _flatWeights, Training, DropoutRng);
    }
}
