using System.Diagnostics;
using AlphaSharp.Nn.Optim;
using AlphaSharp.Nn;

namespace AlphaSharp.Bench;

/// <summary>
/// `nn profile [--configs a,b] [--batch n] [--steps n]`: where a training step's time and memory go per configuration: forward,
/// backward and optimizer milliseconds (median over the steps, so one descheduling on a loaded machine does not
/// skew it), bytes allocated per step and garbage collections per step.
/// </summary>
internal static class NnProfile
{
    public static int Run(string[] args)
    {
        var only = BenchArgs.Value(args, "--configs")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var steps = int.Parse(BenchArgs.Value(args, "--steps") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var batchOnly = BenchArgs.Value(args, "--batch");
        if (args.Contains("--parts")) return Parts(steps);
        Console.WriteLine($"{"config",-12} {"batch",6} {"fwd ms",8} {"bwd ms",8} {"adam ms",8} {"infer ms",9} {"alloc MB/step",14} {"gc0/1/2 per step",17}");
        foreach (var (name, batches) in BenchModel.Configurations)
        {
            if (only is not null && !only.Contains(name)) continue;
            foreach (var batch in batches)
                if (batchOnly is null || batchOnly == batch.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    Profile(name, batch, steps);
        }
        return 0;
    }

    private static void Profile(string name, int batch, int steps)
    {
        var (model, x, y) = NnBench.Setup(name, batch);
        var opt = new Adam(model.Parameters(), lr: 1e-3);
        var fwd = new double[steps];
        var bwd = new double[steps];
        var upd = new double[steps];
        var inf = new double[steps];
        model.Train();
        var arena = new TensorArena();
        using (arena.Step()) NnBench.TrainStep(model, opt, x, y);
        var alloc0 = GC.GetTotalAllocatedBytes();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        for (var s = 0; s < steps; s++)
        {
            using var step = arena.Step();
            var t0 = Stopwatch.GetTimestamp();
            opt.ZeroGrad();
            var pred = model.Forward(x);
            var loss = model.Classification ? Losses.CrossEntropy(pred, y) : Losses.Mse(pred, y);
            var t1 = Stopwatch.GetTimestamp();
            loss.Backward();
            var t2 = Stopwatch.GetTimestamp();
            opt.Step();
            var t3 = Stopwatch.GetTimestamp();
            fwd[s] = Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
            bwd[s] = Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
            upd[s] = Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
        }
        var allocMb = (GC.GetTotalAllocatedBytes() - alloc0) / (1024.0 * 1024.0) / steps;
        var gcs = $"{(GC.CollectionCount(0) - g0) / (double)steps:F1}/{(GC.CollectionCount(1) - g1) / (double)steps:F1}/{(GC.CollectionCount(2) - g2) / (double)steps:F1}";
        model.Eval();
        using (Autograd.NoGrad())
        {
            using (arena.Step()) model.Forward(x);
            for (var s = 0; s < steps; s++)
            {
                using var step = arena.Step();
                var t0 = Stopwatch.GetTimestamp();
                model.Forward(x);
                inf[s] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        }
        Console.WriteLine($"{name,-12} {batch,6} {Median(fwd),8:F1} {Median(bwd),8:F1} {Median(upd),8:F2} {Median(inf),9:F1} {allocMb,14:F1} {gcs,17}");
    }

    /// <summary>AlphaNetV4's pieces alone at batch 256 (forward + backward of a sum), to see which one dominates.</summary>
    private static int Parts(int steps)
    {
        const int b = 256, t = 20, f = 103, d = 206;
        var rng = new Rng(0);
        var x = Tensor.Normal(rng, 0f, 1f, b, t, f);
        var xd = Tensor.Normal(rng, 0f, 1f, b, t, d);
        var lstm = new LSTM(f, f, rng, batchFirst: true, bidirectional: true);
        var proj = new Linear(f, d, rng);
        var layer = new TransformerEncoderLayer(d, 2, rng, dimFeedforward: 412, dropout: 0.1f, batchFirst: true);
        var mha = new MultiheadAttention(d, 2, rng, 0.1f, batchFirst: true);
        var lin1 = new Linear(d, 412, rng);
        var ln = new LayerNorm(d);
        var parts = new (string Name, Module M, Func<Tensor> F)[]
        {
            ("bilstm(103,103)", lstm, () => lstm.Forward(x).Output),
            ("linear(103,206)", proj, () => proj.Forward(x)),
            ("encoder layer", layer, () => layer.Forward(xd)),
            ("  self-attention", mha, () => mha.SelfAttention(xd)),
            ("  linear(206,412)", lin1, () => lin1.Forward(xd)),
            ("  layernorm(206)", ln, () => ln.Forward(xd)),
        };
        Console.WriteLine($"{"part (batch 256 x 20)",-22} {"fwd ms",8} {"bwd ms",8} {"infer ms",9}");
        foreach (var (name, m, fwd) in parts)
        {
            m.Train();
            var fs = new double[steps];
            var bs = new double[steps];
            for (var s = -1; s < steps; s++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var y = fwd().Sum();
                var t1 = Stopwatch.GetTimestamp();
                y.Backward();
                var t2 = Stopwatch.GetTimestamp();
                if (s < 0) continue;
                fs[s] = Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                bs[s] = Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
            }
            var inf = new double[steps];
            m.Eval();
            using (Autograd.NoGrad())
                for (var s = -1; s < steps; s++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    fwd();
                    if (s >= 0) inf[s] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                }
            Console.WriteLine($"{name,-22} {Median(fs),8:F1} {Median(bs),8:F1} {Median(inf),9:F1}");
        }
        return 0;
    }

    private static double Median(double[] v)
    {
        var s = (double[])v.Clone();
        Array.Sort(s);
        return s[s.Length / 2];
    }
}
