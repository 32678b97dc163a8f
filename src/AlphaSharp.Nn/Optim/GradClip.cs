namespace AlphaSharp.Nn.Optim;

/// <summary>Gradient clipping by the global norm over all parameters (torch.nn.utils.clip_grad_norm_).</summary>
public static class GradClip
{
    /// <summary>
    /// Scales every gradient by min(1, maxNorm / (total + 1e-6)), where total is the p-norm of all gradients
    /// together (p = 2 by default, or infinity). Returns the total norm before clipping.
    /// </summary>
    public static double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2)
    {
        if (!(maxNorm >= 0)) throw new ArgumentException($"clip_grad_norm: max norm must be non-negative, got {maxNorm}");
        if (!(normType > 0)) throw new ArgumentException($"clip_grad_norm: norm type must be positive, got {normType}");
        var grads = parameters.Where(p => p.Grad is not null).Select(p => p.Grad!).ToList();
        if (grads.Count == 0) return 0;
        double total;
        if (double.IsPositiveInfinity(normType))
        {
            total = 0;
            foreach (var g in grads) foreach (var v in g) total = Math.Max(total, Math.Abs(v));
        }
        else
        {
            double s = 0;
            foreach (var g in grads) foreach (var v in g) s += Math.Pow(Math.Abs(v), normType);
            total = Math.Pow(s, 1 / normType);
        }
        var coef = maxNorm / (total + 1e-6);
        if (coef < 1)
        {
            var c = (float)coef;
            foreach (var g in grads) System.Numerics.Tensors.TensorPrimitives.Multiply(g, c, g);
        }
        return total;
    }
}
