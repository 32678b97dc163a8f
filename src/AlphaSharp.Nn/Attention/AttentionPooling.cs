using AlphaSharp.Nn.Attention;

namespace AlphaSharp.Nn;

/// <summary>
/// Attention pooling over time (AlphaNetV4's read-out): a Linear(d, 1) named <c>score</c> scores every step,
/// a softmax over time turns the scores into weights, and the output is the weighted sum of the steps:
/// (N, T, d) -> (N, d). One fused tape entry; an optional additive mask (N, T) hides padded steps.
/// </summary>
public sealed class AttentionPooling : Module, IUnaryModule
{
    public AttentionPooling(int features, Rng rng)
    {
        if (features <= 0) throw new ArgumentException($"AttentionPooling: features must be positive, got {features}");
        Features = features;
        Score = RegisterModule("score", new Linear(features, 1, rng));
    }

    public int Features { get; }
    public Linear Score { get; }

    /// <summary>(N, T, d) -> (N, d).</summary>
    public Tensor Forward(Tensor x) => Forward(x, null, out _);

    /// <summary>(N, T, d) -> (N, d), steps with mask -inf left out; <paramref name="weights"/> gets the softmax weights (N, T) as values.</summary>

    public Tensor Forward(Tensor x, Tensor? mask, out Tensor weights)
    {
        if (x.Rank != 3 || x.Shape[2] != Features)
            throw new ArgumentException($"AttentionPooling: expected input (N, T, {Features}), got {x.ShapeString}");
        int n = x.Shape[0], t = x.Shape[1], d = Features;
        if (t == 0) throw new ArgumentException($"AttentionPooling: cannot pool an empty sequence, got {x.ShapeString}");
        if (mask is not null && (mask.Rank != 2 || mask.Shape[0] != n || mask.Shape[1] != t))
            throw new ArgumentException($"AttentionPooling: mask must be ({n}, {t}), got {mask.ShapeString}");
        var w = Score.Weight;
        var b = Score.Bias!;
        var alpha = TensorArena.Output(n * t);
        var y = new Tensor(TensorArena.Output(n * d), n, d);
        AttentionPoolingKernel.Forward(x.Data, n, t, d, w.Data, b.Data[0], mask is null ? default : mask.Data, alpha, y.Data);
        weights = new Tensor((float[])alpha.Clone(), n, t);
        return Autograd.Record(y, [x, w, b], o =>
        {
            Span<float> dx = x.RequiresGrad ? Autograd.GradOf(x) : default;
            Span<float> dw = w.RequiresGrad ? Autograd.GradOf(w) : default;
            Span<float> db = b.RequiresGrad ? Autograd.GradOf(b) : default;
            AttentionPoolingKernel.Backward(x.Data, o.Grad!, n, t, d, w.Data, alpha, dx, dw, db);
        }, "attention_pooling");
    }
}
