using System.Diagnostics;
using AlphaSharp.Backtest.Strategies;
using AlphaSharp.Backtest;
using AlphaSharp.Data;
using AlphaSharp.Factors;

namespace AlphaSharp.Bench;

/// <summary>
/// `backtest`: TopK-Dropout (topk 50, n_drop 5) rebalanced daily over the whole shipped CSI 300 store under the China
/// rules, scores = a 5-day mean-reversion factor (Mean($close,5)/$close) computed once by the factor engine.
/// Reports the time to load the store, to build the market view (once per store), and the run itself (best of
/// several, with and without recording daily positions); the budget is 1 s per run, the goal 0.2 s.
/// Each run reports wall time and the process's CPU time over it: the loop is single-threaded, so on a machine shared
/// with other work the CPU time is the better measure of what the run costs.
/// Options: --store DIR (default: ALPHASHARP_DATA or data/cn_csi300 above the program), --quick (one run each).
/// </summary>
public static class BacktestBench
{
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var storeAt = Array.IndexOf(args, "--store");
        var dir = storeAt >= 0 && storeAt + 1 < args.Length ? args[storeAt + 1] : RepoRoot.ShippedStore;
        var sw = Stopwatch.StartNew();
        var data = MarketStore.Load(dir);
        Console.WriteLine($"store {dir}: {data.Panel.N} instruments x {data.Panel.T} days, loaded in {sw.Elapsed.TotalSeconds:F2} s; {Environment.ProcessorCount} cores");

        sw.Restart();
        var cpu0 = Cpu();
        var market = MarketView.From(data);
        var viewSeconds = sw.Elapsed.TotalSeconds;
        var viewCpu = Cpu() - cpu0;
        sw.Restart();
        var scores = new ScoreTable(market, PanelArray.Of(data.Panel, FactorEngine.Evaluate(data, "Mean($close,5)/$close")));
        Console.WriteLine($"market view built in {viewSeconds:F3} s wall, {viewCpu:F3} s CPU (once per store, parallel over instruments); " +
                          $"scores (Mean($close,5)/$close) in {sw.Elapsed.TotalSeconds:F3} s");

        foreach (var record in new[] { true, false })
        {
            var options = new BacktestOptions { RecordPositions = record };
            var times = new List<double>();
            var cpus = new List<double>();
            BacktestResult? result = null;
            for (var r = 0; r < (quick ? 1 : 8); r++)
            {
                var c0 = Cpu();
                sw.Restart();
                result = Backtester.Run(market, scores, new TopkDropoutStrategy(50, 5), options);
                times.Add(sw.Elapsed.TotalSeconds);
                cpus.Add(Cpu() - c0);
            }
            var res = result!;
            var fills = res.Trades.Count(t => t.Filled);
            var refused = res.Trades.Count - fills;
            var total = res.Values[^1] / res.InitialCash - 1;
            var bench = res.BenchmarkReturns.Where(double.IsFinite).Aggregate(1.0, (w, x) => w * (1 + x)) - 1;
            // The first run pays for JIT; the best of the rest is the steady cost.
            var best = times.Count > 1 ? times.Skip(1).Min() : times[0];
            var bestCpu = cpus.Count > 1 ? cpus.Skip(1).Min() : cpus[0];
            Console.WriteLine($"TopK-Dropout(50, 5) daily, {res.Count} days, positions {(record ? "recorded" : "not recorded")}: " +
                              $"best {best:F3} s wall / {bestCpu:F3} s CPU, first {times[0]:F3} s wall / {cpus[0]:F3} s CPU (JIT), median {Median(times.Skip(1)):F3} s wall " +
                              $"({fills:N0} fills, {refused:N0} refused orders, " +
                              $"{res.Positions.Count:N0} position rows; total return {total:P1} vs benchmark {bench:P1}) " +
                              $"[budget 1 s, goal 0.2 s: wall {Verdict(best)}, CPU {Verdict(bestCpu)}]");
        }
        return 0;
    }

    private static string Verdict(double seconds) => seconds <= 0.2 ? "goal met" : seconds <= 1 ? "within budget" : "OVER BUDGET";

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static double Median(IEnumerable<double> xs)
    {
        var a = xs.Order().ToArray();
        return a.Length == 0 ? double.NaN : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }

}
