using System.CommandLine;
using AlphaSharp.Common;
using AlphaSharp.Data.Export;
using AlphaSharp.Data.Qlib;
using AlphaSharp.Data;

namespace AlphaSharp.Cli;

/// <summary>`alphasharp data export`: writes a store as a Qlib data directory or as long CSV files.</summary>
public static class DataExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "qlib: a Qlib data directory (calendars/day.txt, instruments/all.txt and <universe>.txt, " +
                          "features/<symbol>/<field>.day.bin); csv: long CSV files (bars, fields, membership, benchmark, industry)",
            Required = true,
            HelpName = "qlib|csv",
        };
        format.AcceptOnlyFromAmong("qlib", "csv");
        var store = new Option<string?>("--store") { Description = "Store directory to export (default: the shipped CSI 300 store)", HelpName = "DIR" };
        var output = new Option<string>("--out") { Description = "Directory to create; it must not exist (built under a temporary name, renamed at the end)", Required = true, HelpName = "DIR" };
        var gzip = new Option<bool>("--gzip") { Description = "csv: gzip the bars, fields and benchmark files (.csv.gz)" };
        var prices = new Option<string>("--qlib-prices")
        {
            Description = "qlib: raw (default) writes our fields verbatim (raw open/high/low/close, volume in shares, factor " +
                          "beside them), so importing the directory gives back the same float32 bits; adjusted writes Qlib's own " +
                          "convention (open/high/low/close x factor, volume / factor, plus vwap) for feeding the directory " +
                          "straight to qlib.init(provider_uri=DIR), where $close / $factor is the raw close",
            DefaultValueFactory = _ => "raw",
            HelpName = "raw|adjusted",
        };
        prices.AcceptOnlyFromAmong("raw", "adjusted");
        var cmd = new Command("export", "Export a store as a Qlib data directory or as long CSV files")
        {
            format, store, output, gzip, prices,
        };
        cmd.SetAction(parse => CliErrors.Guard(() =>
        {
            var fmt = parse.GetValue(format)!;
            var outDir = parse.GetValue(output)!;
            var zipped = parse.GetValue(gzip);
            var convention = parse.GetValue(prices) == "adjusted" ? QlibPriceConvention.Adjusted : QlibPriceConvention.Raw;
            if (fmt == "qlib" && zipped) throw new InputException("--gzip applies to --format csv; a Qlib directory is binary");
            if (fmt == "csv" && parse.GetResult(prices) is { Implicit: false })
                throw new InputException("--qlib-prices applies to --format qlib; CSV export writes raw prices and the factor");
            // Refuse an existing target before the (slow) load.
            if (Directory.Exists(outDir) || File.Exists(outDir))
                throw new InputException($"{outDir}: already exists; choose a new output directory (nothing was overwritten)");
            var (data, source) = EmbeddedData.Load(parse.GetValue(store));
            if (fmt == "qlib")
            {
                CliConsole.WithProgress("writing Qlib features", report =>
                {
                    QlibExporter.Export(data, outDir, convention, (done, total) => report((double)done / total));
                    return 0;
                });
                Console.Out.WriteLine($"wrote Qlib directory {outDir} from {source}: {data.Panel.N} instruments, {data.Calendar.Count} days, " +
                                      $"{data.Panel.FieldNames.Count} fields, {convention.ToString().ToLowerInvariant()} prices");
            }
            else
            {
                var files = CliConsole.WithProgress("writing CSV", report =>
                    LongCsvExporter.Export(data, outDir, zipped, (done, total) => report((double)done / total)));
                Console.Out.WriteLine($"wrote {string.Join(", ", files)} to {outDir} from {source}");
                Console.Out.WriteLine("to import it again: alphasharp data import " + string.Join(" ", files.Select(f => $"{ImportOption(f)} {Path.Combine(outDir, f)}")) + " --out NEW_STORE");
            }
            return 0;
        }));
        return cmd;
    }

    private static string ImportOption(string file) =>
        file.StartsWith("bars", StringComparison.Ordinal) ? "--bars"
        : file.StartsWith("fields", StringComparison.Ordinal) ? "--fields"
        : file.StartsWith("benchmark", StringComparison.Ordinal) ? "--benchmark"
        : file.StartsWith("industry", StringComparison.Ordinal) ? "--industry"
        : "--membership";
}
