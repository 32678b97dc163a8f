using System.CommandLine;
using AlphaSharp.Common;
using AlphaSharp.Data.Qlib;
using AlphaSharp.Data;
using Spectre.Console;

namespace AlphaSharp.Cli;

/// <summary>
/// `alphasharp data import`: reads market files into a new store directory. Each input format is one entry in
/// the source list in <see cref="Create"/> (its options plus a reader); exactly one source is given per run.
/// </summary>
public static class DataImportCommand
{
    /// <summary>An input format: the options it adds, whether a parse result selects it, and how it reads.</summary>
    private sealed record Source(string Name, Option[] Options, Func<ParseResult, bool> Selected, Func<ParseResult, MarketData> Read);

    public static Command Create()
    {
        var bars = new Option<string?>("--bars")
        {
            Description = "Long CSV of daily bars, plain or gzip: date,symbol,<fields...> (e.g. open,high,low,close,volume,amount,factor)",
            HelpName = "FILE",
        };
        var fields = new Option<string[]>("--fields")
        {
            Description = "Extra per-stock daily fields, a long CSV joined on (date, symbol); repeat for several files",
            HelpName = "FILE",
        };
        var membership = new Option<string?>("--membership") { Description = "Index membership spells CSV: symbol,start,end (inclusive trading days)", HelpName = "FILE" };
        var benchmark = new Option<string?>("--benchmark") { Description = "Benchmark index long CSV: date,symbol,open,high,low,close[,volume]", HelpName = "FILE" };
        var industry = new Option<string?>("--industry") { Description = "Industry map CSV: symbol,industry (a snapshot)", HelpName = "FILE" };
        var outDir = new Option<string>("--out") { Description = "New store directory to create (must not exist)", HelpName = "DIR", Required = true };
        var qlib = new Option<string?>("--qlib") { Description = "Qlib data directory: calendars/day.txt, instruments/*.txt, features/<symbol>/<field>.day.bin", HelpName = "DIR" };
        var qlibPrices = new Option<string>("--qlib-prices")
        {
            Description = "--qlib price convention: auto (raw for an AlphaSharp export, else Qlib's adjusted prices, which are divided by " +
                          "$factor, and volume, multiplied by it), raw, or adjusted",
            DefaultValueFactory = _ => "auto",
            HelpName = "auto|raw|adjusted",
        };
        qlibPrices.AcceptOnlyFromAmong("auto", "raw", "adjusted");
        var qlibVolume = new Option<string>("--qlib-volume")
        {
            Description = "--qlib volume convention: auto (an AlphaSharp export's own; else what the factor's ex-dates show in the data, " +
                          "else Qlib's cn_data convention), raw (shares as stored), or adjusted (stored as raw / $factor, multiplied back). " +
                          "A choice the data contradict is reported",
            DefaultValueFactory = _ => "auto",
            HelpName = "auto|raw|adjusted",
        };
        qlibVolume.AcceptOnlyFromAmong("auto", "raw", "adjusted");
        var benchmarkSymbol = new Option<string?>("--benchmark-symbol")
        {
            Description = "--qlib instrument to read as the benchmark (default SH000300, else the only index series in instruments/all.txt); " +
                          "index series (SH000xxx, SZ399xxx) are never imported as stocks",
            HelpName = "SYMBOL",
        };
        var folder = new Option<string?>("--folder") { Description = "Folder of one CSV per symbol (tushare / akshare style exports, plain or gzip)", HelpName = "DIR" };
        var columns = new Option<string?>("--columns")
        {
            Description = "--folder column map: a preset (tushare, akshare), field=column[*unit scale] pairs, or both, e.g. " +
                          "'tushare,factor=adj_factor' or 'date=trade_date,close=close,volume=vol*100'; default: detected from the header",
            HelpName = "MAP",
        };

        // One entry per input format; a new format adds its options and reader here.
        Source[] sources =
        [
            new("--bars", [bars, fields, membership, benchmark, industry], p => p.GetValue(bars) is not null,
                p => ReadLongCsv(new MarketImportFiles(p.GetValue(bars)!, p.GetValue(fields) ?? [], p.GetValue(membership),
                    p.GetValue(benchmark), p.GetValue(industry)))),
            new("--qlib", [qlib, qlibPrices, qlibVolume, benchmarkSymbol], p => p.GetValue(qlib) is not null,
                p => ReadQlib(p.GetValue(qlib)!, new QlibImportOptions
                {
                    Prices = p.GetValue(qlibPrices) switch { "raw" => QlibPriceConvention.Raw, "adjusted" => QlibPriceConvention.Adjusted, _ => null },
                    Volume = p.GetValue(qlibVolume) switch { "raw" => QlibVolumeConvention.Raw, "adjusted" => QlibVolumeConvention.Adjusted, _ => null },
                    Benchmark = p.GetValue(benchmarkSymbol),
                })),
            new("--folder", [folder, columns, membership, benchmark, industry], p => p.GetValue(folder) is not null,
                p => CliConsole.WithProgress($"reading {p.GetValue(folder)}", progress => FolderCsvMarketImport.Run(p.GetValue(folder)!,
                    p.GetValue(columns) is { } map ? FolderCsvColumns.Parse(map) : null, p.GetValue(membership), p.GetValue(benchmark),
                    p.GetValue(industry), (done, total) => progress((double)done / total)))),
        ];

        var cmd = new Command("import", "Import market files into a new store directory (built under a temporary name, renamed when complete)");
        foreach (var option in sources.SelectMany(s => s.Options).Distinct()) cmd.Options.Add(option);
        cmd.Options.Add(outDir);
        cmd.SetAction(parse => CliErrors.Guard(() => Run(parse, sources, parse.GetValue(outDir)!), new SettingFlags(("columns", columns))));
        return cmd;
    }

