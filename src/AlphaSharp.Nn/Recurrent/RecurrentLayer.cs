using System.Buffers;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// One layer-direction over a whole sequence, forward and backward. The input projection of all T x B rows is one
/// Gemm; the time loop runs per block of batch rows (rows never interact, so each block runs the whole sequence on
/// its own thread and a call forks once, not once per step); the weight gradients are a few Gemms over all steps
/// at once (<see cref="WeightGradients"/>). Blocks are fixed by the thread count, so the same thread count gives
/// the same bits.
/// </summary>
internal static class RecurrentLayer
{
    [ThreadStatic] private static bool _projectAllStepsFirst;

    /// <summary>Test hook: one input projection over all steps before the time loop (calling thread only).</summary>
    internal static bool ProjectAllStepsFirst { get => _projectAllStepsFirst; set => _projectAllStepsFirst = value; }

    /// <summary>
    /// x is time-major (T x B x inputSize). <paramref name="h0"/> and <paramref name="c0"/> (B x H) may be empty
    /// for zero initial states. Fills <paramref name="tape"/>.
    /// </summary>
    public static void Forward(StepShape sh, int inputSize, float[] x, LayerWeights w,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, LayerTape tape, int threads)
    {
        var kind = tape.Kind;
        int H = sh.H, G = kind.Gates() * H, rows = sh.T * sh.B;
        var bias = StepBias(kind, H, w.BIh, w.BHh);
        var unitParts = kind == CellKind.Lstm ? LstmUnitParts.PartCount(sh.B, H, threads) : 1;
        // The LSTM and GRU row loops project each step's inputs just before the step, into gates still in cache; one
        // product over all T x B rows first wrote the whole gate buffer to memory and the loop read it back
        // (for qlib's 6 inputs that product is all stores). The values are the same bits either way: the same
        // kernel over the same depth, and a row's bits do not depend on how the rows are split. Products small
        // enough for the unpacked path sum differently, so those keep the one product.
        var projectPerStep = kind != CellKind.RnnTanh && kind != CellKind.RnnRelu && unitParts == 1
            && (long)G * inputSize > Gemm.SmallB && !ProjectAllStepsFirst;
        if (!projectPerStep)
            Gemm.Sgemm(false, true, rows, G, inputSize, 1f, x, inputSize, w.WIh, inputSize, 0f, tape.Gates, G, threads);

        var hasInitial = !h0.IsEmpty || !c0.IsEmpty;
        var pass = LstmPass.For(tape.Activation);
        var initialH = tape.Hs.AsSpan(tape.InitialOffset, sh.B * H);
        if (h0.IsEmpty) initialH.Clear();
        else h0.CopyTo(initialH);
        if (kind == CellKind.Lstm)
        {
            var initialC = tape.Cs.AsSpan(tape.InitialOffset, sh.B * H);
            if (c0.IsEmpty) initialC.Clear();
            else c0.CopyTo(initialC);
        }

        if (unitParts > 1)
        {
            LstmUnitParts.Forward(sh, unitParts, hasInitial, pass, w.WHh, bias, tape.Gates, tape.Hs, tape.Cs);
            return;
        }
        // W_hh^T multiplies every step: pack it for the Gemm once per call, not once per step.
        var wHhT = PackedMatrix.Rent(true, H, G, w.WHh, H);
        var wIhT = projectPerStep ? PackedMatrix.Rent(true, inputSize, G, w.WIh, inputSize) : null;
        RowParallel.ForBlocks(sh.B, threads, (b0, m) =>
        {
            switch (kind)
            {
                case CellKind.Lstm:
                    LstmCell.Forward(sh, b0, m, hasInitial, pass, wHhT, bias, tape.Gates, tape.Hs, tape.Cs, x, wIhT);
                    break;
                case CellKind.Gru:
                    var bHn = w.BHh is null ? ReadOnlySpan<float>.Empty : w.BHh.AsSpan(2 * H, H);
                    var scratch = ArrayPool<float>.Shared.Rent(m * G);
                    GruCell.Forward(sh, b0, m, hasInitial, wHhT, bias, bHn, tape.Gates, tape.Hs, tape.Aux, scratch, x, wIhT);
                    ArrayPool<float>.Shared.Return(scratch);
                    break;
                default:
                    RnnCell.Forward(sh, b0, m, hasInitial, kind == CellKind.RnnRelu, wHhT, bias, tape.Gates, tape.Hs);
                    break;
            }
        });
        PackedMatrix.Return(wHhT);
        if (wIhT is not null) PackedMatrix.Return(wIhT);
    }

