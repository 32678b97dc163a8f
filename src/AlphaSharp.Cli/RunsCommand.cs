using System.CommandLine;
using AlphaSharp.Common;
using AlphaSharp.Reports.Research;
using AlphaSharp.Runs;
using Spectre.Console;

namespace AlphaSharp.Cli;

/// <summary>`alphasharp runs list|show|compare`: what the run store holds, one run whole, and runs side by side.</summary>
public static class RunsCommand
{
    public const string DefaultRoot = "runs";

    public static Option<string> RootOption() =>
        new("--runs") { Description = "Run store directory", HelpName = "DIR", DefaultValueFactory = _ => DefaultRoot };

    public static Command Create()
    {
        var root = RootOption();
        var list = new Command("list", "List the runs of a run store, oldest first") { root };
        list.SetAction(p => CliErrors.Guard(() => List(new RunStore(p.GetValue(root)!), CliConsole.Out())));

        var showRoot = RootOption();
        var showRun = new Argument<string>("RUN") { Description = "A run's id, id prefix, name (its newest run) or directory" };
        var show = new Command("show", "Show one run: its manifest, parameters, units and metrics") { showRun, showRoot };
        show.SetAction(p => CliErrors.Guard(() => Show(new RunStore(p.GetValue(showRoot)!).Open(p.GetValue(showRun)!), CliConsole.Out())));

        var compareRoot = RootOption();
        var compareRuns = new Argument<string[]>("RUN") { Description = "Two runs or more", Arity = new ArgumentArity(2, 100) };
        var html = new Option<string?>("--html") { Description = "Also write the comparison as an HTML page", HelpName = "FILE" };
        var compare = new Command("compare", "Runs side by side: the parameters that differ and every metric") { compareRuns, compareRoot, html };
        compare.SetAction(p => CliErrors.Guard(() =>
        {
            var store = new RunStore(p.GetValue(compareRoot)!);
            var runs = p.GetValue(compareRuns)!.Select(store.Open).ToArray();
            return Compare(RunComparison.Of(runs), p.GetValue(html), CliConsole.Out());
        }));
        var mergeRoot = RootOption();
        var mergeRun = new Argument<string>("RUN") { Description = "The run to finish (shards that shared its directory wrote their units there)" };
        var from = new Option<string[]>("--from")
        {
            Description = "Another copy of the same run (a shard that ran in its own directory): its finished units are copied in first (repeatable)",
            HelpName = "DIR", AllowMultipleArgumentsPerToken = false,
        };
        var merge = new Command("merge", "Join a run's shards: copy in the units of --from copies, then finish the run (metrics, tear sheets, report)") { mergeRun, mergeRoot, from };
        merge.SetAction(p => CliErrors.Guard(() =>
        {
            var store = new RunStore(p.GetValue(mergeRoot)!);
            var run = store.Open(p.GetValue(mergeRun)!);
            foreach (var other in p.GetValue(from) ?? []) RunMerge.CopyUnits(new RunDirectory(other), run, line => Console.Error.WriteLine(line));
            Workflow.WorkflowSession.Finish(run, line => Console.Error.WriteLine(line));
            Console.Out.WriteLine($"{run.Id}: finished; report {run.ReportPath}");
            return 0;
        }));
        return new Command("runs", "The run store: list, show, compare and merge runs") { list, show, compare, merge };
    }

    private static int List(RunStore store, IAnsiConsole console)
    {
        var (runs, others) = store.List();
        foreach (var other in others) Console.Error.WriteLine($"warning: {other}: not a run (no {RunManifest.FileName})");
        if (runs.Count == 0)
        {
            console.MarkupLine($"{Markup.Escape(store.Root)}: no runs");
            return 0;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumn("run").AddColumn("name").AddColumn("created (UTC)").AddColumn("status")
            .AddColumn(new TableColumn("units done").RightAligned()).AddColumn("profile");
        foreach (var run in runs)
        {
            var m = run.Manifest;
            table.AddRow(Markup.Escape(run.Id), Markup.Escape(m.Name), $"{m.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss}", m.Status,
                UnitsDone(run).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(m.Profile ?? "-"));
        }
        console.Write(table);
        return 0;
    }

    private static int UnitsDone(RunDirectory run)
    {
        var units = Path.Combine(run.Path, RunDirectory.UnitsFolder);
        return Directory.Exists(units) ? Directory.EnumerateDirectories(units).Count(d => File.Exists(Path.Combine(d, RunDirectory.UnitDoneFile))) : 0;
    }

    private static int Show(RunDirectory run, IAnsiConsole console)
    {
        var m = run.Manifest;
        console.MarkupLine($"run            {Markup.Escape(run.Id)}");
        console.MarkupLine($"directory      {Markup.Escape(run.Path)}");
        console.MarkupLine($"name           {Markup.Escape(m.Name)}");
        console.MarkupLine($"created        {m.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        console.MarkupLine($"status         {m.Status}, {UnitsDone(run)} units done");
        console.MarkupLine($"config hash    {m.ConfigHash}");
        console.MarkupLine($"code version   {Markup.Escape(m.CodeVersion)}");
        console.MarkupLine($"data           {Markup.Escape(m.Store)} (fingerprint {m.DataFingerprint})");
        console.MarkupLine($"seeds          {string.Join(", ", m.Seeds)}");
        console.MarkupLine($"profile        {Markup.Escape(m.Profile ?? "-")}");
        console.MarkupLine($"overrides      {Markup.Escape(m.Overrides.Count == 0 ? "-" : string.Join(" ", m.Overrides))}");
        if (File.Exists(run.ReportPath)) console.MarkupLine($"report         {Markup.Escape(run.ReportPath)}");
        var metrics = run.Metrics;
        if (metrics.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (key, value) in metrics) table.AddRow(Markup.Escape(key), Markup.Escape(value));
            console.Write(table);
        }
        return 0;
    }

    private static int Compare(RunComparison comparison, string? html, IAnsiConsole console)
    {
        void Side(string title, IReadOnlyList<(string Key, IReadOnlyList<string?> Values)> rows)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumn("key");
            foreach (var run in comparison.Runs) table.AddColumn(new TableColumn(Markup.Escape(run.Id)).RightAligned());
            foreach (var (key, values) in rows) table.AddRow([Markup.Escape(key), .. values.Select(v => Markup.Escape(v ?? RunComparisonPage.Absent))]);
            console.Write(table);
        }
        if (comparison.Differences.Count == 0) console.MarkupLine("parameters: the runs' resolved configurations agree on every key");
        else Side("parameters that differ", comparison.Differences);
        if (comparison.Metrics.Count == 0) console.MarkupLine("metrics: none of the runs has finished");
        else Side("metrics", comparison.Metrics);
        if (html is not null)
        {
            RunComparisonPage.Build(comparison).Write(html);
            console.MarkupLine($"written to {Markup.Escape(html)}");
        }
        return 0;
    }
}
