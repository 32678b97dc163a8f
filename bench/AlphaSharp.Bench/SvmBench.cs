using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AlphaSharp.Models.Classical.Svm;

namespace AlphaSharp.Bench;

/// <summary>
/// `svm`: SVC and SVR (RBF, C = 1, gamma 'scale', tol 1e-3, 200 MB cache) on a seeded 5,000 x 20 set, ours (double
/// and float32 kernel values) beside sklearn (bench/reference/sklearn_svm.py on the same CSV), printing fit times,
/// support-vector counts and the largest decision-value difference on the first 200 rows.
/// Options: --rows N (default 5000), --no-python.
/// </summary>
public static class SvmBench
{
    public static int Run(string[] args)
    {
        var n = int.Parse(BenchArgs.Value(args, "--rows") ?? "5000", CultureInfo.InvariantCulture);
        const int d = 20;
        var rng = new Random(20261202);
        var x = new double[n, d];
        var labels = new int[n];
        var targets = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++) x[i, j] = Gaussian(rng);
            var s = x[i, 0] + 0.5 * x[i, 1] * x[i, 2] - 0.7 * Math.Sin(2 * x[i, 3]) + 0.8 * Gaussian(rng);
            labels[i] = s > 0 ? 1 : 0;
            targets[i] = Math.Sin(x[i, 0]) + 0.3 * x[i, 1] * x[i, 2] + 0.1 * Gaussian(rng);
        }
        var csv = Path.Combine(Path.GetTempPath(), $"alphasharp-svm-bench-{Environment.ProcessId}.csv");
        var text = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            text.Append(labels[i]).Append(',').Append(targets[i].ToString("R", CultureInfo.InvariantCulture));
            for (var j = 0; j < d; j++) text.Append(',').Append(x[i, j].ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        File.WriteAllText(csv, text.ToString());
        var head = new double[200, d];
        for (var i = 0; i < 200; i++) for (var j = 0; j < d; j++) head[i, j] = x[i, j];

        var ours = new Dictionary<string, double[]>();
        Console.WriteLine($"svm bench: {n} x {d}, RBF, C = 1, gamma 'scale', tol 1e-3; {Environment.ProcessorCount} cores");
        foreach (var float32 in new[] { false, true })
        {
            var options = new SvmOptions { C = 1, Float32KernelValues = float32 };
            var watch = Stopwatch.StartNew();
            var svc = SupportVectorClassifier.Fit(x, labels, options);
            var svcSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var svr = SupportVectorRegressor.Fit(x, targets, options);
            var svrSeconds = watch.Elapsed.TotalSeconds;
            var tag = float32 ? "float32 K" : "double K";
            Console.WriteLine($"  ours ({tag}): SVC {svcSeconds:F2} s ({svc.SupportVectorCount} SV, {svc.Iterations} steps), " +
                              $"SVR {svrSeconds:F2} s ({svr.SupportVectorCount} SV, {svr.Iterations} steps)");
            ours[$"svc_rbf/{tag}"] = svc.DecisionFunction(head);
            ours[$"svr_rbf/{tag}"] = svr.Predict(head);
        }
        if (!args.Contains("--no-python"))
            foreach (var line in Python.RunLines($"{Path.Combine(RepoRoot.Find(), "bench", "reference", "sklearn_svm.py")} {csv}", "sklearn"))
            {
                var o = JsonDocument.Parse(line).RootElement;
                var name = o.GetProperty("case").GetString()!;
                var f = o.GetProperty("decision").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var diffs = string.Join(", ", new[] { "double K", "float32 K" }.Select(t =>
                    $"{t} max |diff| {f.Zip(ours[$"{name}/{t}"], (a, b) => Math.Abs(a - b)).Max():E2}"));
                Console.WriteLine($"  sklearn {name}: {o.GetProperty("seconds").GetDouble():F2} s ({o.GetProperty("n_support").GetInt32()} SV); {diffs}");
            }
        File.Delete(csv);
        return 0;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
