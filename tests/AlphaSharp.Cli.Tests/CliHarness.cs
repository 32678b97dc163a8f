using System.IO.Compression;
using System.Text;

namespace AlphaSharp.Cli.Tests;

/// <summary>
/// Runs the CLI in-process with stdout and stderr captured. Console redirection is process-wide, so every test that
/// uses it sits in this one collection, which runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliHarness
{
    public const string Name = "cli console";

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

    /// <summary>A fresh path under the temp folder (not created), for tests that clean up themselves.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "alphasharp-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
        return dir;
    }
}

/// <summary>A temporary directory of small input files, removed on dispose.</summary>
internal sealed class CliTempDir : IDisposable
{
    public CliTempDir()
    {
        Dir = Path.Combine(Path.GetTempPath(), "alphasharp-cli-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    public string Path_(string name) => Path.Combine(Dir, name);

    public string Text(string name, string content)
    {
        File.WriteAllText(Path_(name), content, new UTF8Encoding(false));
        return Path_(name);
    }

    public string Gzip(string name, string content)
    {
        using (var fs = File.Create(Path_(name)))
        using (var gz = new GZipStream(fs, CompressionLevel.Optimal))
            gz.Write(Encoding.UTF8.GetBytes(content));
        return Path_(name);
    }

    public string[] Entries() =>
        Directory.EnumerateFileSystemEntries(Dir, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Dir, p)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
