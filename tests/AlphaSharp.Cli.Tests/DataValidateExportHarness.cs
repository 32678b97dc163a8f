namespace AlphaSharp.Cli.Tests;

/// <summary>
/// Runs the CLI in-process with stdout and stderr captured. Console redirection is process-wide, so the tests that use
/// it sit in one collection that runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DataValidateExportHarness
{
    public const string Name = "data validate/export console";

    public sealed record Result(int Exit, string Out, string Err);

    private static readonly Lock Gate = new();

    public static Result Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                var exit = CliApp.Run(args);
                return new Result(exit, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "alphasharp-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
        return dir;
    }
}
