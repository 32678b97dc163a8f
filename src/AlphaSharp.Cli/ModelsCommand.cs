using System.CommandLine;
using System.Globalization;
using AlphaSharp.Common;
using AlphaSharp.Models.Experiments;
using AlphaSharp.Models.Training;

namespace AlphaSharp.Cli;

/// <summary>`alphasharp models benchmark`: Qlib's benchmark protocol (Alpha158) for a list of models, test-period IC table.</summary>
public static class ModelsCommand
{

    public static Command Create()
    {
        var models = new Option<string>("--models") { Description = "Comma-separated models (linear, mlp, lstm, gru, rnn, keras_lstm, ...)", DefaultValueFactory = _ => "linear,mlp,lstm,gru" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per stochastic model", DefaultValueFactory = _ => 3 };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Cap on each network's epochs (Qlib's own: 200 with early stopping)", DefaultValueFactory = _ => 200 };
        var store = new Option<string?>("--store") { Description = "Store directory (default: the shipped CSI 300 store)", HelpName = "DIR" };
        var stop = new Option<string?>("--stop") { Description = "Stop every network on the validation loss, IC or top-fifth Sharpe (default: Qlib's, the loss)", HelpName = "loss|ic|sharpe" };
        var patience = new Option<int?>("--patience") { Description = "Epochs without a better validation figure before a network stops (default: each model's Qlib setting)", HelpName = "N" };
        var output = new Option<string>("--out")
        {
            Description = "Directory for fits.csv (each fit as it ends), results.csv and results.md; a directory holding a stopped run's fits.csv resumes it",
            Required = true, HelpName = "DIR",
        };
        var benchmark = new Command("benchmark", "Qlib's Alpha158 benchmark protocol: train 2011-2014, valid 2015-2016, test 2017-01..2020-07; IC, ICIR, Rank IC, Rank ICIR")
        {
            models, seeds, maxEpochs, stop, patience, store, output,
        };
        benchmark.SetAction(p => CliErrors.Guard(() =>
            {
                var options = new BenchmarkOptions(p.GetValue(maxEpochs), p.GetValue(stop) is { } metric ? TrainerOptions.StopMetrics.Parse("stop", metric) : (StopMetric?)null, p.GetValue(patience));
                return Run(p.GetValue(models)!, p.GetValue(seeds), options, p.GetValue(store), p.GetValue(output)!);
            },
            new SettingFlags(("seeds", seeds), ("max_epochs", maxEpochs), ("patience", patience), ("stop", stop))));
        return new Command("models", "Model studies") { benchmark };
    }

    private static int Run(string modelList, int seeds, BenchmarkOptions options, string? storeDir, string outDir)
    {
        if (File.Exists(outDir)) throw new InputException($"{outDir}: is a file; --out takes a directory");
        if (Directory.Exists(outDir) && !File.Exists(Path.Combine(outDir, "fits.csv")) && Directory.EnumerateFileSystemEntries(outDir).Any())
            throw new InputException($"{outDir}: exists and holds no benchmark run (no fits.csv); choose a new output directory");
        options.Validate();
        var kinds = modelList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var kind in kinds) QlibBenchmark.Create(kind, 1, options); // a bad name fails before the store loads or the directory is made
        if (seeds < 1) throw new SettingException($"{new SettingName("seeds")} {seeds}: need at least one seed");
        var (data, source) = CliStores.Load(storeDir);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var journal = BenchmarkJournal.Open(outDir);
        var live = LiveLine.ForStderr();
        var rows = QlibBenchmark.Run(data, kinds, seeds, options, line => live.WriteLine($"  {clock.Elapsed.TotalMinutes:F1} min  {line}"), journal,
            status => live.Update($"  {clock.Elapsed.TotalMinutes:F1} min  {status}"));
        static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        CsvTable.Write(Path.Combine(outDir, "results.csv"),
            ["model", "seeds", "ic", "ic_std", "icir", "icir_std", "rank_ic", "rank_ic_std", "rank_icir", "rank_icir_std", "seconds", "settings"],
            rows.Select(r => (IReadOnlyList<string>)[r.Model, r.Seeds.ToString(CultureInfo.InvariantCulture), F(r.Ic), F(r.IcStd), F(r.IcIr), F(r.IcIrStd),
                F(r.RankIc), F(r.RankIcStd), F(r.RankIcIr), F(r.RankIcIrStd), r.Seconds.ToString("F0", CultureInfo.InvariantCulture), r.Settings]));
        var md = new System.Text.StringBuilder();
        md.AppendLine($"| model | seeds | IC | ICIR | Rank IC | Rank ICIR | wall s | settings |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            md.AppendLine($"| {r.Model} | {r.Seeds} | {F(r.Ic)} ± {F(r.IcStd)} | {F(r.IcIr)} ± {F(r.IcIrStd)} | {F(r.RankIc)} ± {F(r.RankIcStd)} | {F(r.RankIcIr)} ± {F(r.RankIcIrStd)} | {r.Seconds:F0} | {r.Settings} |");
        AtomicFile.WriteAllText(Path.Combine(outDir, "results.md"), md.ToString());
        Console.Write(md);
        Console.WriteLine($"store {source}; {clock.Elapsed.TotalMinutes:F1} min; written to {outDir}/results.md");
        return 0;
    }
}
