namespace AlphaSharp.Nn.Optim;

/// <summary>
/// torch ReduceLROnPlateau: after more than <c>patience</c> epochs without improvement of the watched metric,
/// multiply the rate by <c>factor</c> (not below <c>minLr</c>), then wait <c>cooldown</c> epochs. Improvement is
/// relative (best (1 -/+ threshold)) or absolute (best -/+ threshold); reductions smaller than eps are skipped.
/// </summary>
public sealed class ReduceLrOnPlateau
{
    private int _cooldownLeft;

    public ReduceLrOnPlateau(Optimizer optimizer, bool maximize = false, double factor = 0.1, int patience = 10,
        double threshold = 1e-4, bool relativeThreshold = true, int cooldown = 0, double minLr = 0, double eps = 1e-8)
    {
        if (!(factor < 1.0 && factor >= 0)) throw new ArgumentException($"ReduceLROnPlateau: factor must be in [0, 1), got {factor}");
        if (patience < 0 || cooldown < 0) throw new ArgumentException("ReduceLROnPlateau: patience and cooldown must be non-negative");
        Optimizer = optimizer;
        Maximize = maximize;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        RelativeThreshold = relativeThreshold;
        Cooldown = cooldown;
        MinLr = minLr;
        Eps = eps;
        Best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
    }

    public Optimizer Optimizer { get; }
    public bool Maximize { get; }
    public double Factor { get; }
    public int Patience { get; }
    public double Threshold { get; }
    public bool RelativeThreshold { get; }
    public int Cooldown { get; }
    public double MinLr { get; }
    public double Eps { get; }
    public double Best { get; private set; }
    public int BadEpochs { get; private set; }
    public double CurrentLr => Optimizer.LearningRate;

    /// <summary>Records one epoch's metric and reduces the rate when it has stalled; true when it reduced.</summary>
    public bool Step(double metric)
    {
        if (IsBetter(metric))
        {
            Best = metric;
            BadEpochs = 0;
        }
        else BadEpochs++;
        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            BadEpochs = 0;
        }
        if (BadEpochs <= Patience) return false;
        var old = Optimizer.LearningRate;
        var next = Math.Max(old * Factor, MinLr);
        _cooldownLeft = Cooldown;
        BadEpochs = 0;
        if (old - next <= Eps) return false;
        Optimizer.LearningRate = next;
        return true;
    }

    private bool IsBetter(double a)
    {
        if (double.IsNaN(a)) return false;
        if (Maximize)
            return RelativeThreshold ? a > Best * (1 + Threshold) : a > Best + Threshold;
        return RelativeThreshold ? a < Best * (1 - Threshold) : a < Best - Threshold;
    }
}
