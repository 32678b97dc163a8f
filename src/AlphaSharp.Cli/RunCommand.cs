using System.CommandLine;
using AlphaSharp.Cli.Workflow;
using AlphaSharp.Runs;

namespace AlphaSharp.Cli;

/// <summary>
/// `alphasharp run FILE`: binds a workflow (profile and overrides applied), every problem one line on stderr with exit
/// 2 before any work; with --check prints the resolved document and its hash; otherwise runs it into the run store
/// (resuming an unfinished run of the same configuration, or only shard K/N of its units) and says where the report is.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Workflow YAML (see docs/workflows.md)" };
        var check = new Option<bool>("--check") { Description = "Validate the whole workflow and print its resolved document and SHA-256; computes and writes nothing" };
        var profile = new Option<string?>("--profile") { Description = "A profile of the file to apply over its base keys", HelpName = "NAME" };
        var set = new Option<string[]>("--set") { Description = "Override one key, e.g. --set models.lstm.hidden_size=32 (repeatable; recorded in the resolved document)", HelpName = "KEY=VALUE", AllowMultipleArgumentsPerToken = false };
        var store = new Option<string?>("--store") { Description = "Store directory (same as --set data.store=DIR)", HelpName = "DIR" };
        var runs = RunsCommand.RootOption();
        var shard = new Option<string?>("--shard") { Description = "Run only shard K of N of the units (a Slurm array or Kubernetes Indexed Job task; give every shard the same --run-id)", HelpName = "K/N" };
        var runId = new Option<string?>("--run-id") { Description = "Run into this run id: created if absent, joined if it holds the same configuration (how shards share one run)", HelpName = "ID" };
        var fresh = new Option<bool>("--new") { Description = "Start a new run even if an unfinished run of the same configuration exists" };
        var cmd = new Command("run", "Run a workflow file into the run store (or --check it)") { file, check, profile, set, store, runs, shard, runId, fresh };
        cmd.SetAction(p => CliErrors.Guard(() =>
        {
            var overrides = (p.GetValue(set) ?? []).ToList();
            if (p.GetValue(store) is { } dir) overrides.Add($"data.store={dir}");
            BoundWorkflow spec;
            try
            {
                spec = WorkflowBinder.BindAny(p.GetValue(file)!, p.GetValue(profile), overrides);
            }
            catch (WorkflowException e)
            {
                // Every problem on its own line, each already naming file:line and key.
                foreach (var problem in e.Problems) Console.Error.WriteLine($"error: {problem}");
                return CliErrors.UserError;
            }
            var placement = new RunPlacement(p.GetValue(shard) is { } k ? RunShard.Parse(k) : RunShard.Whole, p.GetValue(runId), p.GetValue(fresh));
            if (p.GetValue(check))
            {
                Console.Out.Write(spec.ResolvedText);
                Console.Out.WriteLine($"# ok: {spec.UnitsLine}; hash {spec.Resolved.ShortHash}");
                return 0;
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var live = LiveLine.ForStderr();
            string Stamp() => $"{clock.Elapsed.TotalMinutes,5:F1} min";
            var run = WorkflowSession.Run(spec, new RunStore(p.GetValue(runs)!), placement, line => live.WriteLine($"{Stamp()}  {line}"),
                status => live.Update($"{Stamp()}  {status}"));
            live.WriteLine("");
            Console.Out.WriteLine(File.Exists(run.ReportPath)
                ? $"{run.Id}: finished in {clock.Elapsed.TotalSeconds:F0} s; report {run.ReportPath}"
                : $"{run.Id}: this shard's units are done in {clock.Elapsed.TotalSeconds:F0} s; the run finishes when the other shards' are");
            return 0;
        }, new SettingFlags(("shard", shard), ("run_id", runId))));
        return cmd;
    }
}
