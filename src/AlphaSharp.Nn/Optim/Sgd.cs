namespace AlphaSharp.Nn.Optim;

/// <summary>
/// torch.optim.SGD (1.13): d = g + wd p; with momentum, buf = d on the first step, then
/// buf = momentum buf + (1 - dampening) d; d = nesterov ? d + momentum buf : buf; p -= lr d.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[]?[] _buf;
    private readonly float _oneMinusDampening;

    public Sgd(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false) : base(parameters, lr, "SGD")
    {
        if (momentum < 0) throw new ArgumentException($"SGD: momentum must be non-negative, got {momentum}");
        if (weightDecay < 0) throw new ArgumentException($"SGD: weight decay must be non-negative, got {weightDecay}");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening");
        Momentum = (float)momentum;
        Dampening = (float)dampening;
        _oneMinusDampening = (float)(1 - dampening);
        WeightDecay = (float)weightDecay;
        Nesterov = nesterov;
        _buf = NewSlots("momentum_buffer");
    }

    public float Momentum { get; }
    public float Dampening { get; }
    public float WeightDecay { get; }
    public bool Nesterov { get; }

    protected override void Update(int index, float[] p, float[] g)
    {
        var lr = (float)LearningRate;
        var first = _buf[index] is null;
        var buf = Momentum != 0 ? State(_buf, index) : null;
        for (var k = 0; k < p.Length; k++)
        {
            var d = g[k];
            if (WeightDecay != 0) d += WeightDecay * p[k];
            if (buf is not null)
            {
                buf[k] = first ? d : buf[k] * Momentum + d * _oneMinusDampening;
                d = Nesterov ? d + Momentum * buf[k] : buf[k];
            }
            p[k] -= lr * d;
        }
    }
}
