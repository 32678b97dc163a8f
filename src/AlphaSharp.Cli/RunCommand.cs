using System.CommandLine;
using AlphaSharp.Cli.Workflow;

namespace AlphaSharp.Cli;

/// <summary>
/// `alphasharp run FILE --check`: binds a workflow (profile and overrides applied) and prints its resolved document
/// and hash, or every problem, one line each, on stderr with exit 2. Running a workflow is not built yet, so the verb
/// accepts only --check rather than pretending to run.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Workflow YAML (see docs/workflows.md)" };
        var check = new Option<bool>("--check") { Description = "Validate the whole workflow and print its resolved document and SHA-256; computes and writes nothing", Required = true };
        var profile = new Option<string?>("--profile") { Description = "A profile of the file to apply over its base keys", HelpName = "NAME" };
        var set = new Option<string[]>("--set") { Description = "Override one key, e.g. --set models.lstm.hidden_size=32 (repeatable; recorded in the resolved document)", HelpName = "KEY=VALUE", AllowMultipleArgumentsPerToken = false };
        var store = new Option<string?>("--store") { Description = "Store directory (same as --set data.store=DIR)", HelpName = "DIR" };
        var cmd = new Command("run", "Workflows: check a workflow file (--check); running one is not built yet") { file, check, profile, set, store };
        cmd.SetAction(p => CliErrors.Guard(() =>
        {
            var overrides = (p.GetValue(set) ?? []).ToList();
            if (p.GetValue(store) is { } dir) overrides.Add($"data.store={dir}");
            try
            {
                var spec = WorkflowBinder.Bind(p.GetValue(file)!, p.GetValue(profile), overrides);
                Console.Out.Write(spec.ResolvedText);
                Console.Out.WriteLine($"# ok: {spec.Models.Count} model(s) x {spec.Seeds.Count} seed(s); hash {spec.Resolved.ShortHash}");
                return 0;
            }
            catch (WorkflowException e)
            {
                // Every problem on its own line, each already naming file:line and key.
                foreach (var problem in e.Problems) Console.Error.WriteLine($"error: {problem}");
                return CliErrors.UserError;
            }
        }));
        return cmd;
    }
}
