namespace AlphaSharp.Nn.Optim;

/// <summary>
/// torch.optim.RMSprop (1.13): g += wd p; s = alpha s + (1 - alpha) g^2; centered: a = alpha a + (1 - alpha) g and
/// avg = sqrt(s - a^2) + eps, else avg = sqrt(s) + eps; with momentum buf = momentum buf + g / avg, p -= lr buf,
/// else p -= lr g / avg.
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly float[]?[] _square, _gradAvg, _buf;
    // 1 - alpha in double, then float, as PyTorch computes it from a Python float.
    private readonly float _oneMinusAlpha;

    public RmsProp(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false) : base(parameters, lr, "RMSprop")
    {
        if (!(alpha >= 0)) throw new ArgumentException($"RMSprop: alpha must be non-negative, got {alpha}");
        if (!(eps >= 0)) throw new ArgumentException($"RMSprop: eps must be non-negative, got {eps}");
        if (!(momentum >= 0)) throw new ArgumentException($"RMSprop: momentum must be non-negative, got {momentum}");
        if (!(weightDecay >= 0)) throw new ArgumentException($"RMSprop: weight decay must be non-negative, got {weightDecay}");
        Alpha = (float)alpha;
        _oneMinusAlpha = (float)(1 - alpha);
        Eps = (float)eps;
        WeightDecay = (float)weightDecay;
        Momentum = (float)momentum;
        Centered = centered;
        _square = NewSlots("square_avg");
        _gradAvg = NewSlots("grad_avg");
        _buf = NewSlots("momentum_buffer");
    }

    public float Alpha { get; }
    public float Eps { get; }
    public float WeightDecay { get; }
    public float Momentum { get; }
    public bool Centered { get; }

    protected override void Update(int index, float[] p, float[] g)
    {
        var lr = (float)LearningRate;
        var s = State(_square, index);
        var a = Centered ? State(_gradAvg, index) : null;
        var buf = Momentum > 0 ? State(_buf, index) : null;
        for (var k = 0; k < p.Length; k++)
        {
            var gk = g[k];
            if (WeightDecay != 0) gk += WeightDecay * p[k];
            s[k] = s[k] * Alpha + gk * gk * _oneMinusAlpha;
            float avg;
            if (a is not null)
            {
                a[k] += (gk - a[k]) * _oneMinusAlpha;
                avg = MathF.Sqrt(s[k] - a[k] * a[k]) + Eps;
            }
            else avg = MathF.Sqrt(s[k]) + Eps;
            if (buf is not null)
            {
                buf[k] = buf[k] * Momentum + gk / avg;
                p[k] -= lr * buf[k];
            }
            else p[k] -= lr * gk / avg;
        }
    }
}