    /// <summary>
    /// The bias each step adds to the input projection: b_ih + b_hh, summed once rather than per row. A GRU keeps
    /// b_hn out (r multiplies it, so it joins the h-side term inside the step). Null without biases.
    /// </summary>
    private static float[]? StepBias(CellKind kind, int H, float[]? bIh, float[]? bHh)
    {
        if (bIh is null || bHh is null) return null;
        var bias = new float[bIh.Length];
        for (var j = 0; j < bias.Length; j++) bias[j] = bIh[j] + bHh[j];
        if (kind == CellKind.Gru) bIh.AsSpan(2 * H, H).CopyTo(bias.AsSpan(2 * H));
        return bias;
    }

    /// <summary>
    /// Back through the sequence. <paramref name="dy"/> holds this direction's output gradient, element (t, b, j) at
    /// dyOffset + t * dyStrideT + b * dyStrideB + j, or is null when the outputs were not used. <paramref name="dh"/>
    /// and <paramref name="dc"/> (B x H) hold the final-state gradients on entry (zeros when unused) and the
    /// initial-state gradients on exit. Weight gradients are added into <paramref name="grads"/>; the input
    /// gradient (T x B x inputSize) is written into <paramref name="dx"/> or added to it when
    /// <paramref name="accumulateDx"/>; null skips it.
    /// </summary>
    public static void Backward(StepShape sh, int inputSize, float[] x, LayerWeights w, LayerTape tape,
        float[]? dy, int dyOffset, int dyStrideT, int dyStrideB, float[] dh, float[] dc,
        LayerGrads grads, float[]? dx, bool accumulateDx, int threads)
    {
        var kind = tape.Kind;
        int H = sh.H, G = kind.Gates() * H, rows = sh.T * sh.B;

        var unitParts = kind == CellKind.Lstm ? LstmUnitParts.PartCount(sh.B, H, threads) : 1;
        if (unitParts > 1)
            LstmUnitParts.Backward(sh, unitParts, LstmPass.For(tape.Activation), w.WHh, dy, dyOffset, dyStrideT, dyStrideB, tape.Gates, tape.Cs, dh, dc);
        else
            TimeLoopBackward(sh, w, tape, dy, dyOffset, dyStrideT, dyStrideB, dh, dc, threads);

        WeightGradients.Accumulate(sh, inputSize, x, tape, grads, threads);
        if (dx is not null)
            Gemm.Sgemm(false, false, rows, inputSize, G, 1f, tape.Gates, G, w.WIh, inputSize, accumulateDx ? 1f : 0f, dx, inputSize, threads);
    }

    /// <summary>The time loop's backward in blocks of batch rows.</summary>
    private static void TimeLoopBackward(StepShape sh, LayerWeights w, LayerTape tape, float[]? dy, int dyOffset,
        int dyStrideT, int dyStrideB, float[] dh, float[] dc, int threads)
    {
        var kind = tape.Kind;
        int H = sh.H, G = kind.Gates() * H;
        var wHh = PackedMatrix.Rent(false, G, H, w.WHh, H);
        var pass = LstmPass.For(tape.Activation);
        RowParallel.ForBlocks(sh.B, threads, (b0, m) =>
        {
            var dySpan = dy is null ? ReadOnlySpan<float>.Empty : dy.AsSpan(dyOffset);
            switch (kind)
            {
                case CellKind.Lstm:
                    LstmCell.Backward(sh, b0, m, pass, wHh, dySpan, dyStrideT, dyStrideB, tape.Gates, tape.Cs, dh, dc);
                    break;
                case CellKind.Gru:
                    var scratch = ArrayPool<float>.Shared.Rent(m * G);
                    GruCell.Backward(sh, b0, m, wHh, dySpan, dyStrideT, dyStrideB, tape.Gates, tape.Hs, tape.Aux, dh, scratch);
                    ArrayPool<float>.Shared.Return(scratch);
                    break;
                default:
                    RnnCell.Backward(sh, b0, m, kind == CellKind.RnnRelu, wHh, dySpan, dyStrideT, dyStrideB, tape.Gates, tape.Hs, dh);
                    break;
            }
        });
        PackedMatrix.Return(wHh);
    }
}
