namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// The geometry of one layer-direction run: <see cref="T"/> steps of a batch of <see cref="B"/> rows with
/// <see cref="H"/> hidden units. Buffers are time-major. The hidden-state buffer holds T + 1 blocks of B x H:
/// a forward run keeps h0 in block 0 and h_t in block t + 1; a reverse run keeps h0 in block T and h_t in block t,
/// so for either direction the states that fed steps 0..T-1 are one contiguous T x B x H slab (what the
/// W_hh gradient Gemm reads).
/// </summary>
internal readonly record struct StepShape(int T, int B, int H, bool Reverse)
{
    /// <summary>The time index processed at forward step s.</summary>
    public int TimeAt(int s) => Reverse ? T - 1 - s : s;

    /// <summary>The state block that feeds time t.</summary>
    public int PrevBlock(int t) => Reverse ? t + 1 : t;

    /// <summary>The state block time t writes.</summary>
    public int NextBlock(int t) => Reverse ? t : t + 1;

    /// <summary>The block holding the initial state.</summary>
    public int InitialBlock => Reverse ? T : 0;

    /// <summary>The block holding the final state (h_n).</summary>
    public int FinalBlock => Reverse ? 0 : T;

    /// <summary>Offset of the first state block that feeds a step (the start of the T x B x H slab).</summary>
    public int PrevSlabOffset => Reverse ? B * H : 0;
}
