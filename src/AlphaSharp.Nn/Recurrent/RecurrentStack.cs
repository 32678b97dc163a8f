using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Recurrent;

/// <summary>
/// A whole multi-layer, optionally bidirectional recurrent stack as ONE tape entry: the forward pass runs every
/// layer-direction's fused kernel and keeps their tapes; the backward pass walks the layers in reverse, feeding
/// each layer's input gradient (through its dropout mask) down as the output gradient of the layer below.
/// Internally everything is time-major; a batch_first input is transposed once on the way in and the last layer
/// writes (and reads gradients from) the caller's layout directly.
/// h_n and c_n are outputs of the same entry: they are recorded as tiny entries on top of the output whose
/// backward only hands their gradient to the stack's, which then seeds the time loop with it.
/// </summary>
internal static class RecurrentStack
{
    [ThreadStatic] private static int _threadsOverride;

    /// <summary>Threads a call uses: Gemm.MaxThreads, the engine-wide setting, unless a test pinned it.</summary>
    private static int Threads => _threadsOverride > 0 ? _threadsOverride : Gemm.MaxThreads;

    /// <summary>Test hook: calls on this thread use <paramref name="threads"/> row blocks at most until disposed.</summary>
    internal static IDisposable UseThreads(int threads)
    {
        if (threads < 1) throw new ArgumentException($"recurrent: threads must be at least 1, got {threads}");
        var previous = _threadsOverride;
        _threadsOverride = threads;
        return new Restore(previous);
    }

    private sealed class Restore(int previous) : IDisposable
    {
        public void Dispose() => _threadsOverride = previous;
    }

    public static (Tensor Output, Tensor Hn, Tensor? Cn) Forward(RecurrentSpec spec, Tensor x, Tensor? h0, Tensor? c0,
        IReadOnlyList<Tensor> weights, bool training, Rng? dropoutRng)
    {
        var geo = SequenceGeometry.Of(spec, x);
        CheckState(spec, "h0", h0, geo);
        CheckState(spec, "c0", c0, geo);
        int T = geo.T, B = geo.B, H = spec.HiddenSize, D = spec.Directions, L = spec.NumLayers;
        var isLstm = spec.Kind == CellKind.Lstm;
        var useDropout = training && spec.Dropout > 0f && L > 1;
        if (useDropout && dropoutRng is null)
            throw new ArgumentException($"{spec.Name}: dropout {spec.Dropout} in training mode needs a dropout generator (Rng)");
        var threads = Threads;

        var buffers = new RentedBuffers();
        var layerInputs = new float[L][];
        var masks = new float[]?[L];
        var tapes = new LayerTape[L * D];
        var y = TensorArena.Output(T * B * D * H);
        var hn = TensorArena.Output(L * D * B * H);
        var cn = isLstm ? TensorArena.Output(hn.Length) : [];

        var layerIn = geo.BatchFirst ? SequenceLayout.Transpose(x.Data, B, T, spec.InputSize, buffers) : x.Data;
        for (var l = 0; l < L; l++)
        {
            layerInputs[l] = layerIn;
            var last = l == L - 1;
            var layerOut = last ? y : buffers.Rent(T * B * D * H);
            var (sT, sB) = last ? geo.OutputStrides(D * H) : (B * D * H, D * H);
            for (var d = 0; d < D; d++)
            {
                var k = l * D + d;
                var tape = new LayerTape(spec.Kind, new StepShape(T, B, H, d == 1), buffers, spec.Activation);
                var stateSlice = (k * B * H, B * H);
                RecurrentLayer.Forward(tape.Shape, spec.LayerInputSize(l), layerIn, WeightsOf(spec, weights, k),
                    Slice(h0, stateSlice), Slice(c0, stateSlice), tape, threads);
                tapes[k] = tape;
                tape.Hs.AsSpan(tape.FinalOffset, B * H).CopyTo(hn.AsSpan(k * B * H));
                if (isLstm) tape.Cs.AsSpan(tape.FinalOffset, B * H).CopyTo(cn.AsSpan(k * B * H));
                SequenceLayout.ScatterOutputs(tape, layerOut, d * H, sT, sB);
            }
            if (!last && useDropout)
            {
                var n = T * B * D * H;
                var mask = buffers.Rent(n);
                DropoutMask(mask.AsSpan(0, n), spec.Dropout, dropoutRng!);
                for (var i = 0; i < n; i++) layerOut[i] *= mask[i];
                masks[l] = mask;
            }
            layerIn = layerOut;
        }

        var output = new Tensor(y, geo.OutputShape(D * H));
        var hnT = new Tensor(hn, geo.StateShape(L * D, H));
        var cnT = isLstm ? new Tensor(cn, geo.StateShape(L * D, H)) : null;

        var inputs = new List<Tensor> { x };
        if (h0 is not null) inputs.Add(h0);
        if (c0 is not null) inputs.Add(c0);
        inputs.AddRange(weights);
        var stateGrads = new StateGrads();
        var name = spec.Name.ToLowerInvariant();
        Autograd.Record(output, [.. inputs], o =>
        {
            Backward(spec, geo, x, h0, c0, weights, layerInputs, masks, tapes, o.Grad!, stateGrads, buffers, threads);
            buffers.ReturnAll();
        }, name);
        if (!output.RequiresGrad) buffers.ReturnAll();
        Autograd.Record(hnT, [output], t => { stateGrads.Hn = t.Grad; Autograd.GradOf(output); }, name + ".h_n", handsOverGradient: true);
        if (cnT is not null)
            Autograd.Record(cnT, [output], t => { stateGrads.Cn = t.Grad; Autograd.GradOf(output); }, name + ".c_n", handsOverGradient: true);
        return (output, hnT, cnT);
    }

