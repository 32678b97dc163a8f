namespace AlphaSharp.Nn;

/// <summary>
/// A layer or model, PyTorch's nn.Module in shape: it owns named parameters, buffers and child modules, and its
/// state_dict keys follow PyTorch's (<c>lstm.weight_ih_l0</c>, <c>bn.running_mean</c>) so checkpoints cross over.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Value)> _parameters = [];
    private readonly List<(string Name, Tensor Value)> _buffers = [];
    private readonly List<(string Name, Module Value)> _children = [];

    /// <summary>True in training mode (dropout active, batch norm uses batch statistics).</summary>
    public bool Training { get; private set; } = true;

    protected Tensor RegisterParameter(string name, Tensor value)
    {
        value.RequiresGrad = true;
        value.Name = name;
        _parameters.Add((name, value));
        return value;
    }

    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        value.RequiresGrad = false;
        _buffers.Add((name, value));
        return value;
    }

    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        _children.Add((name, module));
        return module;
    }

    public IEnumerable<(string Name, Module Module)> Children => _children;

    public IEnumerable<(string Name, Tensor Value)> NamedParameters(string prefix = "")
    {
        foreach (var (n, p) in _parameters) yield return (prefix + n, p);
        foreach (var (n, m) in _children)
            foreach (var item in m.NamedParameters(prefix + n + ".")) yield return item;
    }

    public IEnumerable<(string Name, Tensor Value)> NamedBuffers(string prefix = "")
    {
        foreach (var (n, b) in _buffers) yield return (prefix + n, b);
        foreach (var (n, m) in _children)
            foreach (var item in m.NamedBuffers(prefix + n + ".")) yield return item;
    }

    public IReadOnlyList<Tensor> Parameters() => NamedParameters().Select(p => p.Value).ToList();

    public long ParameterCount() => NamedParameters().Sum(p => (long)p.Value.Numel);

    public Module Train(bool on = true)
    {
        Training = on;
        foreach (var (_, m) in _children) m.Train(on);
        return this;
    }

    public Module Eval() => Train(false);

    public void ZeroGrad()
    {
        foreach (var (_, p) in NamedParameters()) p.ZeroGrad();
    }

    /// <summary>Parameters and buffers by PyTorch key. Values are shared, not copied.</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var d = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (n, p) in NamedParameters()) d[n] = p;
        foreach (var (n, b) in NamedBuffers()) d[n] = b;
        return d;
    }

    /// <summary>
    /// Copies values in by key. Strict: a missing key, an unexpected key or a shape mismatch is an error that
    /// names the key, as PyTorch's load_state_dict(strict=True) does.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = StateDict();
        foreach (var (key, target) in own)
        {
            if (!state.TryGetValue(key, out var source))
            {
                if (strict) throw new ArgumentException($"load_state_dict: missing key '{key}'");
                continue;
            }
            if (!target.SameShape(source))
                throw new ArgumentException($"load_state_dict: '{key}' has shape {source.ShapeString}, the module expects {target.ShapeString}");
            Array.Copy(source.Data, target.Data, target.Numel);
        }
        if (strict)
            foreach (var key in state.Keys)
                if (!own.ContainsKey(key)) throw new ArgumentException($"load_state_dict: unexpected key '{key}'");
    }
}
