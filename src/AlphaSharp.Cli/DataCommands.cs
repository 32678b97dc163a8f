using System.CommandLine;

namespace AlphaSharp.Cli;

/// <summary>`alphasharp data ...`: import, info, validate, export. Each verb lives in its own file.</summary>
public static class DataCommands
{
    public static Command Create()
    {
        var data = new Command("data", "Import, inspect, validate and export market data stores");
        foreach (var verb in Verbs()) data.Subcommands.Add(verb);
        return data;
    }

    // One line per verb; a verb's file owns everything else about it.
    private static IEnumerable<Command> Verbs() =>
    [
        DataImportCommand.Create(),
        DataInfoCommand.Create(),
        DataValidateCommand.Create(),
        DataExportCommand.Create(),
    ];
}
