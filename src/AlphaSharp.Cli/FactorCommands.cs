using System.CommandLine;

namespace AlphaSharp.Cli;

/// <summary>`alphasharp factor ...`: compute and evaluate factors. Each verb lives in its own file.</summary>
public static class FactorCommands
{
    public static Command Create()
    {
        var factor = new Command("factor", "Compute factor expressions and feature sets, and evaluate factors");
        foreach (var verb in Verbs()) factor.Subcommands.Add(verb);
        return factor;
    }

    // One line per verb; a verb's file owns everything else about it.
    private static IEnumerable<Command> Verbs() =>
    [
        FactorComputeCommand.Create(),
        FactorEvalCommand.Create(),
        MultiFactorCommand.Create(),
    ];
}
