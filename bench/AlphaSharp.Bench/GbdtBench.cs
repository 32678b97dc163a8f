using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using AlphaSharp.Models.Classical;

namespace AlphaSharp.Bench;

/// <summary>
/// `gbdt [--quick] [--rows N] [--rounds R]`: the same synthetic matrix (default 200,000 x 158, 1% NaN, planted signal
/// sin(x0) + x1 x2 + 0.1 (x3 + .. + x10) + N(0, 1) noise) fit by AlphaSharp's LightGBM wrapper and by Debian's XGBoost
/// (tree_method hist, leaf-wise), both on 2 threads, with Qlib's Alpha158 settings (depth 8, 210 leaves, learning rate
/// 0.2, L1 205.7, L2 581.0, column share 0.8879, row share 0.8789 drawn every round on both sides) for a fixed number
/// of rounds (no early stopping, so both do the same work). Prints fit seconds (dataset construction + training) and
/// validation MSE of each, their ratios and the CPU model.
/// </summary>
internal static class GbdtBench
{
    private const int Threads = 2;

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var rows = int.Parse(BenchArgs.Value(args, "--rows") ?? (quick ? "50000" : "200000"));
        var rounds = int.Parse(BenchArgs.Value(args, "--rounds") ?? (quick ? "50" : "200"));
        const int features = 158;
        var validRows = rows / 4;
        var (xt, yt) = Make(rows, features, seed: 1);
        var (xv, yv) = Make(validRows, features, seed: 2);

        var dir = Directory.CreateTempSubdirectory("alphasharp-gbdt-");
        try
        {
            Write(dir.FullName, "x_train.f32", xt);
            Write(dir.FullName, "y_train.f32", yt);
            Write(dir.FullName, "x_valid.f32", xv);
            Write(dir.FullName, "y_valid.f32", yv);

            var p = LightGbmParameters.QlibAlpha158 with { NumBoostRound = rounds, EarlyStoppingRounds = 0, BaggingFreq = 1, NumThreads = Threads };
            var sw = Stopwatch.StartNew();
            using var model = LightGbmModel.Fit(p, xt, yt);
            var fit = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var pred = model.Predict(xv, validRows);
            var predictSeconds = sw.Elapsed.TotalSeconds;
            var mse = Mse(pred, yv);

            var line = Python.RunLines($"{Path.Combine(RepoRoot.Find(), "bench", "reference", "xgboost_gbdt.py")} --dir {dir.FullName} " +
                $"--features {features} --rounds {rounds} --threads {Threads}", "xgboost").FirstOrDefault();
            Console.WriteLine($"gbdt: {rows:N0} x {features} train, {validRows:N0} valid, {rounds} rounds, {Threads} threads, var(valid y) {Variance(yv):F4}");
            Console.WriteLine($"cpu: {CpuModel()} ({Environment.ProcessorCount} cores visible)");
            Console.WriteLine($"{"",-22} {"fit s",8} {"valid MSE",10}");
            Console.WriteLine($"{"alphasharp lightgbm",-22} {fit,8:F2} {mse,10:F4}   (predict {validRows:N0} rows: {predictSeconds:F2} s, {model.BestIteration} rounds)");
            if (line is null) return 0;
            using var doc = JsonDocument.Parse(line);
            var xfit = doc.RootElement.GetProperty("fit_seconds").GetDouble();
            var xmse = doc.RootElement.GetProperty("valid_mse").GetDouble();
            var version = doc.RootElement.GetProperty("version").GetString();
            Console.WriteLine($"{"xgboost " + version + " hist",-22} {xfit,8:F2} {xmse,10:F4}");
            Console.WriteLine($"ratio xgboost/alphasharp fit time {xfit / fit:F2}x; MSE alphasharp/xgboost {mse / xmse:F4}");
            return 0;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (float[] X, float[] Y) Make(int rows, int features, int seed)
    {
        var rng = new Random(seed);
        var x = new float[rows * features];
        var y = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var r = x.AsSpan(i * features, features);
            for (var j = 0; j < features; j++) r[j] = (float)Gaussian(rng);
            double s = Math.Sin(r[0]) + r[1] * r[2];
            for (var j = 3; j <= 10; j++) s += 0.1 * r[j];
            y[i] = (float)(s + Gaussian(rng));
            // Missing values after the label is drawn: the label still depends on the hidden value, as in real data.
            for (var j = 0; j < features; j++)
                if (rng.NextDouble() < 0.01) r[j] = float.NaN;
        }
        return (x, y);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static void Write(string dir, string name, float[] values)
    {
        using var f = File.Create(Path.Combine(dir, name));
        f.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static double Mse(float[] p, float[] y)
    {
        double s = 0;
        for (var i = 0; i < p.Length; i++) s += ((double)p[i] - y[i]) * ((double)p[i] - y[i]);
        return s / p.Length;
    }

    private static double Variance(float[] y)
    {
        var mean = y.Average(v => (double)v);
        return y.Average(v => (v - mean) * (v - mean));
    }

    private static string CpuModel()
    {
        try
        {
            foreach (var l in File.ReadLines("/proc/cpuinfo"))
                if (l.StartsWith("model name", StringComparison.Ordinal)) return l[(l.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