    /// <summary>Gradients handed over by h_n and c_n; their entries always run before the stack's.</summary>
    private sealed class StateGrads
    {
        public float[]? Hn;
        public float[]? Cn;
    }

    private static void Backward(RecurrentSpec spec, SequenceGeometry geo, Tensor x, Tensor? h0, Tensor? c0,
        IReadOnlyList<Tensor> weights, float[][] layerInputs, float[]?[] masks, LayerTape[] tapes, float[] dyUser,
        StateGrads stateGrads, RentedBuffers buffers, int threads)
    {
        int T = geo.T, B = geo.B, H = spec.HiddenSize, D = spec.Directions;
        var dHn = stateGrads.Hn;
        var dCn = stateGrads.Cn;
        stateGrads.Hn = stateGrads.Cn = null;

        var dOut = dyUser;
        var (sT, sB) = geo.OutputStrides(D * H);
        var dh = buffers.Rent(B * H);
        var dc = buffers.Rent(B * H);
        for (var l = spec.NumLayers - 1; l >= 0; l--)
        {
            var inputSize = spec.LayerInputSize(l);
            var dx = l > 0 || x.RequiresGrad ? buffers.Rent(T * B * inputSize) : null;
            for (var d = 0; d < D; d++)
            {
                var k = l * D + d;
                LoadOrClear(dHn, k * B * H, dh.AsSpan(0, B * H));
                LoadOrClear(dCn, k * B * H, dc.AsSpan(0, B * H));
                RecurrentLayer.Backward(tapes[k].Shape, inputSize, layerInputs[l], WeightsOf(spec, weights, k), tapes[k],
                    dOut, d * H, sT, sB, dh, dc, GradsOf(spec, weights, k), dx, d > 0, threads);
                if (h0 is { RequiresGrad: true }) SequenceLayout.AddInto(Autograd.GradOf(h0), k * B * H, dh.AsSpan(0, B * H));
                if (c0 is { RequiresGrad: true }) SequenceLayout.AddInto(Autograd.GradOf(c0), k * B * H, dc.AsSpan(0, B * H));
            }
            if (l > 0)
            {
                var mask = masks[l - 1];
                if (mask is not null)
                {
                    var n = T * B * inputSize;
                    for (var i = 0; i < n; i++) dx![i] *= mask[i];
                }
                dOut = dx!;
                (sT, sB) = (B * D * H, D * H);
            }
            else if (dx is not null)
            {
                var gx = Autograd.GradOf(x);
                if (geo.BatchFirst) SequenceLayout.AddTransposed(dx, T, B, spec.InputSize, gx);
                else SequenceLayout.AddInto(gx, 0, dx.AsSpan(0, gx.Length));
            }
        }
    }

    private static LayerWeights WeightsOf(RecurrentSpec spec, IReadOnlyList<Tensor> w, int k)
    {
        var i = k * spec.TensorsPerLayer;
        return spec.Bias
            ? new LayerWeights(w[i].Data, w[i + 1].Data, w[i + 2].Data, w[i + 3].Data)
            : new LayerWeights(w[i].Data, w[i + 1].Data, null, null);
    }

    private static LayerGrads GradsOf(RecurrentSpec spec, IReadOnlyList<Tensor> w, int k)
    {
        var i = k * spec.TensorsPerLayer;
        return spec.Bias
            ? new LayerGrads(GradIfNeeded(w[i]), GradIfNeeded(w[i + 1]), GradIfNeeded(w[i + 2]), GradIfNeeded(w[i + 3]))
            : new LayerGrads(GradIfNeeded(w[i]), GradIfNeeded(w[i + 1]), null, null);
    }

    private static float[]? GradIfNeeded(Tensor t) => t.RequiresGrad ? Autograd.GradOf(t) : null;

    private static ReadOnlySpan<float> Slice(Tensor? t, (int Start, int Length) range)
        => t is null ? ReadOnlySpan<float>.Empty : t.Data.AsSpan(range.Start, range.Length);

    /// <summary>
    /// PyTorch's dropout: zero with probability p, scale the rest by 1 / (1 - p). Two 32-bit draws per generator
    /// step: the masks of a long sequence run to millions of values, drawn serially.
    /// </summary>
    internal static void DropoutMask(Span<float> mask, float p, Rng rng)
    {
        var n = mask.Length;
        if (p >= 1f)
        {
            mask.Clear();
            return;
        }
        var keep = 1f / (1f - p);
        var threshold = (ulong)(p * 4294967296.0);
        for (var i = 0; i < n; i += 2)
        {
            var u = rng.NextULong();
            mask[i] = (u & 0xFFFFFFFFUL) < threshold ? 0f : keep;
            if (i + 1 < n) mask[i + 1] = (u >> 32) < threshold ? 0f : keep;
        }
    }

    private static void LoadOrClear(float[]? src, int offset, Span<float> dst)
    {
        if (src is null) dst.Clear();
        else src.AsSpan(offset, dst.Length).CopyTo(dst);
    }

    private static void CheckState(RecurrentSpec spec, string what, Tensor? s, SequenceGeometry geo)
    {
        if (s is null) return;
        var expected = geo.StateShape(spec.NumLayers * spec.Directions, spec.HiddenSize);
        if (!s.Shape.AsSpan().SequenceEqual(expected))
            throw new ArgumentException($"{spec.Name}: expected {what} of shape [{string.Join(", ", expected)}], got {s.ShapeString}");
    }
}
