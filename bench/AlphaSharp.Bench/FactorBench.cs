using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AlphaSharp.Data;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors;

namespace AlphaSharp.Bench;

/// <summary>
/// `factors`: Alpha158 end to end on the shipped CSI 300 store, then 28 operators side by side with pandas
/// (bench/reference/pandas_factors.py, same panel, same window) printing the speed ratio. Operator wall times are the
/// operator alone on both sides (pandas on loaded frames, ours on loaded panels), each result dropped (recycled) after its run.
/// Times are wall clock and process CPU time (all threads): on a shared machine the CPU time is the steadier measure
/// of the work, and the CPU ratio does not credit our use of several cores (pandas uses one).
/// Options: --store DIR (default: ALPHASHARP_DATA or data/cn_csi300 above the program), --quick (one run each),
/// --no-python (C# only).
/// </summary>
public static class FactorBench
{
    private static readonly string[] Operators =
    [
        "Mean($close,20)", "Sum($close,20)", "Std($close,20)", "Var($close,20)", "Skew($close,20)", "Kurt($close,20)",
        "Max($close,20)", "Min($close,20)", "Med($close,20)", "Quantile($close,20,0.8)", "Count($close,20)", "Rank($close,20)",
        "IdxMax($close,20)", "IdxMin($close,20)", "Mad($close,20)", "Slope($close,20)", "Rsquare($close,20)", "Resi($close,20)",
        "WMA($close,20)", "EMA($close,20)", "Corr($close,$volume,20)", "Cov($close,$volume,20)", "Ref($close,5)", "Delta($close,5)",
        "Log($volume+1)", "Greater($close-Ref($close,1),0)", "CSRank($close)", "CSZScore($close)",
    ];

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var python = !args.Contains("--no-python");
        var storeAt = Array.IndexOf(args, "--store");
        var dir = storeAt >= 0 && storeAt + 1 < args.Length ? args[storeAt + 1] : RepoRoot.ShippedStore;
        var load = Stopwatch.StartNew();
        var data = MarketStore.Load(dir);
        Console.WriteLine($"store {dir}: {data.Panel.N} instruments x {data.Panel.T} days, loaded in {load.Elapsed.TotalSeconds:F2} s; " +
                          $"{Environment.ProcessorCount} cores");
        var engine = new FactorEngine(data);

        var features = Alpha158.Set.Required.Select(f => f.Expression).ToList();
        var alphaRuns = new List<(double Wall, double Cpu)>();
        for (var r = 0; r < (quick ? 2 : 3); r++)
        {
            // Counting happens once, after the timed run, so the timing is the engine's alone.
            var kept = new float[features.Count][];
            var (wall, cpu) = Time(() => engine.Evaluate(features, (k, v) => kept[k] = v));
            var finite = r > 0 ? [] : kept.Select(v => { long n = 0; foreach (var x in v) if (float.IsFinite(x)) n++; return n; }).ToArray();
            alphaRuns.Add((wall, cpu));
            if (r == 0) Console.WriteLine($"Alpha158: {features.Count} features, {engine.Graph.Nodes.Count} distinct nodes, {finite.Sum():N0} finite values");
        }
        var byOperator = new Dictionary<string, (int Count, double Seconds)>();
        engine.NodeTimer = (node, elapsed) =>
        {
            var key = node.Operator ?? (node.Field is null ? "constant" : "field");
            var (count, seconds) = byOperator.GetValueOrDefault(key);
            byOperator[key] = (count + 1, seconds + elapsed.TotalSeconds);
        };
        engine.Evaluate(features, (_, _) => { });
        engine.NodeTimer = null;
        Console.WriteLine("Alpha158 time by operator (one profiled run, wall): " + string.Join(", ",
            byOperator.OrderByDescending(p => p.Value.Seconds).Select(p => $"{p.Key} x{p.Value.Count} {p.Value.Seconds * 1e3:F0} ms")));
        var bestAlpha = alphaRuns.MinBy(a => a.Wall);
        Console.WriteLine($"Alpha158 on the whole store: best {bestAlpha.Wall:F2} s wall, {bestAlpha.Cpu:F2} s CPU, of {alphaRuns.Count} run(s) " +
                          $"(wall: {string.Join(", ", alphaRuns.Select(a => a.Wall.ToString("F2", CultureInfo.InvariantCulture)))}); " +
                          $"load average {LoadAverage()}");

