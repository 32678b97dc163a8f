using System.Numerics;
using System.Runtime.InteropServices;

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
        _m = NewSlots("exp_avg");
        _v = NewSlots("exp_avg_sq");
        _vMax = NewSlots("max_exp_avg_sq");
        _steps = NewCounters("param_step");
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
        // 1 - beta in double, then float: PyTorch computes the weights as Python floats.
        var oneMinusB1 = (float)(1 - Beta1);
        var oneMinusB2 = (float)(1 - Beta2);
        var b2 = (float)Beta2;
        var eps = (float)Eps;
        var wd = (float)WeightDecay;
        var stepSize = (float)(lr / (1 - Math.Pow(Beta1, step)));
        var bc2Sqrt = (float)Math.Sqrt(1 - Math.Pow(Beta2, step));
        var decay = _decoupled ? (float)(1 - lr * WeightDecay) : 1f;
        // Vector body and scalar tail compute the same IEEE operations in the same order, so the split does not
        // change any bit.
        var w = Vector<float>.Count;
        var k = 0;
        if (vMax is null)
        {
            var vp = MemoryMarshal.Cast<float, Vector<float>>(p.AsSpan());
            var vg = MemoryMarshal.Cast<float, Vector<float>>(g.AsSpan());
            var vm = MemoryMarshal.Cast<float, Vector<float>>(m.AsSpan());
            var vv = MemoryMarshal.Cast<float, Vector<float>>(v.AsSpan());
            for (var i = 0; i < vp.Length; i++)
            {
                var gk = vg[i];
                var pk = vp[i];
                if (_decoupled) pk *= decay;
                else if (wd != 0) gk += pk * wd;
                var mk = vm[i] + (gk - vm[i]) * oneMinusB1;
                var vk = vv[i] * b2 + (gk * gk) * oneMinusB2;
                vm[i] = mk;
                vv[i] = vk;
                vp[i] = pk - (mk / (Vector.SquareRoot(vk) / bc2Sqrt + new Vector<float>(eps))) * stepSize;
            }
            k = vp.Length * w;
        }
        for (; k < p.Length; k++)
        {
            var gk = g[k];
            if (_decoupled) p[k] *= decay;
            else if (wd != 0) gk += p[k] * wd;
            m[k] += (gk - m[k]) * oneMinusB1;
            v[k] = v[k] * b2 + (gk * gk) * oneMinusB2;
            var vk = v[k];
            if (vMax is not null) vk = vMax[k] = Math.Max(vMax[k], vk);
            var denom = MathF.Sqrt(vk) / bc2Sqrt + eps;
            p[k] -= m[k] / denom * stepSize;
        }
    }
}

/// <summary>torch.optim.AdamW: Adam with decoupled weight decay (default 0.01).</summary>
public sealed class AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
    : Adam(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupled: true, "AdamW");
