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

    protected float[]?[] NewSlots() => new float[]?[_params.Length];
}