        // Our wall time counts the operator nodes only (NodeTimer), as pandas times the operator call on loaded frames;
        // our CPU time is the whole call (the adjusted field is loaded once per engine, in the warm-up).
        var ours = new Dictionary<string, (double Wall, double Cpu)>();
        foreach (var op in Operators)
        {
            engine.Recycle(engine.Evaluate(op)); // warm-up: JIT and the node
            var best = (Wall: double.MaxValue, Cpu: double.MaxValue);
            for (var r = 0; r < (quick ? 2 : 5); r++)
            {
                var opSeconds = 0.0;
                engine.NodeTimer = (node, elapsed) => { if (node.Operator is not null) opSeconds += elapsed.TotalSeconds; };
                float[] result = [];
                var (_, cpu) = Time(() => result = engine.Evaluate(op));
                engine.NodeTimer = null;
                // Done with the result, as pandas drops its frame: the engine may reuse the panel (malloc reuses the
                // freed block on the pandas side), so neither side times faulting in fresh memory.
                engine.Recycle(result);
                best = (Math.Min(best.Wall, opSeconds), Math.Min(best.Cpu, cpu));
            }
            ours[op] = best;
        }
        var theirs = python ? RunPandas(engine, quick) : new Dictionary<string, (double Wall, double Cpu)>();
        Console.WriteLine();
        Console.WriteLine($"{"operator",-34} {"ours wall ms",13} {"CPU ms",9} {"pandas wall ms",15} {"CPU ms",9} {"wall ratio",11} {"CPU ratio",10}");
        var wallRatios = new List<double>();
        var cpuRatios = new List<double>();
        foreach (var op in Operators)
        {
            var o = ours[op];
            var p = theirs.TryGetValue(op, out var s) ? s : (Wall: double.NaN, Cpu: double.NaN);
            double rw = p.Wall / o.Wall, rc = p.Cpu / o.Cpu;
            if (!double.IsNaN(rw)) { wallRatios.Add(rw); cpuRatios.Add(rc); }
            Console.WriteLine($"{op,-34} {o.Wall * 1e3,13:F1} {o.Cpu * 1e3,9:F1} {Ms(p.Wall),15} {Ms(p.Cpu),9} {Ratio(rw),11} {Ratio(rc),10}");
        }
        if (wallRatios.Count > 0)
            Console.WriteLine($"{wallRatios.Count} operators: geometric-mean speed-up {Geo(wallRatios):F1}x wall (min {wallRatios.Min():F1}x), " +
                              $"{Geo(cpuRatios):F1}x CPU (min {cpuRatios.Min():F1}x); load average {LoadAverage()}");
        return 0;
    }

    private static string Ms(double s) => double.IsNaN(s) ? "-" : (s * 1e3).ToString("F1", CultureInfo.InvariantCulture);
    private static string Ratio(double r) => double.IsNaN(r) ? "-" : r.ToString("F1", CultureInfo.InvariantCulture) + "x";
    private static double Geo(List<double> r) => Math.Exp(r.Average(Math.Log));

    private static (double Wall, double Cpu) Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Writes close, volume and membership for the pandas script and reads back its timings.</summary>
    private static Dictionary<string, (double Wall, double Cpu)> RunPandas(FactorEngine engine, bool quick)
    {
        var script = Path.Combine(RepoRoot.Find(), "bench", "reference", "pandas_factors.py");
        var file = Path.Combine(Path.GetTempPath(), $"alphasharp-factors-{Environment.ProcessId}.bin");
        try
        {
            var panel = engine.Data.Panel;
            using (var w = new BinaryWriter(File.Create(file)))
            {
                w.Write(panel.T);
                w.Write(panel.N);
                foreach (var field in new[] { "close", "volume" })
                    foreach (var x in engine.Fields.Load(field)) w.Write(x);
                var mask = engine.Mask ?? Enumerable.Repeat(true, panel.T * panel.N).ToArray();
                foreach (var m in mask) w.Write((byte)(m ? 1 : 0));
            }
            Console.WriteLine($"running pandas reference ({script}) ...");
            var result = new Dictionary<string, (double Wall, double Cpu)>();
            foreach (var line in Python.RunLines($"{script} {file}{(quick ? " --quick" : "")}", "pandas"))
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                result[e.GetProperty("op").GetString()!] = (e.GetProperty("seconds").GetDouble(), e.GetProperty("cpu_seconds").GetDouble());
            }
            return result;
        }
        finally
        {
            File.Delete(file);
        }
    }

}
