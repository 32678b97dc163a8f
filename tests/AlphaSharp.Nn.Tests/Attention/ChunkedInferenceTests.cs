namespace AlphaSharp.Nn.Tests.Attention;

/// <summary>
/// An encoder in evaluation mode runs a large batch chunk by chunk (TransformerEncoder.InferenceChunkTokens): the
/// result must be the bits of the whole batch at once, with masks, a ragged last chunk, and inside an arena step.
/// </summary>
[Collection("chunked inference")] // the chunk size is a static knob
public class ChunkedInferenceTests
{
    private static (TransformerEncoder Enc, Tensor X, Tensor KeyPadding) Setup(bool normFirst)
    {
        var rng = new Rng(5);
        var layer = new TransformerEncoderLayer(12, 3, rng, dimFeedforward: 20, dropout: 0.3f, batchFirst: true, normFirst: normFirst);
        var enc = new TransformerEncoder(layer, 2, rng, new LayerNorm(12));
        enc.Eval();
        const int n = 23, s = 6;
        var x = Tensor.Normal(new Rng(6), 0f, 1f, n, s, 12);
        var blocked = new bool[n * s];
        for (var i = 0; i < n; i++) blocked[i * s + s - 1 - i % 3] = i % 2 == 0; // some samples pad one key
        return (enc, x, AttentionMasks.FromBool(blocked, n, s));
    }

    private static float[] Run(TransformerEncoder enc, Tensor x, Tensor? mask, Tensor? kp, int chunkTokens, TensorArena? arena = null)
    {
        var saved = TransformerEncoder.InferenceChunkTokens;
        TransformerEncoder.InferenceChunkTokens = chunkTokens;
        try
        {
            using var step = arena?.Step();
            using var noGrad = Autograd.NoGrad(); // inference: parameters require grad, so with the tape on nothing is chunked
            return (float[])enc.Forward(x, mask, kp).Data.Clone();
        }
        finally { TransformerEncoder.InferenceChunkTokens = saved; }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChunksGiveTheBitsOfTheWholeBatch(bool normFirst)
    {
        var (enc, x, kp) = Setup(normFirst);
        var causal = AttentionMasks.Causal(6);
        var whole = Run(enc, x, causal, kp, int.MaxValue);
        // 4 samples a chunk: 23 = 5 x 4 + 3.
        Assert.Equal(whole, Run(enc, x, causal, kp, 24));
        Assert.NotEqual(whole, Run(enc, x, null, null, int.MaxValue)); // the masks matter here
        // No masks, one sample a chunk.
        Assert.Equal(Run(enc, x, null, null, int.MaxValue), Run(enc, x, null, null, 6));
        // Inside a caller's step, twice (the second reuses the first's memory).
        var arena = new TensorArena();
        Assert.Equal(whole, Run(enc, x, causal, kp, 24, arena));
        Assert.Equal(whole, Run(enc, x, causal, kp, 24, arena));
    }

    [Fact]
    public void TrainingModeIsNotChunked()
    {
        // Training mode draws dropout masks, whose order chunking would change: two encoders from one seed, one run
        // whole and one with a tiny chunk size, must give the same bits.
        var (a, x, _) = Setup(normFirst: false);
        var (b, _, _) = Setup(normFirst: false);
        a.Train();
        b.Train();
        var whole = Run(a, x, null, null, int.MaxValue);
        var small = Run(b, x, null, null, 6);
        Assert.Equal(whole, small);
        a.Eval();
        var evalWhole = Run(a, x, null, null, int.MaxValue);
        Assert.NotEqual(whole, evalWhole); // dropout did act
    }
}
