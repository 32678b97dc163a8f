namespace AlphaSharp.Nn.Optim;

/// <summary>
/// An epoch-based learning-rate schedule: <see cref="Step"/> once per epoch (after the optimizer's steps) moves
/// to the next epoch and writes that epoch's rate into the optimizer. Rates come from closed forms of the base
/// rate (the optimizer's initial rate), so there is no drift from repeated multiplication.
/// </summary>
public abstract class LrScheduler
{
    protected LrScheduler(Optimizer optimizer)
    {
        Optimizer = optimizer;
        BaseLr = optimizer.InitialLearningRate;
    }

    /// <summary>Writes epoch 0's rate; each schedule calls it once its own settings are in place.</summary>
    protected void Start() => Optimizer.LearningRate = RateAt(0);

    public Optimizer Optimizer { get; }
    public double BaseLr { get; }

    /// <summary>Epochs stepped so far (PyTorch's last_epoch).</summary>
    public int Epoch { get; private set; }

    public double CurrentLr => Optimizer.LearningRate;

    public void Step()
    {
        Epoch++;
        Optimizer.LearningRate = RateAt(Epoch);
    }

    /// <summary>The rate for <paramref name="epoch"/> (0 = before any step).</summary>
    public abstract double RateAt(int epoch);
}

/// <summary>torch StepLR: base * gamma^floor(epoch / stepSize).</summary>
public sealed class StepLr : LrScheduler
{
    public StepLr(Optimizer optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        if (stepSize < 1) throw new ArgumentException($"StepLR: step size must be at least 1, got {stepSize}");
        StepSize = stepSize;
        Gamma = gamma;
        Start();
    }

    public int StepSize { get; }
    public double Gamma { get; }

    public override double RateAt(int epoch) => BaseLr * Math.Pow(Gamma, epoch / StepSize);
}

/// <summary>torch ExponentialLR: base * gamma^epoch.</summary>
public sealed class ExponentialLr : LrScheduler
{
    public ExponentialLr(Optimizer optimizer, double gamma) : base(optimizer)
    {
        Gamma = gamma;
        Start();
    }

    public double Gamma { get; }
    public override double RateAt(int epoch) => BaseLr * Math.Pow(Gamma, epoch);
}

/// <summary>torch CosineAnnealingLR (closed form): eta_min + (base - eta_min) (1 + cos(pi epoch / T_max)) / 2.</summary>
public sealed class CosineAnnealingLr : LrScheduler
{
    public CosineAnnealingLr(Optimizer optimizer, int tMax, double etaMin = 0) : base(optimizer)
    {
        if (tMax < 1) throw new ArgumentException($"CosineAnnealingLR: T_max must be at least 1, got {tMax}");
        TMax = tMax;
        EtaMin = etaMin;
        Start();
    }

    public int TMax { get; }
    public double EtaMin { get; }

    public override double RateAt(int epoch)
        => EtaMin + (BaseLr - EtaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2;
}

/// <summary>
/// A decay from one rate to another over a fixed number of epochs, then held: geometric
/// (from (to / from)^(epoch / epochs), AlphaNetV4's 1e-3 to 1e-7) or linear. The optimizer's rate is set to
/// <paramref name="from"/> at construction.
/// </summary>
public sealed class RangeDecayLr : LrScheduler
{
    public RangeDecayLr(Optimizer optimizer, double from, double to, int epochs, bool geometric = true) : base(optimizer)
    {
        if (epochs < 1) throw new ArgumentException($"rate decay: epochs must be at least 1, got {epochs}");
        if (geometric && !(from > 0 && to > 0))
            throw new ArgumentException($"rate decay: a geometric decay needs positive rates, got {from} to {to}");
        if (!(from >= 0 && to >= 0)) throw new ArgumentException($"rate decay: rates must be non-negative, got {from} to {to}");
        From = from;
        To = to;
        Epochs = epochs;
        Geometric = geometric;
        Start();
    }

    public double From { get; }
    public double To { get; }
    public int Epochs { get; }
    public bool Geometric { get; }

    public override double RateAt(int epoch)
    {
        var f = Math.Min(1.0, (double)epoch / Epochs);
        return Geometric ? From * Math.Pow(To / From, f) : From + (To - From) * f;
    }
}
