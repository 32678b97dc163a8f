using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using AlphaSharp.Common;
using AlphaSharp.Data;
using AlphaSharp.Factors.Output;
using AlphaSharp.Factors;

namespace AlphaSharp.Cli;

/// <summary>
/// `alphasharp factor compute`: materialises feature sets and expressions on a store, as a CSV of universe members
/// (<c>date,symbol,&lt;features&gt;</c>) or as a store directory of float32 feature panels.
/// </summary>
public static class FactorComputeCommand
{
    public static Command Create()
    {
        var items = new Argument<string[]>("features")
        {
            Description = "Feature sets (alpha158, alpha360, technical, alphanet-v1, alphanet-v4, paper001) and/or Qlib-style " +
                          "expressions, e.g. 'Mean($close,5)/$close'; name an expression with NAME=EXPR",
            Arity = ArgumentArity.OneOrMore,
        };
        var store = new Option<string?>("--store") { Description = "Store directory (default: the shipped CSI 300 store)", HelpName = "DIR" };
        var universe = new Option<string?>("--universe")
        {
            Description = "Rows to write and cross-sections to rank within: the store's universe by name (default), or 'all' for " +
                          "every instrument on the days it has a bar",
            HelpName = "NAME|all",
        };
        var start = new Option<string?>("--start") { Description = "First date written (features still use the history before it)", HelpName = "YYYY-MM-DD" };
        var end = new Option<string?>("--end") { Description = "Last date written", HelpName = "YYYY-MM-DD" };
        var output = new Option<string>("--out")
        {
            Description = "FILE.csv or FILE.csv.gz: one row per member and date; any other path: a new store directory with one " +
                          "float32 field per feature (readable by `data info --store`)",
            Required = true,
            HelpName = "FILE|DIR",
        };
        var cmd = new Command("compute", "Compute feature sets and factor expressions (Qlib syntax) on a store")
        {
            items, store, universe, start, end, output,
        };
        cmd.SetAction(parse => CliErrors.Guard(() => Run(parse.GetValue(items)!, parse.GetValue(store), parse.GetValue(universe),
            parse.GetValue(start), parse.GetValue(end), parse.GetValue(output)!), new SettingFlags(("start", start), ("end", end))));
        return cmd;
    }

    private static int Run(string[] items, string? storeDir, string? universeName, string? startText, string? endText, string outPath)
    {
        var csv = outPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || outPath.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);
        if (!csv && (Directory.Exists(outPath) || File.Exists(outPath)))
            throw new InputException($"{outPath}: already exists; choose a new output directory (nothing was overwritten)");
        var (data, source) = CliStores.Load(storeDir);
        var all = string.Equals(universeName, "all", StringComparison.OrdinalIgnoreCase);
        if (!all && data.Universe is null)
            throw new InputException($"{source}: the store has no universe; use --universe all");
        if (!all && universeName is not null && !string.Equals(universeName, data.Universe!.Name, StringComparison.OrdinalIgnoreCase))
            throw new InputException($"--universe {universeName}: the store's universe is '{data.Universe!.Name}'; use --universe {data.Universe.Name} or all");
        var engine = new FactorEngine(data, useUniverse: !all);
        var request = FeatureRequest.Parse(items, engine);
        var (from, to) = data.Calendar.IndexRange(SettingParsers.OptionalDate("start", startText), SettingParsers.OptionalDate("end", endText));
        var clock = Stopwatch.StartNew();
        string written;
        if (csv)
        {
            var mask = RowMask(engine, all, from, to);
            var table = CliConsole.WithProgress($"computing {request.Features.Count} features", report =>
                FeatureTable.Compute(engine, request.Features, mask, (done, total) => report((double)done / total)));
            var computed = clock.Elapsed.TotalSeconds;
            CliConsole.WithProgress($"writing {Path.GetFileName(outPath)}", report =>
            {
                WriteCsv(outPath, w => table.WriteCsv(w, report));
                return 0;
            });
            written = $"wrote {outPath}: {table.Rows:N0} rows ({(all ? "every instrument with a bar" : $"{data.Universe!.Name} members")}, " +
                      $"{data.Calendar[from]:yyyy-MM-dd}..{data.Calendar[to]:yyyy-MM-dd}) x {request.Features.Count} features; computed in {computed:F1} s, " +
                      $"{clock.Elapsed.TotalSeconds:F1} s in all, from {source}";
        }
        else
        {
            if (startText is not null || endText is not null)
                throw new InputException("--start/--end select CSV rows; a feature store keeps whole panels (write FILE.csv to cut dates)");
            CliConsole.WithProgress($"computing {request.Features.Count} features", report =>
            {
                FeatureStore.Save(engine, request.Features, outPath, (done, total) => report(0.8 * done / total), f => report(0.8 + 0.2 * f));
                return 0;
            });
            written = $"wrote store {outPath}: {request.Features.Count} feature fields, {data.Panel.N} instruments x {data.Calendar.Count} days, " +
                      $"in {clock.Elapsed.TotalSeconds:F1} s, from {source}";
        }
        Console.Out.WriteLine(written);
        foreach (var u in request.Unavailable) Console.Out.WriteLine($"unavailable {u.Name}: {u.Reason}");
        return 0;
    }

    /// <summary>Rows written: universe members (or every instrument with a bar) on dates in [from, to].</summary>
    private static bool[] RowMask(FactorEngine engine, bool all, int from, int to)
    {
        var panel = engine.Data.Panel;
        int T = panel.T, N = panel.N;
        var mask = new bool[T * N];
        var member = engine.Mask;
        var close = panel.HasField("close") ? panel.Field("close") : null;
        for (var i = 0; i < N; i++)
            for (var t = from; t <= to; t++)
            {
                var at = i * T + t;
                mask[at] = all ? close is null || !float.IsNaN(close[at]) : member is null || member[at];
            }
        return mask;
    }

    /// <summary>Plain CSV through <see cref="AtomicFile"/>; gzip under a temporary name renamed at the end, likewise.</summary>
    private static void WriteCsv(string path, Action<TextWriter> write)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            AtomicFile.Write(path, write);
            return;
        }
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? throw new InputException($"{path}: cannot write to the root of a file system");
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var gz = new GZipStream(file, CompressionLevel.Fastest))
            using (var w = new StreamWriter(gz) { NewLine = "\n" })
                write(w);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp)) File.Delete(temp);
            throw;
        }
    }
}
