using System.CommandLine;
using AlphaSharp.Common;
using AlphaSharp.Data.Validation;
using AlphaSharp.Data;
using Spectre.Console;

namespace AlphaSharp.Cli;

/// <summary>`alphasharp data validate`: runs the data checks on a store or an input file and reports what they found.</summary>
public static class DataValidateCommand
{
    /// <summary>Exit code of <c>--strict</c> when error-level findings exist (the checks ran; the data failed them).</summary>
    public const int FindingsFailed = 1;

    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Store directory to check (default: the shipped CSI 300 store)", HelpName = "DIR" };
        var bars = new Option<string?>("--bars")
        {
            Description = "Check a long CSV (date,symbol,<fields>, plain or gzip) as it stands, before import: adds duplicate and " +
                          "order checks; members are checked against --store's membership when --store is given",
            HelpName = "FILE",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout" };
        var strict = new Option<bool>("--strict") { Description = $"Exit {FindingsFailed} when error-level findings exist (default: findings are a report, exit 0)" };
        var examples = new Option<int>("--examples") { Description = "Examples shown per check, largest first", DefaultValueFactory = _ => 5, HelpName = "N" };
        var cmd = new Command("validate",
            "Check market data: duplicates and unsorted rows (--bars), OHLC inconsistencies, non-positive prices, factor jumps " +
            "that disagree with price moves, moves beyond the daily limit, extreme moves on resumption days, index members " +
            "without data, and gaps. Findings are a report: exit 0 unless --strict and errors were found.")
        {
            store, bars, json, strict, examples,
        };
        cmd.SetAction(parse => CliErrors.Guard(() =>
        {
            var n = parse.GetValue(examples);
            if (n < 0) throw new InputException($"--examples: {n} is negative; give 0 or more");
            var options = new ValidationOptions { Examples = n };
            var report = Run(parse.GetValue(store), parse.GetValue(bars), options);
            if (parse.GetValue(json)) Console.Out.WriteLine(report.ToJson());
            else Render(report, CliConsole.Out());
            return parse.GetValue(strict) && report.Errors > 0 ? FindingsFailed : 0;
        }));
        return cmd;
    }

    private static ValidationReport Run(string? storeDir, string? barsPath, ValidationOptions options)
    {
        if (barsPath is null)
        {
            var (data, source) = EmbeddedData.Load(storeDir);
            return MarketValidator.Validate(data, source, options);
        }
        var universe = storeDir is null ? null : EmbeddedData.Load(storeDir).Data.Universe;
        return CliConsole.WithProgress($"reading {Path.GetFileName(barsPath)}",
            report => LongCsvValidator.Validate(barsPath, universe, options, report));
    }

    internal static void Render(ValidationReport report, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]{Markup.Escape(report.Source)}[/]: {report.Instruments:N0} instruments, {report.Days:N0} days, {report.Rows:N0} rows");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("check").AddColumn("severity").AddColumn(new TableColumn("count").RightAligned()).AddColumn("examples");
        foreach (var c in report.Checks)
        {
            var severity = c.Severity == Severity.Error ? "[red]error[/]" : "[yellow]warning[/]";
            var count = !c.Ran ? "[grey]-[/]" : c.Count == 0 ? "[green]0[/]" : $"{c.Count:N0} {c.Unit}";
            var examples = !c.Ran ? $"[grey]skipped: {Markup.Escape(c.Skipped!)}[/]"
                : string.Join("\n", c.Examples.Select(e => Markup.Escape(e.Text)));
            table.AddRow(new Markup($"{Markup.Escape(c.Id)}\n[grey]{Markup.Escape(c.Title)}[/]"), new Markup(severity), new Markup(count), new Markup(examples));
        }
        console.Write(table);
        console.MarkupLine($"{report.Errors:N0} error finding(s), {report.Warnings:N0} warning finding(s); findings are a report (use --strict to fail on errors)");
    }
}
