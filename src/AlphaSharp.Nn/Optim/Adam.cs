namespace AlphaSharp.Nn.Optim;

/// <summary>
/// torch.optim.Adam and AdamW (1.13, single-tensor path). Adam folds weight decay into the gradient
/// (g + wd p); AdamW decays the parameter directly first (p *= 1 - lr wd). Then
/// m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
/// p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps), with v replaced by its running maximum under AMSGrad.
/// </summary>
public class Adam : Optimizer
{
    private readonly float[]?[] _m, _v, _vMax;
    private readonly bool _decoupled;

    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled: false, "Adam") { }

    private protected Adam(IEnumerable<Tensor> parameters, double lr, double beta1, double beta2, double eps,
        double weightDecay, bool amsgrad, bool decoupled, string name) : base(parameters, lr, name)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
            throw new ArgumentException($"{name}: betas must lie in [0, 1), got ({beta1}, {beta2})");
        if (!(eps >= 0)) throw new ArgumentException($"{name}: eps must be non-negative, got {eps}");
        if (!(weightDecay >= 0)) throw new ArgumentException($"{name}: weight decay must be non-negative, got {weightDecay}");
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        AmsGrad = amsgrad;
        _decoupled = decoupled;
        _m = NewSlots();
        _v = NewSlots();
        _vMax = NewSlots();
        _steps = new int[Parameters.Count];
    }

    private readonly int[] _steps;

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }
    public double WeightDecay { get; }
    public bool AmsGrad { get; }

    protected override void Update(int index, float[] p, float[] g)
    {
        // Each parameter counts its own steps, as PyTorch's per-parameter state['step'] does.
        var step = ++_steps[index];
        var m = State(_m, index);
        var v = State(_v, index);
        var vMax = AmsGrad ? State(_vMax, index) : null;
        var lr = LearningRate;
        var b1 = (float)Beta1;
        var b2 = (float)Beta2;
        var eps = (float)Eps;
        var wd = (float)WeightDecay;
        var stepSize = (float)(lr / (1 - Math.Pow(Beta1, step)));
        var bc2Sqrt = (float)Math.Sqrt(1 - Math.Pow(Beta2, step));
        var decay = _decoupled ? (float)(1 - lr * WeightDecay) : 1f;
        for (var k = 0; k < p.Length; k++)
        {
            var gk = g[k];
            if (_decoupled) p[k] *= decay;
            else if (wd != 0) gk += wd * p[k];
            m[k] += (gk - m[k]) * (1 - b1);
            v[k] = v[k] * b2 + (1 - b2) * gk * gk;
            var vk = v[k];
            if (vMax is not null) vk = vMax[k] = Math.Max(vMax[k], vk);
            var denom = MathF.Sqrt(vk) / bc2Sqrt + eps;
            p[k] -= stepSize * m[k] / denom;
        }
    }
}

/// <summary>torch.optim.AdamW: Adam with decoupled weight decay (default 0.01).</summary>
public sealed class AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
    : Adam(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled: true, "AdamW");
