namespace AlphaSharp.Nn;

/// <summary>
/// One entry of the tape: the inputs an output was made from, and a closure that reads the output's gradient and
/// adds the inputs' gradients. Kept tiny on purpose (micrograd's shape): speed lives in the fused kernels that
/// ops call, not here.
/// </summary>
internal sealed class BackwardNode(Tensor[] inputs, Action<Tensor> backward, string op, bool handsOverGradient = false)
{
    public Tensor[] Inputs { get; } = inputs;
    public Action<Tensor> Run { get; } = backward;
    public string Op { get; } = op;

    /// <summary>
    /// The entry keeps a reference to its output's gradient for a later entry to read (a multi-output op's
    /// extra outputs), so that gradient must outlive this entry's run.
    /// </summary>
    public bool HandsOverGradient { get; } = handsOverGradient;
}

/// <summary>
/// Reverse-mode automatic differentiation. Ops build their output eagerly and call <see cref="Record"/>;
/// <see cref="Backward"/> walks the graph in reverse topological order. Gradients accumulate into
/// <see cref="Tensor.Grad"/> of every tensor that requires one, like PyTorch's leaf .grad.
/// </summary>
public static class Autograd
{
    [ThreadStatic] private static int _noGradDepth;

    /// <summary>True when ops should record onto the tape (not inside <see cref="NoGrad"/>).</summary>
    public static bool IsEnabled => _noGradDepth == 0;

    /// <summary>Inference mode for the current thread until disposed: nothing is recorded.</summary>
    public static IDisposable NoGrad() { _noGradDepth++; return new NoGradScope(); }

    private sealed class NoGradScope : IDisposable
    {
        private bool _done;
        public void Dispose() { if (!_done) { _done = true; _noGradDepth--; } }
    }

    /// <summary>True when an op on these inputs must record a backward entry.</summary>
    public static bool Needs(Tensor a) => IsEnabled && a.RequiresGrad;
    public static bool Needs(Tensor a, Tensor b) => IsEnabled && (a.RequiresGrad || b.RequiresGrad);
    public static bool Needs(ReadOnlySpan<Tensor> inputs)
    {
        if (!IsEnabled) return false;
        foreach (var t in inputs) if (t.RequiresGrad) return true;
        return false;
    }

    /// <summary>
    /// Records that <paramref name="output"/> was made from <paramref name="inputs"/>, when any of them needs a
    /// gradient. <paramref name="backward"/> receives the output (its <see cref="Tensor.Grad"/> is set) and must add
    /// into <see cref="GradOf"/> of each input that <see cref="Tensor.RequiresGrad"/>. Returns the output.
    /// </summary>
    public static Tensor Record(Tensor output, Tensor[] inputs, Action<Tensor> backward, string op)
        => Record(output, inputs, backward, op, handsOverGradient: false);

    /// <summary>
    /// <see cref="Record(Tensor, Tensor[], Action{Tensor}, string)"/> for an entry whose backward stores its
    /// output's gradient for a later entry (see <see cref="BackwardNode.HandsOverGradient"/>).
    /// </summary>
    internal static Tensor Record(Tensor output, Tensor[] inputs, Action<Tensor> backward, string op, bool handsOverGradient)
    {
        if (!Needs(inputs)) return output;
        output.RequiresGrad = true;
        output.Node = new BackwardNode(inputs, backward, op, handsOverGradient);
        return output;
    }

    /// <summary>
    /// The gradient buffer of a tensor, allocated (zeroed) on first use; an intermediate's comes from
    /// <see cref="GradPool"/> and goes back when the pass ends.
    /// </summary>
    public static float[] GradOf(Tensor t) => t.Grad ??= t.IsLeaf ? new float[t.Numel] : GradPool.Rent(t.Numel);

    public static void Backward(Tensor root, float[]? gradient = null)
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException("backward: the tensor does not require grad (no input required one, or it was made under NoGrad)");
        if (gradient is null && root.Numel != 1)
            throw new InvalidOperationException($"backward: a gradient is needed for a non-scalar output of shape {root.ShapeString}");
        if (gradient is not null && gradient.Length != root.Numel)
            throw new ArgumentException($"backward: gradient has {gradient.Length} values, output has {root.Numel}");

        var order = TopologicalOrder(root);
        // Intermediate gradients start from zero each pass; leaves keep accumulating like PyTorch's .grad.
        foreach (var t in order) if (!t.IsLeaf && t != root) t.Grad = null;
        var g = GradOf(root);
        if (gradient is null) g[0] += 1f;
        else for (var k = 0; k < g.Length; k++) g[k] += gradient[k];

        for (var k = order.Count - 1; k >= 0; k--)
        {
            var t = order[k];
            if (t.Node is null || t.Grad is null) continue;
            t.Node.Run(t);
            // Every consumer of t ran before its node did, so its gradient is spent: back to the pool now, where the
            // next same-sized gradient of this pass takes it (peak gradient memory is the live frontier, not the graph).
            if (t.Node.HandsOverGradient) continue;
            GradPool.Return(t.Grad);
            t.Grad = null;
        }
        // Free intermediate gradients (back to the pool: the next step makes the same shapes) and the graph so
        // memory does not grow across steps.
        foreach (var t in order)
            if (!t.IsLeaf)
            {
                if (t.Grad is not null) GradPool.Return(t.Grad);
                t.Grad = null;
                t.Node = null;
            }
    }

    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor t, bool expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (t, expanded) = stack.Pop();
            if (expanded) { order.Add(t); continue; }
            if (!seen.Add(t)) continue;
            stack.Push((t, true));
            if (t.Node is null) continue;
            foreach (var input in t.Node.Inputs)
                if (input.RequiresGrad && !seen.Contains(input)) stack.Push((input, false));
        }
        return order;
    }
}
