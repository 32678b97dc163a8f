using System.Diagnostics;
using System.Text.Json;
using AlphaSharp.Data;

namespace AlphaSharp.Bench;

/// <summary>
/// `data`: times importing a long bars CSV (parse + date x symbol panel) and loading the shipped store, and runs
/// pandas.read_csv on the same file (bench/reference/pandas_data.py) in the same run, printing the ratio.
/// Options: --bars FILE (default ../shared/data/cn_csi300/bars.csv.gz or $ALPHASHARP_BARS), --store DIR (default
/// the shipped data/cn_csi300), --repeat N (default 3), --no-python. Targets on a 2-core machine: import at most
/// 10 s, load at most 0.5 s. `data qlib-large` is the Qlib import at full public-tree size (<see cref="QlibLargeBench"/>).
/// </summary>
public static class DataBench
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "qlib-large") return QlibLargeBench.Run(args[1..]);
        var root = RepoRoot.Find();
        var bars = BenchArgs.Value(args, "--bars") ?? Environment.GetEnvironmentVariable("ALPHASHARP_BARS")
            ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "cn_csi300", "bars.csv.gz"));
        var store = BenchArgs.Value(args, "--store") ?? Path.Combine(root, "data", "cn_csi300");
        var repeat = int.Parse(BenchArgs.Value(args, "--repeat") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var python = !args.Contains("--no-python");
        // Wall times mean little on a busy machine; the load average says how busy, CPU times stay comparable.
        var load = File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : "";
        Console.WriteLine($"data bench: {Environment.ProcessorCount} cores{load}, .NET {Environment.Version}, repeat {repeat}");

        double importBest = double.NaN;
        if (File.Exists(bars))
        {
            Panel? panel = null;
            var times = Time(repeat, () =>
            {
                var table = LongTable.Read(bars);
                panel = LongTablePanel.ToPanel(table);
            });
            importBest = times.Min(t => t.Wall);
            var closeSum = panel!.Field("close").Where(v => !float.IsNaN(v)).Sum(v => (double)v);
            Console.WriteLine($"import {Path.GetFileName(bars)} ({new FileInfo(bars).Length / 1e6:F1} MB gzip): {panel.N} symbols x {panel.T} days, close sum {closeSum:F2}");
            Report("  AlphaSharp import (parse + panel)", times);
            if (python)
            {
                var reference = Pandas(root, bars);
                if (reference is { } r)
                {
                    Console.WriteLine($"  pandas {r.Version} read_csv:             best {r.Seconds:F3} s ({r.Rows:N0} rows, {r.Symbols} symbols, close sum {r.CloseSum:F2})");
                    Console.WriteLine($"  ratio pandas / AlphaSharp:          {r.Seconds / importBest:F1}x");
                }
            }
        }
        else Console.WriteLine($"import skipped: {bars} not found (pass --bars FILE)");

        var loadTimes = Time(repeat, () => MarketStore.Load(store));
        var bytes = Directory.GetFiles(store).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"load store {store} ({bytes / 1e6:F1} MB on disk)");
        Report("  MarketStore.Load (all fields)", loadTimes);
        string[] few = ["close", "factor", "volume"];
        Report($"  MarketStore.Load ({string.Join(", ", few)})", Time(repeat, () => MarketStore.Load(store, few)));
        Console.WriteLine($"targets: import <= 10 s ({(importBest <= 10 ? "met" : double.IsNaN(importBest) ? "not run" : "MISSED")}), " +
                          $"load <= 0.5 s ({(loadTimes.Min(t => t.Wall) <= 0.5 ? "met" : "MISSED")})");
        return 0;
    }

    private static List<(double Wall, double Cpu)> Time(int repeat, Action work)
    {
        var times = new List<(double, double)>();
        for (var k = 0; k < repeat; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            work();
            var wall = sw.Elapsed.TotalSeconds;
            process.Refresh();
            times.Add((wall, (process.TotalProcessorTime - cpu0).TotalSeconds));
        }
        return times;
    }

    private static void Report(string label, List<(double Wall, double Cpu)> times) =>
        Console.WriteLine($"{label,-38} first {times[0].Wall:F3} s (incl. JIT), best {times.Min(t => t.Wall):F3} s wall, " +
                          $"CPU {times.MinBy(t => t.Wall).Cpu:F3} s");

    private sealed record PandasResult(double Seconds, long Rows, int Symbols, double CloseSum, string Version);

    private static PandasResult? Pandas(string root, string bars)
    {
        const string interpreter = "/usr/bin/python3";
        var script = Path.Combine(root, "bench", "reference", "pandas_data.py");
        if (!File.Exists(interpreter))
        {
            Console.WriteLine($"  (pandas reference skipped: {interpreter} not found)");
            return null;
        }
        var psi = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(bars);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {interpreter}");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith('{'));
        if (p.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"  (pandas reference failed: {stderr.Result.Trim().Split('\n').LastOrDefault()})");
            return null;
        }
        using var doc = JsonDocument.Parse(line);
        var e = doc.RootElement;
        return new PandasResult(e.GetProperty("seconds").GetDouble(), e.GetProperty("rows").GetInt64(), e.GetProperty("symbols").GetInt32(),
            e.GetProperty("close_sum").GetDouble(), e.GetProperty("pandas").GetString() ?? "");
    }


}