    private static int Run(ParseResult parse, Source[] sources, string outDir)
    {
        var selected = sources.Where(s => s.Selected(parse)).ToArray();
        if (selected.Length != 1)
            throw new InputException($"data import: give exactly one input source ({string.Join(", ", sources.Select(s => s.Name))}); got {(selected.Length == 0 ? "none" : string.Join(", ", selected.Select(s => s.Name)))}");
        // An option of another source would be silently ignored: say so instead.
        var stray = sources.SelectMany(s => s.Options).Distinct().Except(selected[0].Options)
            .FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
        if (stray is not null)
            throw new InputException($"data import: {stray.Name} does not apply to {selected[0].Name} input; drop it or use the source it belongs to");
        // Fail before minutes of reading, not after.
        if (Directory.Exists(outDir) || File.Exists(outDir))
            throw new InputException($"{outDir}: already exists; choose a new output directory or delete this one first");
        var data = selected[0].Read(parse);
        CliConsole.WithProgress($"writing {outDir}", progress => { MarketStore.Save(data, outDir, progress); return 0; });
        var console = CliConsole.Out();
        console.MarkupLine($"[green]wrote[/] {Markup.Escape(outDir)}: {data.Panel.N:N0} instruments x {data.Panel.T:N0} trading days " +
            $"({data.Calendar.First:yyyy-MM-dd}..{data.Calendar.Last:yyyy-MM-dd}), fields {Markup.Escape(string.Join(", ", data.Panel.FieldNames))}");
        // Qlib findings were printed as warnings when read. Plain writes: Spectre would fold lines past its width.
        foreach (var line in data.Provenance.Where(l => !l.StartsWith(QlibImporter.FindingPrefix, StringComparison.Ordinal))) Console.Out.WriteLine("  " + line);
        return 0;
    }

    private static MarketData ReadLongCsv(MarketImportFiles files)
    {
        return CliConsole.WithProgress($"reading {Path.GetFileName(files.Bars)}", progress =>
        {
            var inputs = 1 + files.Fields.Count;
            var done = 0;
            string? current = null;
            return MarketImport.Run(files, (step, fraction) =>
            {
                if (current is not null && step != current) done++;
                current = step;
                progress(Math.Min(1, (done + fraction) / (inputs + 3)));
            }).Data;
        });
    }

    /// <summary>Reads the tree and prints its findings before anything is written, so that they show even if writing fails.</summary>
    private static MarketData ReadQlib(string dir, QlibImportOptions options)
    {
        var import = CliConsole.WithProgress($"reading {dir}", progress =>
            QlibImporter.Read(dir, options, (done, total) => progress((double)done / total)));
        // One finding a line, never folded (Spectre folds at its width), so that each can be grepped whole.
        foreach (var finding in import.Findings) Console.Out.WriteLine("warning: " + finding);
        return import.Data;
    }
}
