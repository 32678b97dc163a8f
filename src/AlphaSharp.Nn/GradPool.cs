namespace AlphaSharp.Nn;

/// <summary>
/// Gradient buffers of intermediate tensors, reused across training steps. Every step makes the same intermediate
/// shapes, and each intermediate's gradient dies when <see cref="Autograd.Backward"/> finishes, so arrays are
/// pooled by exact length (callers see the length they asked for, as with a fresh array) and handed out zeroed.
/// Leaves (parameters) keep fresh arrays: their gradients outlive the pass.
/// </summary>
internal static class GradPool
{
    /// <summary>Arrays kept per length: a step rarely holds more same-sized gradients than this at once.</summary>
    private const int PerLength = 32;

    /// <summary>Most floats kept in all (1 GiB): past that, returned arrays are left to the collector.</summary>
    private const long MaxPooled = 1L << 28;

    private static readonly Dictionary<int, Stack<float[]>> Free = [];
    private static long _pooled;

    /// <summary>
    /// Arrays this pool handed out (weakly held): only those come back, never an array a caller assigned to
    /// <see cref="Tensor.Grad"/> itself and may still hold.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<float[], object> Issued = [];

    public static float[] Rent(int length)
    {
        if (length == 0) return [];
        float[]? a = null;
        lock (Free)
            if (Free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                a = stack.Pop();
                _pooled -= length;
            }
        if (a is null) a = new float[length];
        else Kernels.Elementwise.Clear(a, a.Length);
        Issued.AddOrUpdate(a, Issued);
        return a;
    }

    public static void Return(float[] a)
    {
        if (a.Length == 0 || !Issued.Remove(a)) return;
        lock (Free)
        {
            if (!Free.TryGetValue(a.Length, out var stack)) Free[a.Length] = stack = new Stack<float[]>();
            if (stack.Count >= PerLength || _pooled + a.Length > MaxPooled) return;
            stack.Push(a);
            _pooled += a.Length;
        }
    }
}
