using Spectre.Console;

namespace AlphaSharp.Cli;

/// <summary>
/// Spectre consoles bound to the current Console.Out / Console.Error (so in-process runs and tests capture them), and
/// progress bars that go to stderr only when it is a terminal, keeping stdout clean for tables, JSON and pipes.
/// </summary>
internal static class CliConsole
{
    public static IAnsiConsole Out()
    {
        // Plain text into files, pipes and writers that are not the terminal (in-process callers capturing output).
        var redirected = Console.IsOutputRedirected || Console.Out is StringWriter;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        // A redirected console has no width; 80 columns would fold every example line.
        if (redirected) console.Profile.Width = 200;
        return console;
    }

    /// <summary>Runs <paramref name="work"/>, showing the fraction it reports (0..1) as a progress bar on an interactive stderr.</summary>
    public static T WithProgress<T>(string label, Func<Action<double>, T> work)
    {
        if (Console.IsErrorRedirected) return work(_ => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress().AutoClear(true).HideCompleted(true).Start(ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(label), maxValue: 1);
            result = work(f => task.Value = Math.Clamp(f, 0, 1));
            task.Value = 1;
        });
        return result;
    }
}
