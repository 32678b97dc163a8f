using System.CommandLine;
using System.Globalization;
using AlphaSharp.Common;
using AlphaSharp.Models.Experiments;

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
        var output = new Option<string>("--out") { Description = "New directory for results.csv and results.md", Required = true, HelpName = "DIR" };
        var benchmark = new Command("benchmark", "Qlib's Alpha158 benchmark protocol: train 2011-2014, valid 2015-2016, test 2017-01..2020-07; IC, ICIR, Rank IC, Rank ICIR")
        {
            models, seeds, maxEpochs, store, output,
        };
        benchmark.SetAction(p => CliErrors.Guard(() => Run(p.GetValue(models)!, p.GetValue(seeds), p.GetValue(maxEpochs), p.GetValue(store), p.GetValue(output)!),
            new SettingFlags(("seeds", seeds))));
        return new Command("models", "Model studies") { benchmark };
    }

    private static int Run(string modelList, int seeds, int maxEpochs, string? storeDir, string outDir)
    {
        if (Directory.Exists(outDir) || File.Exists(outDir)) throw new InputException($"{outDir}: already exists; choose a new output directory");
        if (maxEpochs < 1) throw new InputException($"--max-epochs {maxEpochs}: need at least one epoch");
        var kinds = modelList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (data, source) = CliStores.Load(storeDir);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = QlibBenchmark.Run(data, kinds, seeds, maxEpochs, line => Console.Error.WriteLine($"  {clock.Elapsed.TotalMinutes:F1} min  {line}"));
        using var staged = new StagedDirectory(outDir);
        static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        CsvTable.Write(Path.Combine(staged.Path, "results.csv"),
            ["model", "seeds", "ic", "ic_std", "icir", "icir_std", "rank_ic", "rank_ic_std", "rank_icir", "rank_icir_std", "seconds", "settings"],
            rows.Select(r => (IReadOnlyList<string>)[r.Model, r.Seeds.ToString(CultureInfo.InvariantCulture), F(r.Ic), F(r.IcStd), F(r.IcIr), F(r.IcIrStd),
                F(r.RankIc), F(r.RankIcStd), F(r.RankIcIr), F(r.RankIcIrStd), r.Seconds.ToString("F0", CultureInfo.InvariantCulture), r.Settings]));
        var md = new System.Text.StringBuilder();
        md.AppendLine($"| model | seeds | IC | ICIR | Rank IC | Rank ICIR | wall s | settings |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            md.AppendLine($"| {r.Model} | {r.Seeds} | {F(r.Ic)} ± {F(r.IcStd)} | {F(r.IcIr)} ± {F(r.IcIrStd)} | {F(r.RankIc)} ± {F(r.RankIcStd)} | {F(r.RankIcIr)} ± {F(r.RankIcIrStd)} | {r.Seconds:F0} | {r.Settings} |");
        AtomicFile.WriteAllText(Path.Combine(staged.Path, "results.md"), md.ToString());
        staged.Commit();
        Console.Write(md);
        Console.WriteLine($"store {source}; {clock.Elapsed.TotalMinutes:F1} min; written to {outDir}/results.md");
        return 0;
    }
}
