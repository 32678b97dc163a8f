using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AlphaSharp.Nn.Kernels;
using AlphaSharp.Nn.Optim;
using AlphaSharp.Nn;

namespace AlphaSharp.Bench;

/// <summary>
/// `nn [--quick] [--configs a,b] [--gemm managed|openblas]`: training (forward + backward + Adam) and inference samples per second of the five benchmark
/// configurations in AlphaSharp.Nn and, in the same run, in PyTorch (bench/reference/torch_nn.py, best of 1 and 2
/// threads) when Debian's python3-torch is installed. `nn gemm` compares SGEMM GFLOP/s with numpy's OpenBLAS.
/// </summary>
public static class NnBench
{
    private sealed record Result(string Config, int Batch, double TrainSps, double InferSps, double HeapMb, double WorkingSetMb,
        double PeakRssMb, int TrainThreads, double TrainFlops);

    private static Result MeasureWithThreads(string name, int batch, double seconds, int minSteps, int threads, bool warmUp)
    {
        var saved = Gemm.MaxThreads;
        Gemm.MaxThreads = threads;
        try { return Measure(name, batch, seconds, minSteps, warmUp) with { TrainThreads = threads }; }
        finally { Gemm.MaxThreads = saved; }
    }

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "gemm") return GemmBench.Run(args[1..]);
        // --gemm openblas: the models' large products through the optional OpenBLAS backend instead of the managed kernel.
        var backend = BenchArgs.Value(args, "--gemm");
        if (backend is not null)
        {
            try { Gemm.Backend = Gemm.ParseBackend(backend); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }
        if (args.Length > 0 && args[0] == "profile") return NnProfile.Run(args[1..]);
        var quick = args.Contains("--quick");
        var only = BenchArgs.Value(args, "--configs")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var seconds = quick ? 0.1 : 3.0;
        var minSteps = quick ? 1 : 5;

        var threadCounts = quick ? [Environment.ProcessorCount] : Enumerable.Range(1, Environment.ProcessorCount).ToArray();

        // Config by config, ours then torch's (never beside each other: two timed loops on 2 cores would slow each
        // other), so both sides of a ratio see the same load on a shared machine.
        // The arithmetic ceiling: every FLOP of a step at the speed of one large square product on all cores.
        // Best of five short timings: a peak, so neither the kernel's tiered JIT nor a neighbour's burst on this
        // shared machine should lower it.
        double GemmPeak() => Enumerable.Range(0, 5).Max(_ => GemmBench.Measure(1024, 1024, 1024, false, quick ? 0.1 : 0.4));
        var gemmPeak = GemmPeak();
        using var torchServer = TorchServer.Start(quick);
        var ours = new List<Result>();
        var torch = new Dictionary<(string, int), (double Train, double Infer, double PeakMb)>();
        foreach (var (name, batches) in BenchModel.Configurations)
        {
            if (only is not null && !only.Contains(name)) continue;
            foreach (var batch in batches)
            {
                // --quick warms up at a model's first batch only (both sides alike): its kernels are then warm, and
                // the warm-ups of the larger batches were most of a quick run's minute.
                var warmUp = !quick || batch == batches[0];
                // Best of 1..cores threads, as torch's side keeps the better of 1 and 2.
                Result? best = null;
                foreach (var threads in threadCounts)
                {
                    var r = MeasureWithThreads(name, batch, seconds, minSteps, threads, warmUp);
                    best = best is null ? r : best with
                    {
                        TrainSps = Math.Max(best.TrainSps, r.TrainSps), InferSps = Math.Max(best.InferSps, r.InferSps),
                        TrainThreads = r.TrainSps > best.TrainSps ? threads : best.TrainThreads,
                        HeapMb = Math.Max(best.HeapMb, r.HeapMb), WorkingSetMb = Math.Max(best.WorkingSetMb, r.WorkingSetMb),
                        PeakRssMb = r.PeakRssMb,
                    };
                }
                ours.Add(best!);
                var t = torchServer?.Measure(name, batch, warmUp);
                if (t is { } tv) torch[(name, batch)] = tv;
                Console.Error.WriteLine($"  {name} batch={batch}: alphasharp train {best!.TrainSps:F0}/s ({best.TrainThreads} threads), infer {best.InferSps:F0}/s; " +
                    (t is { } x ? $"torch train {x.Train:F0}/s, infer {x.Infer:F0}/s" : "torch n/a"));
            }
        }

        Console.WriteLine();
        foreach (var r in ours)
        {
            var t = torch.TryGetValue((r.Config, r.Batch), out var tv) ? tv : default;
            Console.WriteLine($"config={r.Config} batch={r.Batch} alphasharp={F(r.TrainSps)} torch={F(t.Train)} ratio={Ratio(r.TrainSps, t.Train)}");
        }
        Console.WriteLine();
        foreach (var r in ours)
        {
            var t = torch.TryGetValue((r.Config, r.Batch), out var tv) ? tv : default;
            Console.WriteLine($"inference config={r.Config} batch={r.Batch} alphasharp={F(r.InferSps)} torch={F(t.Infer)} ratio={Ratio(r.InferSps, t.Infer)}");
        }
        Console.WriteLine();
        Console.WriteLine($"{"config",-12} {"batch",6} {"train as/s",11} {"torch/s",9} {"ratio",6} {"infer as/s",11} {"torch/s",9} {"ratio",6} {"heap MB",8} {"WS MB",7} {"RSS peak",9} {"torch RSS",10}");
        foreach (var r in ours)
        {
            var t = torch.TryGetValue((r.Config, r.Batch), out var tv) ? tv : default;
            Console.WriteLine($"{r.Config,-12} {r.Batch,6} {F(r.TrainSps),11} {F(t.Train),9} {Ratio(r.TrainSps, t.Train),6} {F(r.InferSps),11} {F(t.Infer),9} {Ratio(r.InferSps, t.Infer),6} {r.HeapMb,8:F0} {r.WorkingSetMb,7:F0} {r.PeakRssMb,9:F0} {F(t.PeakMb),10}");
        }
        Console.WriteLine("heap MB: largest managed heap (GC.GetTotalMemory) seen after a training step of that configuration; WS MB: working set after it;");
        Console.WriteLine("RSS peak / torch RSS: each process's peak resident set so far (VmHWM; cumulative over the configurations run before)");
        // And again at the end: right after `dotnet run` builds, the build servers still take CPU for a while, which
        // is the time the first timing lands in.
        gemmPeak = Math.Max(gemmPeak, GemmPeak());
        Console.WriteLine();
        Console.WriteLine($"arithmetic: a training step is about 3 x the forward matrix-product FLOPs; SGEMM 1024^3 here ran at {gemmPeak:F0} GFLOP/s (best of 10),");
        Console.WriteLine("so 'ceiling/s' is the most samples/s any engine doing these FLOPs at that speed could train, and 'max ratio' its ratio to torch's.");
        Console.WriteLine($"{"config",-12} {"batch",6} {"MFLOP/sample",13} {"as GF/s",8} {"torch GF/s",11} {"ceiling/s",10} {"max ratio",10}");
        foreach (var r in ours)
        {
            var t = torch.TryGetValue((r.Config, r.Batch), out var tv) ? tv : default;
            var ceiling = gemmPeak * 1e9 / r.TrainFlops;
            Console.WriteLine($"{r.Config,-12} {r.Batch,6} {r.TrainFlops / 1e6,13:F1} {r.TrainSps * r.TrainFlops / 1e9,8:F1} " +
                $"{(t.Train > 0 ? (t.Train * r.TrainFlops / 1e9).ToString("F1", CultureInfo.InvariantCulture) : "n/a"),11} {ceiling,10:F0} {Ratio(ceiling, t.Train),10}");
        }
        if (torch.Count == 0) Console.WriteLine("(PyTorch not available: install Debian's python3-torch for the side-by-side figures)");
        Console.WriteLine($"threads: best of {string.Join(", ", threadCounts)} (alphasharp, Gemm.MaxThreads) and of 1, 2 (torch); " +
            $"training threads that won here: {string.Join(", ", ours.Select(r => $"{r.Config}/{r.Batch}={r.TrainThreads}"))}");
        Console.WriteLine($"gemm backend: {(Gemm.Backend == GemmBackend.OpenBlas ? $"openblas ({Gemm.OpenBlasLibrary})" : "managed")}");
        return 0;
    }

    /// <summary>The model, input and target a configuration times, all from seed 0 (the same on every run).</summary>
    internal static (BenchModel Model, Tensor X, Tensor Y) Setup(string name, int batch)
    {
        var rng = new Rng(0);
        var model = BenchModel.Create(name, rng);
        var x = Tensor.Normal(rng, 0f, 1f, batch, model.SeqLen, model.Features);
        Tensor y;
        if (model.Classification)
        {
            var labels = new float[batch];
            for (var i = 0; i < batch; i++) labels[i] = rng.NextInt(2);
            y = Tensor.From(labels, batch);
        }
        else y = Tensor.Normal(rng, 0f, 1f, batch, 1);
        return (model, x, y);
    }

    /// <summary>One training step as torch_nn.py times it: zero grads, forward, loss, backward, Adam.</summary>
    internal static void TrainStep(BenchModel model, Optimizer opt, Tensor x, Tensor y)
    {
        opt.ZeroGrad();
        var pred = model.Forward(x);
        var loss = model.Classification ? Losses.CrossEntropy(pred, y) : Losses.Mse(pred, y);
        loss.Backward();
        opt.Step();
    }

    private static Result Measure(string name, int batch, double seconds, int minSteps, bool warmUp)
    {
        var (model, x, y) = Setup(name, batch);
        var opt = new Adam(model.Parameters(), lr: 1e-3);
        // Peak memory of this configuration alone: collect first so the previous one's garbage does not count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapPeak = 0L;
        // One arena for the configuration: from the second step on, op outputs reuse the first step's memory
        // (TensorArena), as a training loop in AlphaSharp would run.
        var arena = new TensorArena();
        void Step()
        {
            using (arena.Step()) TrainStep(model, opt, x, y);
            heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
        }
        void Infer()
        {
            using (arena.Step()) model.Forward(x);
        }

        model.Train();
        if (warmUp) Step();
        var train = Time(Step, batch, seconds, minSteps);
        model.Eval();
        double infer;
        using (Autograd.NoGrad())
        {
            if (warmUp) Infer();
            infer = Time(Infer, batch, seconds, minSteps);
        }
        using var proc = Process.GetCurrentProcess();
        return new Result(name, batch, train, infer, heapPeak / (1024.0 * 1024.0), Environment.WorkingSet / (1024.0 * 1024.0),
            proc.PeakWorkingSet64 / (1024.0 * 1024.0), Gemm.MaxThreads, 3 * model.ForwardFlops);
    }

    private static double Time(Action step, int batch, double seconds, int minSteps)
    {
        var sw = Stopwatch.StartNew();
        var n = 0;
        while (n < minSteps || sw.Elapsed.TotalSeconds < seconds)
        {
            step();
            n++;
        }
        return n * batch / sw.Elapsed.TotalSeconds;
    }


    internal static string F(double v) => v > 0 ? v.ToString("F1", CultureInfo.InvariantCulture) : "n/a";
    internal static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>
    /// bench/reference/torch_nn.py --serve, kept running for the whole bench: each request "config batch" is answered
    /// with one JSON line per thread count (1 and 2), then "done"; the better of the two is kept.
    /// </summary>
    private sealed class TorchServer : IDisposable
    {
        private readonly Process _p;
        private TorchServer(Process p) => _p = p;

        public static TorchServer? Start(bool quick)
        {
            if (!File.Exists(Python.Interpreter))
            {
                Console.Error.WriteLine($"  (torch reference skipped: {Python.Interpreter} not found)");
                return null;
            }
            var script = Path.Combine(RepoRoot.Find(), "bench", "reference", "torch_nn.py");
            var psi = new ProcessStartInfo(Python.Interpreter, $"\"{script}\" --serve --threads 1,2" + (quick ? " --quick" : ""))
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Python.Interpreter}");
            var stderr = p.StandardError.ReadToEndAsync();
            if (p.StandardOutput.ReadLine() == "ready") return new TorchServer(p);
            p.WaitForExit();
            var err = stderr.Result.Trim().Split('\n').LastOrDefault() ?? "";
            Console.Error.WriteLine($"  (torch reference skipped: {err})");
            p.Dispose();
            return null;
        }

        public (double Train, double Infer, double PeakMb)? Measure(string name, int batch, bool warmUp)
        {
            _p.StandardInput.WriteLine($"{name} {batch} {(warmUp ? 1 : 0)}");
            _p.StandardInput.Flush();
            (double Train, double Infer, double PeakMb)? best = null;
            while (_p.StandardOutput.ReadLine() is { } line && line != "done")
            {
                if (!line.StartsWith('{')) continue;
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var tr = e.GetProperty("train_sps").GetDouble();
                var inf = e.GetProperty("infer_sps").GetDouble();
                var mb = e.GetProperty("peak_rss_mb").GetDouble();
                best = best is { } old ? (Math.Max(old.Train, tr), Math.Max(old.Infer, inf), Math.Max(old.PeakMb, mb)) : (tr, inf, mb);
            }
            return best;
        }

        public void Dispose()
        {
            try
            {
                _p.StandardInput.Close();
                if (!_p.WaitForExit(10_000)) _p.Kill();
            }
            finally { _p.Dispose(); }
        }
    }
}
