using System.CommandLine;

namespace AlphaSharp.Cli;

/// <summary>The `alphasharp` command tree. Each area adds its verbs in its own file.</summary>
public static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("AlphaSharp: AI-driven stock selection and trading research");
        root.Subcommands.Add(DataCommands.Create());
        root.Subcommands.Add(FactorCommands.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        return root;
    }

    public static int Run(string[] args) => Build().Parse(args).Invoke();
}
