using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// Which cell passes a layer's LSTM time loop runs: the tuned tanh passes of <see cref="LstmCell"/> (the default
/// value), or those of <see cref="LstmActivatedCell"/> for another <see cref="CellActivation"/>, at the vector width
/// <see cref="Wide"/> says. Decided once per call on the calling thread, because the passes run on worker threads
/// and the test hook is per thread.
/// </summary>
internal readonly record struct LstmPass(CellActivation Activation, bool Wide)
{
    [ThreadStatic] private static bool _force256;

    /// <summary>
    /// Test hook: non-tanh LSTM cell passes of calls made on this thread use 256-bit vectors even where 512-bit ones
    /// are fast (calling thread only), so the AVX2 path is tested on AVX-512 machines.
    /// </summary>
    internal static bool Force256 { get => _force256; set => _force256 = value; }

    public bool IsTanh => Activation == CellActivation.Tanh;

    public static LstmPass For(CellActivation activation)
        => new(activation, Vector512.IsHardwareAccelerated && Avx512F.IsSupported && !_force256);
}
