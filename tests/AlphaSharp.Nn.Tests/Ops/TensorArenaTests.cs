using AlphaSharp.Nn.Optim;
using AlphaSharp.Nn.Recurrent;

namespace AlphaSharp.Nn.Tests.TensorOps;

public class TensorArenaTests
{
    /// <summary>
    /// LSTM (output and final states both in the loss) -> Transformer layer with dropout -> LayerNorm -> BatchNorm ->
    /// attention pooling -> Linear: most of the ops that take their output memory from an arena.
    /// </summary>
    private sealed class Net : Module
    {
        private readonly LSTM _lstm;
        private readonly TransformerEncoderLayer _enc;
        private readonly BatchNorm1d _bn;
        private readonly AttentionPooling _pool;
        private readonly Linear _out;

        public Net(Rng rng)
        {
            _lstm = RegisterModule("lstm", new LSTM(5, 8, rng, batchFirst: true));
            _enc = RegisterModule("enc", new TransformerEncoderLayer(8, 2, rng, dimFeedforward: 16, dropout: 0.2f, batchFirst: true));
            _bn = RegisterModule("bn", new BatchNorm1d(8));
            _pool = RegisterModule("pool", new AttentionPooling(8, rng));
            _out = RegisterModule("out", new Linear(8, 1, rng));
        }

        public Tensor Loss(Tensor x, Tensor y)
        {
            var (seq, (h, c)) = _lstm.Forward(x);
            var z = _bn.ForwardChannelsLast(_enc.Forward(seq));
            var pred = _out.Forward(_pool.Forward(z)).Tanh();
            // The final states' gradients are handed to the LSTM's own entry; the last step is the same size as h_n.
            var last = Sequence.LastTimeStep(seq, true);
            return Losses.Mse(pred, y).Add(h.Mul(last).Sum().Mul(0.01f)).Add(c.Mul(c).Mean());
        }
    }

    private static (float[] Params, float[] Losses) Train(bool useArena, int steps = 6, bool poison = false)
    {
        var rng = new Rng(11);
        var net = new Net(rng);
        var data = new Rng(12);
        var x = Tensor.Normal(data, 0f, 1f, 6, 7, 5);
        var y = Tensor.Normal(data, 0f, 1f, 6, 1);
        var opt = new Adam(net.Parameters(), lr: 1e-2);
        var arena = new TensorArena();
        var losses = new float[steps];
        for (var s = 0; s < steps; s++)
        {
            var step = useArena ? arena.Step() : null;
            opt.ZeroGrad();
            var loss = net.Loss(x, y);
            loss.Backward();
            opt.Step();
            losses[s] = loss.Item();
            step?.Dispose();
            if (poison) arena.Poison(float.NaN);
        }
        return (net.Parameters().SelectMany(p => p.Data).ToArray(), losses);
    }

    [Fact]
    public void TrainingInArenaStepsGivesTheSameBitsAsFreshArrays()
    {
        var plain = Train(useArena: false);
        var pooled = Train(useArena: true);
        Assert.Equal(plain.Losses, pooled.Losses);
        Assert.True(plain.Params.AsSpan().SequenceEqual(pooled.Params), "parameters differ when op outputs come from an arena");
        Assert.NotEqual(plain.Losses[0], plain.Losses[^1]);
    }

    [Fact]
    public void OpsThatOverwriteTheirOutputWriteEveryElement()
    {
        // Reused arrays filled with NaN between steps: an op that skipped an element would carry a NaN into the loss.
        var plain = Train(useArena: false);
        var poisoned = Train(useArena: true, poison: true);
        Assert.Equal(plain.Losses, poisoned.Losses);
        Assert.True(plain.Params.AsSpan().SequenceEqual(poisoned.Params), "parameters differ when reused arrays start as NaN");
    }

    [Fact]
    public void ChunkedEncoderInferenceWritesEveryElementOfReusedArrays()
    {
        var rng = new Rng(13);
        var layer = new TransformerEncoderLayer(8, 2, rng, dimFeedforward: 16, dropout: 0.1f, batchFirst: true);
        var encoder = new TransformerEncoder(layer, 2, rng);
        var head = new Linear(8, 3, rng);
        var noBias = new Linear(3, 2, rng, bias: false);
        var bn = new BatchNorm1d(8);
        encoder.Eval();
        bn.Eval();
        var x = Tensor.Normal(new Rng(14), 0f, 1f, 9, 5, 8);
        var saved = TransformerEncoder.InferenceChunkTokens;
        TransformerEncoder.InferenceChunkTokens = 10; // two sequences per chunk: five chunks
        try
        {
            using var _ = Autograd.NoGrad();
            float[] Run() => noBias.Forward(head.Forward(bn.ForwardChannelsLast(encoder.Forward(x)).Add(x))).Data.ToArray();
            var fresh = Run();
            var arena = new TensorArena();
            using (arena.Step()) Run();
            arena.Poison(float.NaN);
            float[] reused;
            using (arena.Step()) reused = Run();
            Assert.Equal(fresh, reused);
        }
        finally { TransformerEncoder.InferenceChunkTokens = saved; }
    }

    [Fact]
    public void LaterStepsReuseTheFirstStepsMemory()
    {
        var arena = new TensorArena();
        var x = Tensor.Normal(new Rng(1), 0f, 1f, 4, 3).RequireGrad();
        float[] firstTanh, firstSum;
        using (arena.Step())
        {
            var t = x.Tanh();
            firstTanh = t.Data;
            firstSum = t.Add(x).Data;
        }
        var held = arena.Floats;
        Assert.Equal(2 * 12, held);
        using (arena.Step())
        {
            var t = x.Tanh();
            var y = t.Add(x);
            // The same two arrays again (in either order), not new ones.
            Assert.True(ReferenceEquals(t.Data, firstTanh) || ReferenceEquals(t.Data, firstSum));
            Assert.True(ReferenceEquals(y.Data, firstTanh) || ReferenceEquals(y.Data, firstSum));
            // A reused array is handed out zeroed and then fully written: the values are the op's.
            for (var i = 0; i < 12; i++) Assert.Equal(MathF.Tanh(x.Data[i]) + x.Data[i], y.Data[i], 6);
        }
        Assert.Equal(held, arena.Floats);
    }

    [Fact]
    public void FactoriesAndOpsOutsideAStepDoNotUseTheArena()
    {
        var arena = new TensorArena();
        Tensor made;
        using (arena.Step()) made = Tensor.Full(3f, 5);
        using (arena.Step()) Tensor.Zeros(5).Add(Tensor.Ones(5));
        Assert.All(made.Data, v => Assert.Equal(3f, v));
        Assert.Equal(5, arena.Floats);
        var outside = Tensor.Ones(5).Add(Tensor.Ones(5));
        Assert.Equal(5, arena.Floats);
        Assert.All(outside.Data, v => Assert.Equal(2f, v));
    }

    [Fact]
    public void StepsDoNotNest()
    {
        var a = new TensorArena();
        using var outer = a.Step();
        var ex = Assert.Throws<InvalidOperationException>(() => new TensorArena().Step());
        Assert.Contains("already open", ex.Message);
    }
}
