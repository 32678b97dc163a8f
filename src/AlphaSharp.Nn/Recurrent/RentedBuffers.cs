using System.Buffers;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// The large per-call buffers of one recurrent call (gates, states, layer outputs: tens of megabytes for a
/// qlib-sized batch), rented from the shared pool and handed back together when the backward pass is done, or
/// at once when nothing was recorded. Fresh arrays of that size cost page faults and zeroing on every step of a
/// training loop. Rented arrays may be longer than asked and hold old values, so every user passes explicit
/// lengths and writes before it reads.
/// </summary>
internal sealed class RentedBuffers
{
    private readonly List<float[]> _arrays = [];

    public float[] Rent(int length)
    {
        if (length == 0) return [];
        var a = ArrayPool<float>.Shared.Rent(length);
        _arrays.Add(a);
        return a;
    }

    public void ReturnAll()
    {
        foreach (var a in _arrays) ArrayPool<float>.Shared.Return(a);
        _arrays.Clear();
    }
}
