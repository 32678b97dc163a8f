using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Nn.Tests.Kernels;

/// <summary>
/// The optional OpenBLAS backend. Where libopenblas is installed its products are checked against a double-precision
/// loop like the managed kernel's; where it is not, choosing it must fail with an error that names what is missing.
/// </summary>
public class OpenBlasBackendTests
{
    private static readonly bool Installed = OpenBlas.Load(OpenBlas.Names) is not null;

    [Fact]
    public void ALibraryThatIsNotThereIsNotLoaded()
    {
        Assert.Null(OpenBlas.Load(["libalphasharp-no-such-blas.so.7"]));
        Assert.Equal(Installed, Gemm.OpenBlasLibrary is not null);
    }

    [Fact]
    public void ChoosingItWorksExactlyWhenTheLibraryIsInstalled()
    {
        if (Installed)
        {
            Gemm.BackendOnThisThread = GemmBackend.OpenBlas;
            Gemm.BackendOnThisThread = null;
            return;
        }
        var ex = Assert.Throws<InvalidOperationException>(() => Gemm.BackendOnThisThread = GemmBackend.OpenBlas);
        Assert.Contains("libopenblas.so.0", ex.Message);
        Assert.Contains("apt-get install libopenblas0-pthread", ex.Message);
        Assert.Equal(GemmBackend.Managed, Gemm.Backend);
    }

    [Theory]
    [InlineData(17, 33, 65)]
    [InlineData(67, 45, 530)]
    [InlineData(150, 70, 31)]
    [InlineData(300, 260, 200)]
    public void MatchesTheDoubleLoopOnEveryTranspose(int m, int n, int k)
    {
        if (!Installed) return; // the missing-library case is the test above
        foreach (var ta in new[] { false, true })
            foreach (var tb in new[] { false, true })
                GemmTests.CheckOne(m, n, k, ta, tb, 0.75f, 0.5f, GemmTests.Path.OpenBlas, padding: 3);
        GemmTests.CheckOne(19, 21, 23, false, false, 1f, 0f, GemmTests.Path.OpenBlas, padding: 0, fillCWithNaN: true);
    }

    [Fact]
    public void CallsFromInsideAParallelPartStayManaged()
    {
        if (!Installed) return;
        // With a budget of 2 threads, a 1-thread call is a part of a parallel caller: it must keep the managed bits.
        var rng = new Rng(11);
        const int m = 96, n = 80, k = 72;
        var a = Tensor.Uniform(rng, -1, 1, m * k).Data;
        var b = Tensor.Uniform(rng, -1, 1, k * n).Data;
        var managed = new float[m * n];
        Gemm.Sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, managed, n, threads: 1);
        var inPart = new float[m * n];
        var whole = new float[m * n];
        Gemm.ThreadsOnThisThread = 2;
        Gemm.BackendOnThisThread = GemmBackend.OpenBlas;
        long callsInPart, callsWhole;
        try
        {
            // Only this class sends products to OpenBLAS, and xunit runs a class's tests one at a time.
            callsInPart = CallsDuring(() => Gemm.Sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, inPart, n, threads: 1));
            callsWhole = CallsDuring(() => Gemm.Sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, whole, n, threads: 2));
        }
        finally
        {
            Gemm.BackendOnThisThread = null;
            Gemm.ThreadsOnThisThread = 0;
        }
        Assert.Equal(0, callsInPart);
        Assert.True(managed.AsSpan().SequenceEqual(inPart));
        Assert.True(callsWhole >= 1);
        for (var i = 0; i < managed.Length; i++) Assert.Equal(managed[i], whole[i], 1e-4f);
    }

    private static long CallsDuring(Action call)
    {
        var before = OpenBlas.Calls;
        call();
        return OpenBlas.Calls - before;
    }

    [Theory]
    [InlineData("managed", GemmBackend.Managed)]
    [InlineData(" OpenBLAS ", GemmBackend.OpenBlas)]
    public void BackendNamesParse(string name, GemmBackend expected) => Assert.Equal(expected, Gemm.ParseBackend(name));

    [Fact]
    public void AnUnknownBackendNameIsAnErrorNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.ParseBackend("cuda"));
        Assert.Equal("gemm: unknown backend 'cuda' (expected managed or openblas)", ex.Message);
    }
}
