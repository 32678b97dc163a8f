using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AlphaSharp.Common;
using AlphaSharp.Data.Export;
using AlphaSharp.Data;
using AlphaSharp.Evaluation.Factor;
using AlphaSharp.Factors;
using AlphaSharp.Reports.Research;

namespace AlphaSharp.Cli;

/// <summary>
/// `alphasharp factor eval "EXPR"`: IC / Rank IC per horizon, by year and month, decay, an N-layer test and turnover of
/// one factor on the universe members, written as report.html, ic.csv, layers.csv and factor.csv into a new directory
/// (built under a temporary name, renamed at the end; any error leaves nothing).
/// </summary>
public static class FactorEvalCommand
{
    private static readonly FactorEvalOptions Defaults = new();

    public static Command Create()
    {
        var expression = new Argument<string>("expression") { Description = "Factor expression (Qlib syntax), e.g. '-($close/Ref($close,20)-1)'" };
        var store = new Option<string?>("--store") { Description = "Store directory (default: the shipped CSI 300 store)", HelpName = "DIR" };
        var universe = new Option<string?>("--universe") { Description = "Universe whose point-in-time members form each cross-section (default: the store's)", HelpName = "NAME" };
        var horizons = new Option<string>("--horizons") { Description = "Forward-return horizons in trading days", DefaultValueFactory = _ => string.Join(",", Defaults.Horizons), HelpName = "H1,H2,..." };
        var layers = new Option<int>("--layers") { Description = "Number of layers of the layer test", DefaultValueFactory = _ => Defaults.Layers };
        var price = new Option<string>("--price") { Description = "Label price: close (t to t+h), open or vwap (t+1 to t+1+h)", DefaultValueFactory = _ => FactorEvalOptions.PriceChoices.NameOf(Defaults.Price), HelpName = "close|open|vwap" };
        price.AcceptOnlyFromAmong([.. FactorEvalOptions.PriceChoices.Names]);
        var label = new Option<string>("--label")
        {
            Description = "What the IC is measured against: return (forward return), excess (minus the benchmark's) or neutral (residual on " +
                          "industries and Barra-style exposures, paper 003's target)",
            DefaultValueFactory = _ => FactorEvalOptions.LabelChoices.NameOf(Defaults.Label),
            HelpName = "return|excess|neutral",
        };
        label.AcceptOnlyFromAmong([.. FactorEvalOptions.LabelChoices.Names]);
        var start = new Option<string?>("--start") { Description = "First decision date evaluated", HelpName = "YYYY-MM-DD" };
        var end = new Option<string?>("--end") { Description = "Last decision date evaluated", HelpName = "YYYY-MM-DD" };
        var output = new Option<string>("--out") { Description = "New directory for report.html, ic.csv, layers.csv and factor.csv", Required = true, HelpName = "DIR" };
        var cmd = new Command("eval", "Evaluate a factor expression: IC, Rank IC, ICIR, layers, decay and turnover on the universe members")
        {
            expression, store, universe, horizons, layers, price, label, start, end, output,
        };
        cmd.SetAction(p => CliErrors.Guard(() => Run(p.GetValue(expression)!, p.GetValue(store), p.GetValue(universe), p.GetValue(horizons)!,
            p.GetValue(layers), p.GetValue(price)!, p.GetValue(label)!, p.GetValue(start), p.GetValue(end), p.GetValue(output)!),
            new SettingFlags(("horizons", horizons), ("layers", layers), ("price", price), ("label", label), ("start", start), ("end", end))));
        return cmd;
    }

    private static int Run(string expression, string? storeDir, string? universeName, string horizonText, int layers, string priceText, string labelText,
        string? startText, string? endText, string outDir)
    {
        var options = new FactorEvalOptions
        {
            Horizons = SettingParsers.Horizons(horizonText),
            Layers = layers,
            Price = FactorEvalOptions.PriceChoices.Parse("price", priceText),
            Label = FactorEvalOptions.LabelChoices.Parse("label", labelText),
        };
        options.Validate();
        var (first, last) = (SettingParsers.OptionalDate("start", startText), SettingParsers.OptionalDate("end", endText));
        if (Directory.Exists(outDir) || File.Exists(outDir))
            throw new InputException($"--out {outDir}: already exists; choose a new output directory (nothing was overwritten)");
        var clock = Stopwatch.StartNew();
        var (data, source) = CliStores.Load(storeDir);
        if (data.Universe is null) throw new InputException($"{source}: the store has no universe; factor eval ranks within point-in-time members");
        if (universeName is not null && !string.Equals(universeName, data.Universe.Name, StringComparison.OrdinalIgnoreCase))
            throw new InputException($"--universe {universeName}: the store's universe is '{data.Universe.Name}'");
        var (from, to) = data.Calendar.IndexRange(first, last);
        options = options with { From = from, To = to };
        var factor = new FactorEngine(data).Evaluate(expression);
        var result = CliConsole.WithProgress("evaluating", _ => FactorEvaluation.Run(data, factor, options));
        using var staged = new StagedDirectory(outDir);
        using (var files = new AtomicFileSet())
        {
            files.Add(Path.Combine(staged.Path, "ic.csv"), w => FactorEvalFiles.WriteIc(w, data.Calendar, result));
            files.Add(Path.Combine(staged.Path, "layers.csv"), w => FactorEvalFiles.WriteLayers(w, data.Calendar, result.Layers));
            files.Add(Path.Combine(staged.Path, "factor.csv"), w => FactorEvalFiles.WriteFactor(w, data, factor, result.From, result.To));
            files.AddText(Path.Combine(staged.Path, "report.html"), FactorEvalReport.Build(expression, data, result, source, options.Label).Render());
            files.Commit();
        }
        staged.Commit();
        foreach (var h in result.Horizons)
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{h.Series.Horizon,3}d: IC {h.Ic.Mean:F4} (ICIR {h.Ic.IcIr:F3}, t {h.Ic.TStat:F2}), Rank IC {h.RankIc.Mean:F4} (ICIR {h.RankIc.IcIr:F3}) over {h.Ic.Count} dates"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coverage {result.MeanCoverage:P1}; long-short {result.Layers.Annualize(result.Layers.LongShort):P2} a year; wrote report.html, ic.csv, layers.csv, factor.csv to {outDir} in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }
}
