using AlphaSharp.Nn.Attention;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Tests.Kernels;

/// <summary>
/// Test hooks that change how the engine splits work hold for the thread that set them only: a test that pins a
/// thread count or a chunk size must not change them under a test class running beside it.
/// </summary>
public class TestHookIsolationTests
{
    private static T OnAnotherThread<T>(Func<T> read)
    {
        var value = default(T)!;
        var t = new Thread(() => value = read());
        t.Start();
        t.Join();
        return value;
    }

    [Fact]
    public void APinnedThreadCountIsSeenOnlyByItsThread()
    {
        var global = Gemm.MaxThreads;
        try
        {
            Gemm.ThreadsOnThisThread = global + 5;
            Assert.Equal(global + 5, Gemm.MaxThreads);
            Assert.Equal(global, OnAnotherThread(() => Gemm.MaxThreads));
        }
        finally { Gemm.ThreadsOnThisThread = 0; }
        Assert.Equal(global, Gemm.MaxThreads);
    }

    [Fact]
    public void AnInferenceChunkSizeIsSeenOnlyByItsThread()
    {
        var global = TransformerEncoder.InferenceChunkTokens;
        try
        {
            TransformerEncoder.InferenceChunkTokens = 10;
            Assert.Equal(10, TransformerEncoder.InferenceChunkTokens);
            Assert.Equal(global, OnAnotherThread(() => TransformerEncoder.InferenceChunkTokens));
        }
        finally { TransformerEncoder.InferenceChunkTokens = 0; }
        Assert.Equal(global, TransformerEncoder.InferenceChunkTokens);
    }
}
