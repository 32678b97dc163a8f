namespace AlphaSharp.Nn;

/// <summary>
/// torch.nn.Sequential: runs single-input modules in order. Children are named "0", "1", ... so state_dict keys
/// match PyTorch's ("0.weight", "2.bias").
/// </summary>
public sealed class Sequential : Module, IUnaryModule
{
    private readonly List<IUnaryModule> _layers = [];

    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers) Append(layer);
    }

    public int Count => _layers.Count;

    public Module this[int index] => (Module)_layers[index];

    /// <summary>Adds a module at the end; it must take one tensor and return one (<see cref="IUnaryModule"/>).</summary>
    public Sequential Append(Module layer)
    {
        if (layer is not IUnaryModule unary)
            throw new ArgumentException($"Sequential: {layer.GetType().Name} is not a single-input module (IUnaryModule)");
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(unary);
        return this;
    }

    public Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }
}
