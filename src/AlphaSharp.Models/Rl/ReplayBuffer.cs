using AlphaSharp.Nn;

namespace AlphaSharp.Models.Rl;

/// <summary>
/// Experience replay of capacity n: (s, a, r, s', done) transitions in a ring (the oldest overwritten once full),
/// sampled uniformly with replacement from the caller's seeded stream, so the same seed draws the same batches.
/// </summary>
public sealed class ReplayBuffer
{
    private readonly float[] _states, _next;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _done;
    private int _at;

    public ReplayBuffer(int capacity, int observationSize)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "replay: capacity of at least 1");
        Capacity = capacity;
        ObservationSize = observationSize;
        _states = new float[capacity * observationSize];
        _next = new float[capacity * observationSize];
        _actions = new int[capacity];
        _rewards = new float[capacity];
        _done = new bool[capacity];
    }

    public int Capacity { get; }
    public int ObservationSize { get; }
    public int Count { get; private set; }

    public void Add(float[] state, int action, double reward, float[] next, bool done)
    {
        state.CopyTo(_states, _at * ObservationSize);
        next.CopyTo(_next, _at * ObservationSize);
        _actions[_at] = action;
        _rewards[_at] = (float)reward;
        _done[_at] = done;
        _at = (_at + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>Fills a batch of <paramref name="actions"/>.Length transitions drawn uniformly.</summary>
    public void Sample(Rng rng, float[] states, int[] actions, float[] rewards, float[] next, bool[] done)
    {
        if (Count == 0) throw new InvalidOperationException("replay: nothing to sample yet");
        for (var k = 0; k < actions.Length; k++)
        {
            var j = rng.NextInt(Count);
            Array.Copy(_states, j * ObservationSize, states, k * ObservationSize, ObservationSize);
            Array.Copy(_next, j * ObservationSize, next, k * ObservationSize, ObservationSize);
            actions[k] = _actions[j];
            rewards[k] = _rewards[j];
            done[k] = _done[j];
        }
    }
}
