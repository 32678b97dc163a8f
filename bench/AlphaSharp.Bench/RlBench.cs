using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AlphaSharp.Backtest;
using AlphaSharp.Data;
using AlphaSharp.Factors;
using AlphaSharp.Models.Rl;
using AlphaSharp.Nn;

namespace AlphaSharp.Bench;

/// <summary>
/// `rl`: the reinforcement-learning loop's two costs beside PyTorch in one run (bench/reference/torch_rl.py): trading
/// environment steps per second (one shipped-store stock, 10 features plus 4 position values over a 10-day window,
/// random actions, episodes restarted at the end) and DQN gradient updates per second (LSTM Q-network of 2 layers,
/// Huber loss, target network, Adam, clipping, batch 32 from a replay). Ours runs the A-share rules (limits, T+1,
/// lots, suspensions) through TradingSession; the Python environment is the same loop without those checks.
/// Options: --steps N (200000), --updates N (1000), --hidden N (32), --batch N (32), --no-python.
/// </summary>
public static class RlBench
{
    private const int Window = 10;

    public static int Run(string[] args)
    {
        int Arg(string name, int d) => int.Parse(BenchArgs.Value(args, name) ?? d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var (steps, updates, hidden, batch) = (Arg("--steps", 200_000), Arg("--updates", 1_000), Arg("--hidden", 32), Arg("--batch", 32));
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() : null;
        Console.WriteLine($"rl bench on {cpu ?? "an unknown CPU"}, {Environment.ProcessorCount} cores; window {Window}, LSTM 2 x {hidden}, batch {batch}");

        // The environment's market is the traded stock alone (MarketData.Only): each day's loop is over it, not the store.
        var data = MarketStore.Load(RepoRoot.ShippedStore).Only(["SH600519"]);
        var market = MarketView.From(data);
        var i = 0;
        var features = Paper002Features.Evaluate(data);
        var T = data.Calendar.Count;
        var first = Enumerable.Range(0, T).First(t => features.All(f => float.IsFinite(f[i * T + t]))) + Window;
        var scaler = ObservationScaler.Fit(features, i, T, first, T - 1);
        var env = new TradingEnvironment(market, i, features, scaler, first, T - 1, new BacktestOptions { InitialCash = 100_000 },
            new TradingEnvironmentOptions { Window = Window, Reward = RewardKind.Return });

        var rng = new Rng(1);
        var obs = env.Reset();
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < steps; k++)
        {
            var s = env.Step((TradeAction)rng.NextInt(3));
            if (s.Done) env.Reset();
        }
        var envRate = steps / clock.Elapsed.TotalSeconds;

        var agent = new DqnAgent(Window, env.StepFeatures, 3, new DqnOptions { Hidden = hidden, Layers = 2, BatchSize = batch, WarmUp = batch, ReplayCapacity = 4096, TargetEvery = 250 });
        agent.Train(new TradingEnvironmentAdapter(env), 1); // fills the replay (one episode of the store's days) and warms the code
        for (var k = 0; k < 50; k++) agent.Learn();
        clock.Restart();
        for (var k = 0; k < updates; k++) agent.Learn();
        var updateRate = updates / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  ours:    {envRate,10:F0} env steps/s  {updateRate,8:F0} updates/s");

        if (args.Contains("--no-python")) return 0;
        var csv = Path.Combine(Path.GetTempPath(), $"alphasharp-rl-bench-{Environment.ProcessId}.csv");
        var text = new StringBuilder();
        for (var t = first - Window + 1; t < T; t++)
        {
            text.Append(market.Open[t * market.N + i].ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(market.Close[t * market.N + i].ToString("R", CultureInfo.InvariantCulture));
            foreach (var f in features) text.Append(',').Append((float.IsFinite(f[i * T + t]) ? f[i * T + t] : 0f).ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        File.WriteAllText(csv, text.ToString());
        var script = Path.Combine(RepoRoot.Find(), "bench", "reference", "torch_rl.py");
        foreach (var line in Python.RunLines($"{script} {csv} {Window} {hidden} {batch} {steps} {updates} {Environment.ProcessorCount}", "torch"))
        {
            var o = JsonDocument.Parse(line).RootElement;
            var (pyEnv, pyUpdates) = (o.GetProperty("env_steps_per_s").GetDouble(), o.GetProperty("updates_per_s").GetDouble());
            Console.WriteLine($"  pytorch: {pyEnv,10:F0} env steps/s  {pyUpdates,8:F0} updates/s  (torch {o.GetProperty("threads").GetInt32()} threads)");
            Console.WriteLine($"  ratio:   {envRate / pyEnv,10:F2}x env steps  {updateRate / pyUpdates,7:F2}x updates");
        }
        File.Delete(csv);
        return 0;
    }
}
