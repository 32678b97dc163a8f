using System.Diagnostics;
using System.Text.Json;
using AlphaSharp.Nn.Kernels;

namespace AlphaSharp.Bench;

/// <summary>
/// `nn gemm`: SGEMM GFLOP/s of AlphaSharp's managed kernel beside numpy's (OpenBLAS) in the same run, and, when
/// libopenblas is installed, of AlphaSharp's OpenBLAS backend (the same library called through P/Invoke).
/// </summary>
internal static class GemmBench
{
    // Square sizes and the skinny products recurrent cells and attention make (batch x 4H x H and friends).
    private static readonly (int M, int N, int K, bool TransB)[] Shapes =
    [
        (256, 256, 256, false), (512, 512, 512, false), (1024, 1024, 1024, false), (2048, 2048, 2048, false),
        (256, 1024, 256, true), (1024, 512, 128, true), (800, 256, 64, true), (256, 600, 150, true), (20, 600, 150, true),
        (5120, 824, 103, true), (256, 512, 128, false), (5120, 618, 206, true), (5120, 412, 206, true), (5120, 206, 412, true),
    ];

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var seconds = quick ? 0.2 : 1.0;
        var blas = Reference(quick);
        var backend = Gemm.OpenBlasLibrary is not null;
        Console.WriteLine($"{"m",6} {"n",6} {"k",6} {"B^T",4} {"alphasharp GF/s",16} {"openblas GF/s",14} {"ratio",6}" +
            (backend ? $" {"backend=openblas GF/s",22}" : ""));
        foreach (var (m, n, k, tb) in Shapes)
        {
            // Best of two timed windows on each side: numpy's side gets two too (one per thread count).
            var gf = Math.Max(Measure(m, n, k, tb, seconds), Measure(m, n, k, tb, seconds));
            var theirs = blas.TryGetValue((m, n, k, tb), out var v) ? v : 0;
            var line = $"{m,6} {n,6} {k,6} {(tb ? "yes" : "no"),4} {gf,16:F1} {NnBench.F(theirs),14} {NnBench.Ratio(gf, theirs),6}";
            if (backend) line += $" {WithBackend(GemmBackend.OpenBlas, () => Math.Max(Measure(m, n, k, tb, seconds), Measure(m, n, k, tb, seconds))),22:F1}";
            Console.WriteLine(line);
        }
        Console.WriteLine($"alphasharp on {Environment.ProcessorCount} cores; best of two 1 s windows each; openblas best of 1 and 2 threads" +
            (backend ? $"; backend=openblas: {Gemm.OpenBlasLibrary} through P/Invoke on {Environment.ProcessorCount} threads" : ""));
        return 0;
    }

    private static T WithBackend<T>(GemmBackend backend, Func<T> body)
    {
        var saved = Gemm.Backend;
        Gemm.Backend = backend;
        try { return body(); }
        finally { Gemm.Backend = saved; }
    }

    internal static double Measure(int m, int n, int k, bool transB, double seconds)
    {
        var rng = new AlphaSharp.Nn.Rng(1);
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        for (var i = 0; i < a.Length; i++) a[i] = rng.NextFloat() - 0.5f;
        for (var i = 0; i < b.Length; i++) b[i] = rng.NextFloat() - 0.5f;
        var ldb = transB ? k : n;
        Gemm.Sgemm(false, transB, m, n, k, 1f, a, k, b, ldb, 0f, c, n);
        var sw = Stopwatch.StartNew();
        var reps = 0;
        while (reps < 3 || sw.Elapsed.TotalSeconds < seconds)
        {
            Gemm.Sgemm(false, transB, m, n, k, 1f, a, k, b, ldb, 0f, c, n);
            reps++;
        }
        return 2.0 * m * n * k * reps / sw.Elapsed.TotalSeconds / 1e9;
    }

    private static Dictionary<(int, int, int, bool), double> Reference(bool quick)
    {
        var best = new Dictionary<(int, int, int, bool), double>();
        var script = Path.Combine(RepoRoot.Find(), "bench", "reference", "numpy_gemm.py");
        var shapes = string.Join(';', Shapes.Select(s => $"{s.M},{s.N},{s.K},{(s.TransB ? 1 : 0)}"));
        foreach (var threads in new[] { "1", "2" })
        {
            var env = new Dictionary<string, string> { ["OPENBLAS_NUM_THREADS"] = threads, ["OMP_NUM_THREADS"] = threads };
            foreach (var line in Python.RunLines($"\"{script}\" --shapes \"{shapes}\"" + (quick ? " --quick" : ""), "numpy", env))
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var key = (e.GetProperty("m").GetInt32(), e.GetProperty("n").GetInt32(), e.GetProperty("k").GetInt32(), e.GetProperty("transb").GetBoolean());
                var g = e.GetProperty("gflops").GetDouble();
                best[key] = Math.Max(best.GetValueOrDefault(key), g);
            }
        }
        return best;
    }
}
