namespace AlphaSharp.Nn.Optim;

/// <summary>
/// Base of the optimizers: a list of parameters, a learning rate that schedulers set, and per-parameter state
/// arrays allocated on first use. Parameters without a gradient are skipped, as in PyTorch.
/// </summary>
public abstract class Optimizer
{
    private readonly Tensor[] _params;

    protected Optimizer(IEnumerable<Tensor> parameters, double lr, string name)
    {
        _params = parameters.ToArray();
        if (_params.Length == 0) throw new ArgumentException($"{name}: the parameter list is empty");
        if (!(lr >= 0)) throw new ArgumentException($"{name}: learning rate must be non-negative, got {lr}");
        LearningRate = lr;
        InitialLearningRate = lr;
    }

    public IReadOnlyList<Tensor> Parameters => _params;

    /// <summary>The rate the next <see cref="Step"/> uses (schedulers write it).</summary>
    public double LearningRate { get; set; }

    /// <summary>The rate the optimizer was made with (PyTorch's initial_lr, the base of schedules).</summary>
    public double InitialLearningRate { get; }

    /// <summary>Steps taken so far.</summary>
    public int StepCount { get; private set; }

    public void Step()
    {
        StepCount++;
        for (var i = 0; i < _params.Length; i++)
        {
            var p = _params[i];
            if (p.Grad is null) continue;
            Update(i, p.Data, p.Grad);
        }
    }

    /// <summary>Updates one parameter in place from its gradient; <paramref name="index"/> keys its state.</summary>
    protected abstract void Update(int index, float[] param, float[] grad);

    /// <summary>Zeroes every gradient (PyTorch 1.13's zero_grad(set_to_none=False)).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _params) p.ZeroGrad();
    }

    /// <summary>A zeroed state array for parameter <paramref name="index"/>, made once and then reused.</summary>
    protected float[] State(float[]?[] slots, int index) => slots[index] ??= new float[_params[index].Numel];

    private readonly List<(string Name, float[]?[] Slots)> _slots = [];
    private readonly List<(string Name, int[] Counts)> _counters = [];

    /// <summary>One state array per parameter, made on first use, saved under <paramref name="name"/> by <see cref="StateDict"/>.</summary>
    protected float[]?[] NewSlots(string name)
    {
        var slots = new float[]?[_params.Length];
        _slots.Add((name, slots));
        return slots;
    }

    /// <summary>One counter per parameter (as PyTorch's per-parameter state['step']), saved like the slots.</summary>
    protected int[] NewCounters(string name)
    {
        var counts = new int[_params.Length];
        _counters.Add((name, counts));
        return counts;
    }

    /// <summary>
    /// Everything <see cref="Step"/> will read besides the parameters, as named arrays (<c>exp_avg.3</c> is parameter
    /// 3's first moment; <c>step</c> the step count; counters as floats, exact below 2^24 steps), so a checkpoint can
    /// restore an optimizer to continue exactly where it stopped. The learning rate belongs to its schedule.
    /// </summary>
    public Dictionary<string, float[]> StateDict()
    {
        var state = new Dictionary<string, float[]>(StringComparer.Ordinal) { ["step"] = [StepCount] };
        foreach (var (name, slots) in _slots)
            for (var i = 0; i < slots.Length; i++)
                if (slots[i] is { } a) state[$"{name}.{i}"] = (float[])a.Clone();
        foreach (var (name, counts) in _counters) state[name] = counts.Select(c => (float)c).ToArray();
        return state;
    }

    /// <summary>Restores what <see cref="StateDict"/> saved from an optimizer over the same parameters; anything else is an error.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, float[]> state)
    {
        if (!state.TryGetValue("step", out var step) || step.Length != 1) throw new ArgumentException("optimizer state: no 'step'");
        var known = new HashSet<string>(StringComparer.Ordinal) { "step" };
        foreach (var (name, slots) in _slots)
            for (var i = 0; i < slots.Length; i++)
            {
                var key = $"{name}.{i}";
                if (!state.TryGetValue(key, out var a)) { slots[i] = null; continue; }
                if (a.Length != _params[i].Numel) throw new ArgumentException($"optimizer state: {key} has {a.Length} values, parameter {i} has {_params[i].Numel}");
                slots[i] = (float[])a.Clone();
                known.Add(key);
            }
        foreach (var (name, counts) in _counters)
        {
            if (!state.TryGetValue(name, out var c) || c.Length != counts.Length) throw new ArgumentException($"optimizer state: '{name}' missing or of the wrong length");
            for (var i = 0; i < counts.Length; i++) counts[i] = (int)c[i];
            known.Add(name);
        }
        var unknown = state.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null) throw new ArgumentException($"optimizer state: '{unknown}' belongs to no parameter of this optimizer");
        StepCount = (int)step[0];
    }
}
