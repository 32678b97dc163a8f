using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AlphaSharp.Nn;
using AlphaSharp.Nn.Optim;

namespace AlphaSharp.Bench;

/// <summary>
/// `nn [--quick] [--configs a,b]`: training (forward + backward + Adam) and inference samples per second of the issue-4
/// configurations in AlphaSharp.Nn and, in the same run, in PyTorch (bench/reference/torch_nn.py, best of 1 and 2
/// threads) when Debian's python3-torch is installed. `nn gemm` compares SGEMM GFLOP/s with numpy's OpenBLAS.
/// </summary>
public static class NnBench
{
    private sealed record Result(string Config, int Batch, double TrainSps, double InferSps, double PeakMb);

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "gemm") return GemmBench.Run(args[1..]);
        var quick = args.Contains("--quick");
        var only = OptionValue(args, "--configs")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var seconds = quick ? 0.4 : 3.0;
        var minSteps = quick ? 2 : 5;

        var ours = new List<Result>();
        foreach (var (name, batches) in BenchModel.Configurations)
        {
            if (only is not null && !only.Contains(name)) continue;
            foreach (var batch in batches)
            {
                var r = Measure(name, batch, seconds, minSteps);
                ours.Add(r);
                Console.Error.WriteLine($"  alphasharp {name} batch={batch}: train {r.TrainSps:F0}/s, infer {r.InferSps:F0}/s");
            }
        }
        // Torch runs after ours, never beside it: two timed loops on 2 cores would slow each other.
        var torch = ReferenceRunner.TorchNn(quick, only);

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
        Console.WriteLine($"{"config",-12} {"batch",6} {"train as/s",11} {"torch/s",9} {"ratio",6} {"infer as/s",11} {"torch/s",9} {"ratio",6} {"peak MB as",11} {"torch",7}");
        foreach (var r in ours)
        {
            var t = torch.TryGetValue((r.Config, r.Batch), out var tv) ? tv : default;
            Console.WriteLine($"{r.Config,-12} {r.Batch,6} {F(r.TrainSps),11} {F(t.Train),9} {Ratio(r.TrainSps, t.Train),6} {F(r.InferSps),11} {F(t.Infer),9} {Ratio(r.InferSps, t.Infer),6} {r.PeakMb,11:F0} {F(t.PeakMb),7}");
        }
        if (torch.Count == 0) Console.WriteLine("(PyTorch not available: install Debian's python3-torch for the side-by-side figures)");
        Console.WriteLine($"threads: alphasharp {Environment.ProcessorCount} cores; torch best of 1 and 2 threads");
        return 0;
    }

    private static Result Measure(string name, int batch, double seconds, int minSteps)
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
        var opt = new Adam(model.Parameters(), lr: 1e-3);

        void Step()
        {
            opt.ZeroGrad();
            var pred = model.Forward(x);
            var loss = model.Classification ? Losses.CrossEntropy(pred, y) : Losses.Mse(pred, y);
            loss.Backward();
            opt.Step();
        }

        model.Train();
        Step();
        var train = Time(Step, batch, seconds, minSteps);
        model.Eval();
        double infer;
        using (Autograd.NoGrad())
        {
            model.Forward(x);
            infer = Time(() => model.Forward(x), batch, seconds, minSteps);
        }
        using var proc = Process.GetCurrentProcess();
        return new Result(name, batch, train, infer, proc.PeakWorkingSet64 / (1024.0 * 1024.0));
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

    internal static string? OptionValue(string[] args, string name)
    {
        var k = Array.IndexOf(args, name);
        return k >= 0 && k + 1 < args.Length ? args[k + 1] : null;
    }

    internal static string F(double v) => v > 0 ? v.ToString("F1", CultureInfo.InvariantCulture) : "n/a";
    internal static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Runs the Python references and parses their JSON lines.</summary>
    private static class ReferenceRunner
    {
        public static Dictionary<(string, int), (double Train, double Infer, double PeakMb)> TorchNn(bool quick, HashSet<string>? only)
        {
            var best = new Dictionary<(string, int), (double Train, double Infer, double PeakMb)>();
            var script = Path.Combine(RepoRoot.Find(), "bench", "reference", "torch_nn.py");
            var argsLine = $"\"{script}\" --threads 1,2" + (quick ? " --quick" : "") + (only is null ? "" : $" --configs {string.Join(',', only)}");
            foreach (var line in Python.RunLines(argsLine, "torch"))
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var key = (e.GetProperty("config").GetString()!, e.GetProperty("batch").GetInt32());
                var tr = e.GetProperty("train_sps").GetDouble();
                var inf = e.GetProperty("infer_sps").GetDouble();
                var mb = e.GetProperty("peak_rss_mb").GetDouble();
                best[key] = best.TryGetValue(key, out var old)
                    ? (Math.Max(old.Train, tr), Math.Max(old.Infer, inf), Math.Max(old.PeakMb, mb))
                    : (tr, inf, mb);
            }
            return best;
        }
    }
}
