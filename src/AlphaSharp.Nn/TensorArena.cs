namespace AlphaSharp.Nn;

/// <summary>
/// Recycles the memory of op outputs from one training step (or inference batch) to the next. A step of a fixed
/// model makes the same output sizes every time, so inside <see cref="Step"/> every op output and every buffer an
/// op saves for backward comes from this arena, and when the step's scope ends they all come back to it for the
/// next step. Without it each step's outputs are fresh arrays: the runtime takes them from newly mapped memory,
/// and the first write to every page is a page fault (about a tenth of AlphaNetV4's training time on this
/// machine's 2 cores, and a peak resident set several times the live data).
/// <para>
/// The contract is the step: tensors made inside a step (outputs, losses, final recurrent states) are valid until
/// its scope ends and are reused afterwards, so read what you keep before then (<see cref="Tensor.Item"/>,
/// <see cref="Tensor.Detach"/>). Parameters, their gradients, optimizer state and tensors made by the public
/// factories (<see cref="Tensor.Zeros"/>, <see cref="Tensor.From(float[], int[])"/>, ...) never come from an
/// arena. Outside any step, ops allocate as before.
/// </para>
/// </summary>
public sealed class TensorArena
{
    [ThreadStatic] private static TensorArena? _current;

    private readonly Dictionary<int, Stack<float[]>> _free = [];
    private readonly List<float[]> _inUse = [];
    private long _pooledFloats;

    /// <summary>Floats this arena holds in all (in use by the open step, or free for the next one).</summary>
    public long Floats => _pooledFloats;

    /// <summary>
    /// Opens a step on the calling thread: ops called on it until the returned scope is disposed take their output
    /// memory from this arena. Steps do not nest, and one arena serves one thread at a time.
    /// </summary>
    public IDisposable Step()
    {
        if (_current is not null)
            throw new InvalidOperationException("tensor arena: a step is already open on this thread (steps do not nest)");
        _current = this;
        return new Scope(this);
    }

    /// <summary>The arena whose step is open on this thread, if any.</summary>
    internal static TensorArena? Current => _current;

    /// <summary>
    /// Test hook: fills every array waiting for reuse with <paramref name="value"/> (NaN), so an op that takes
    /// <see cref="OutputToOverwrite"/> memory and leaves an element unwritten shows it in its output.
    /// </summary>
    internal void Poison(float value)
    {
        foreach (var stack in _free.Values)
            foreach (var a in stack) Array.Fill(a, value);
    }

    /// <summary>A point in the open step: arrays rented after it can be handed back early with <see cref="ReleaseTo"/>.</summary>
    internal int Mark() => _inUse.Count;

    /// <summary>
    /// Hands back, for reuse within the same step, every array rented since <paramref name="mark"/>: for a caller
    /// that knows nothing made since then is still referenced (the intermediates of one chunk of an inference pass
    /// once the chunk's result is copied out).
    /// </summary>
    internal void ReleaseTo(int mark)
    {
        for (var k = mark; k < _inUse.Count; k++)
        {
            var a = _inUse[k];
            if (!_free.TryGetValue(a.Length, out var stack)) _free[a.Length] = stack = new Stack<float[]>();
            stack.Push(a);
        }
        _inUse.RemoveRange(mark, _inUse.Count - mark);
    }

    /// <summary>A zeroed array of <paramref name="length"/> floats for an op's output: the open step's, or a fresh one.</summary>
    internal static float[] Output(int length) => _current is { } arena ? arena.Rent(length, zeroed: true) : new float[length];

    /// <summary>
    /// As <see cref="Output"/> for an op that writes every element before anything reads one (a product with beta 0,
    /// bias rows, an element-wise pass): a reused array keeps the last step's values instead of being zeroed first,
    /// a pass over memory that was up to 4 % of an AlphaNetV4 inference batch.
    /// </summary>
    internal static float[] OutputToOverwrite(int length) => _current is { } arena ? arena.Rent(length, zeroed: false) : new float[length];

    private float[] Rent(int length, bool zeroed)
    {
        if (length == 0) return [];
        float[] a;
        if (_free.TryGetValue(length, out var stack) && stack.Count > 0)
        {
            a = stack.Pop();
            if (zeroed) Kernels.Elementwise.Clear(a, a.Length);
        }
        else
        {
            a = new float[length];
            _pooledFloats += length;
        }
        _inUse.Add(a);
        return a;
    }

    private void EndStep()
    {
        ReleaseTo(0);
        _current = null;
    }

    private sealed class Scope(TensorArena arena) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            if (!ReferenceEquals(_current, arena))
                throw new InvalidOperationException("tensor arena: a step must end on the thread that opened it");
            arena.EndStep();
        }
    }
}
