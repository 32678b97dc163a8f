using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AlphaSharp.Common;
using AlphaSharp.Data.Export;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.MultiFactor;
using AlphaSharp.Factors.FeatureSets;
using AlphaSharp.Factors;
using AlphaSharp.Reports.Research;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AlphaSharp.Cli;

/// <summary>
/// `alphasharp factor multi [--config FILE] --out DIR`: paper 001's multi-factor pipeline (screening, direction, z-score,
/// orthogonalisation, weighting, monthly quintile test) writing report.html, screening.csv and quintiles.csv into a new
/// directory. Without --config the paper's settings apply; a YAML file overrides any of them (see configs/paper001.yaml).
/// </summary>
public static class MultiFactorCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "YAML settings (default: paper 001's, as in configs/paper001.yaml)", HelpName = "FILE" };
        var store = new Option<string?>("--store") { Description = "Store directory (default: the shipped CSI 300 store)", HelpName = "DIR" };
        var output = new Option<string>("--out") { Description = "New directory for report.html, screening.csv and quintiles.csv", Required = true, HelpName = "DIR" };
        var cmd = new Command("multi", "Paper 001's multi-factor model: IC screening, orthogonalisation, composite and its quintile test") { config, store, output };
        cmd.SetAction(p => CliErrors.Guard(() => Run(p.GetValue(config), p.GetValue(store), p.GetValue(output)!)));
        return cmd;
    }

    private static int Run(string? configPath, string? storeDir, string outDir)
    {
        if (configPath is null) return Run(new MultiFactorOptions(), null, storeDir, outDir);
        if (!File.Exists(configPath)) throw new InputException($"--config {configPath}: no such file");
        return Run(Load(configPath), configPath, storeDir, outDir);
    }

    /// <summary>A multi-factor settings file, checked (a bad key or value: one line naming file:line); the store resolves its factors later.</summary>
    public static MultiFactorOptions Load(string configPath)
    {
        var lines = new ConfigSettingLines(configPath);
        try
        {
            var options = ReadConfig(configPath, lines);
            options.Validate();
            return options;
        }
        catch (SettingException e)
        {
            throw new InputException(lines.Describe(e));
        }
    }

    private static int Run(MultiFactorOptions options, string? configPath, string? storeDir, string outDir)
    {
        var clock = Stopwatch.StartNew();
        options.Validate();
        if (Directory.Exists(outDir) || File.Exists(outDir))
            throw new InputException($"--out {outDir}: already exists; choose a new output directory (nothing was overwritten)");
        var (data, source) = CliStores.Load(storeDir);
        if (data.Universe is null) throw new InputException($"{source}: the store has no universe; the pipeline works on point-in-time members");
        var (available, unavailable) = new FeatureSet("config", "", options.Factors, options.Unavailable).Resolve(new FactorEngine(data));
        options = options with { Factors = available, Unavailable = unavailable };
        if (available.Count == 0)
            throw new InputException($"{configPath ?? "paper 001"}: none of the candidate factors can be computed on {source} ({string.Join("; ", unavailable.Select(u => $"{u.Name}: {u.Reason}"))})");
        var result = CliConsole.WithProgress("multi-factor pipeline", _ => MultiFactorPipeline.Run(data, options));
        using var staged = new StagedDirectory(outDir);
        using (var files = new AtomicFileSet())
        {
            files.AddText(Path.Combine(staged.Path, "report.html"), MultiFactorReport.Build(data, options, result, source).Render());
            files.Add(Path.Combine(staged.Path, "screening.csv"), w => CsvTable.WriteTo(w,
                ["factor", "horizon", "mean_ic", "ic_ir", "mean_rank_ic", "rank_ic_ir", "month_ends", "coverage", "passes"],
                result.Screening.Select(c => (IReadOnlyList<string>)[c.Factor, c.Horizon.ToString(CultureInfo.InvariantCulture), CsvTable.Number(c.Ic.Mean),
                    CsvTable.Number(c.Ic.IcIr), CsvTable.Number(c.RankIc.Mean), CsvTable.Number(c.RankIc.IcIr), c.Ic.Count.ToString(CultureInfo.InvariantCulture),
                    CsvTable.Number(c.Coverage), c.Passes ? "true" : "false"]), "screening.csv"));
            files.Add(Path.Combine(staged.Path, "quintiles.csv"), w => CsvTable.WriteTo(w, ["date", "quintile", "return", "excess", "count"],
                Enumerable.Range(0, result.Quintiles.Dates.Length).SelectMany(k => Enumerable.Range(0, result.Quintiles.Layers).Select(q => (IReadOnlyList<string>)[
                    CsvTable.Date(data.Calendar[result.Quintiles.Dates[k]]), (q + 1).ToString(CultureInfo.InvariantCulture),
                    CsvTable.Number(result.Quintiles.Returns[q][k]), CsvTable.Number(result.Quintiles.Returns[q][k] - result.Quintiles.Universe[k]),
                    result.Quintiles.Counts[q][k].ToString(CultureInfo.InvariantCulture)])), "quintiles.csv"));
            files.Commit();
        }
        staged.Commit();
        foreach (var c in result.Screening)
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Factor,-10} {c.Horizon,3}d  IC {c.Ic.Mean,8:F4}  IC_IR {c.Ic.IcIr,7:F3}  coverage {c.Coverage,6:P1}  {(c.Passes ? "passes" : "")}"));
        var l = result.Quintiles;
        if (result.NonePassed) Console.Out.WriteLine(result.Selected.Count == 0 ? "no factor passed the screening: no composite" : "no factor passed the screening: the composite combines every candidate, as the paper does");
        if (result.Selected.Count > 0) Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"composite of {string.Join(", ", result.Selected.Select(s => (s.Direction < 0 ? "-" : "") + s.Name))}: quintile 1 {l.Annualize(l.Excess(0)):P2}, quintile {l.Layers} {l.Annualize(l.Excess(l.Layers - 1)):P2} annualised excess; long-short {l.Annualize(l.LongShort):P2}"));
        foreach (var u in unavailable) Console.Out.WriteLine($"unavailable {u.Name}: {u.Reason}");
        Console.Out.WriteLine($"wrote report.html, screening.csv, quintiles.csv to {outDir} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>
    /// Reads the YAML settings, whose keys are the options' setting names, noting each key's line in <paramref name="lines"/>;
    /// an unknown key or a bad value is one line naming file:line (a bad value as a <see cref="SettingException"/>).
    /// </summary>
    private static MultiFactorOptions ReadConfig(string path, ConfigSettingLines lines)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InputException($"{path}:{e.Start.Line}: not valid YAML ({e.Message})");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new InputException($"{path}: expected a mapping of settings (key: value)");
        var o = new MultiFactorOptions();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            lines.Add(key, (int)keyNode.Start.Line);
            string Where() => $"{path}:{keyNode.Start.Line}: {key}";
            string Scalar() => value is YamlScalarNode s && s.Value is not null ? s.Value : throw new InputException($"{Where()}: expected a single value");
            double Number() => SettingParsers.Number(key, Scalar());
            DateOnly Date() => SettingParsers.Date(key, Scalar());
            T Choice<T>(SettingChoices<T> choices) where T : notnull => choices.Parse(key, Scalar());
            o = key switch
            {
                "factors" => value switch
                {
                    YamlScalarNode s => FeatureSetCatalog.TryGet(s.Value ?? "", out var set) ? o with { Factors = set.Required, Unavailable = set.Missing }
                        : throw new InputException($"{Where()}: no feature set '{s.Value}'; give a set name or a mapping name: expression"),
                    YamlMappingNode m => o with { Factors = m.Children.Select(p => new Feature(((YamlScalarNode)p.Key).Value ?? "", (p.Value as YamlScalarNode)?.Value
                        ?? throw new InputException($"{path}:{p.Key.Start.Line}: factor expression must be a single value"))).ToList(), Unavailable = [] },
                    _ => throw new InputException($"{Where()}: give a feature set name or a mapping name: expression"),
                },
                "horizons" => o with
                {
                    Horizons = value is YamlSequenceNode seq
                        ? SettingParsers.Horizons(seq.Children.Select(c => (c as YamlScalarNode)?.Value).ToList())
                        : throw new InputException($"{Where()}: expected a list such as [5, 15, 30]"),
                },
                "min_abs_ic" => o with { MinAbsIc = Number() },
                "min_abs_icir" => o with { MinAbsIcIr = Number() },
                "pass_all_horizons" => o with { PassAllHorizons = Choice(SettingParsers.TrueFalse) },
                "orthogonalization" => o with { Orthogonalization = Choice(MultiFactorOptions.OrthogonalizationChoices) },
                "weighting" => o with { Weighting = Choice(MultiFactorOptions.WeightingChoices) },
                "keep_all_if_none_pass" => o with { KeepAllIfNonePass = Choice(SettingParsers.TrueFalse) },
                "fill_missing" => o with { FillMissingWithMean = Choice(MultiFactorOptions.FillMissingChoices) },
                "winsorize_mad" => o with { WinsorizeMad = Number() },
                "screen_start" => o with { ScreenStart = Date() },
                "screen_end" => o with { ScreenEnd = Date() },
                "test_start" => o with { TestStart = Date() },
                "test_end" => o with { TestEnd = Date() },
                "layers" => o with { Layers = SettingParsers.Whole(key, Scalar()) },
                _ => throw new InputException($"{Where()}: unknown setting (known: factors, horizons, min_abs_ic, min_abs_icir, pass_all_horizons, keep_all_if_none_pass, fill_missing, orthogonalization, weighting, winsorize_mad, screen_start, screen_end, test_start, test_end, layers)"),
            };
        }
        return o;
    }
}
